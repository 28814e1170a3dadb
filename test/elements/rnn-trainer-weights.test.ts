import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../dist/rnn-lab.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import { expectClose } from '../support/close.js';
import { PATIENT } from '../support/wait.js';

interface PytorchCase {
  kind: string;
  hidden: number;
  stateDict: Record<string, unknown>;
  rollout: number[];
}

const fixtureJson = async () => (await fetch('/test/reference/weights.json')).json() as Promise<{ pytorch: PytorchCase[] }>;


describe('<rnn-trainer> weights', () => {
  it('exports PyTorch state_dict JSON, and training from it starts where the export ended', async () => {
    const trained = await fixture<RnnTrainer>(html`<rnn-trainer models="gru mlp" epochs="60"></rnn-trainer>`);
    expect(trained.exportWeights()).to.equal(null); // nothing trained yet
    await trained.start();
    const gru = trained.exportWeights('gru')!;
    expect(Object.keys(gru)).to.deep.equal(['gru.weight_ih_l0', 'gru.weight_hh_l0', 'gru.bias_ih_l0', 'gru.bias_hh_l0', 'linear.weight', 'linear.bias']);
    expect((gru['gru.weight_hh_l0'] as number[][]).length).to.equal(48);
    expect((gru['gru.weight_hh_l0'] as number[][])[0].length).to.equal(16);
    expect(Object.keys(trained.exportWeights('mlp')!)).to.include('4.bias');

    const fresh = await fixture<RnnTrainer>(html`<rnn-trainer epochs="1"></rnn-trainer>`);
    await fresh.start();
    const resumed = await fixture<RnnTrainer>(html`<rnn-trainer epochs="1"></rnn-trainer>`);
    resumed.weights = JSON.parse(JSON.stringify(gru));
    await resumed.start();
    // One epoch from the trained weights is far better than one epoch from PyTorch's initialisation.
    expect(resumed.history.gru.trainLoss[0]).to.be.below(fresh.history.gru.trainLoss[0] / 5);
    expect(resumed.history.gru.trainLoss[0]).to.be.below(trained.history.gru.trainLoss[0]);
  });

  it('loads PyTorch-made weights from a URL and shows PyTorch`s rollout before training', async () => {
    const gru = (await fixtureJson()).pytorch.find((c) => c.kind === 'gru')!;
    const url = URL.createObjectURL(new Blob([JSON.stringify(gru.stateDict)], { type: 'application/json' }));
    const el = await fixture<RnnTrainer>(html`<rnn-trainer weights=${url} pace="0.5" epochs="2"></rnn-trainer>`);
    el.start().catch(() => {});
    await waitUntil(() => el.predictions.gru !== undefined, 'the epoch-0 rollout', PATIENT);
    expect(el.history.gru.trainLoss).to.have.length(0);
    expectClose(el.predictions.gru, gru.rollout, 'rollout of PyTorch-made weights');
    el.stop();
  });

  it('keeps the parameters of a stopped training for export', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer epochs="100000"></rnn-trainer>`);
    el.start().catch(() => {});
    await oneEvent(el, 'rnn-epoch');
    el.stop();
    await waitUntil(() => el.exportWeights() !== null, 'the stopped job`s parameters', PATIENT);
    expect(el.exportWeights()).to.have.property('linear.bias');
  });

  const invalid: Array<[string, unknown]> = [
    ['another model`s weights', { '0.weight': [[1]], '0.bias': [1] }],
    ['a missing key', { 'gru.weight_ih_l0': [[0]] }],
    ['not an object', [1, 2, 3]],
  ];
  for (const [what, weights] of invalid) {
    it(`reports ${what} as invalid-weights with a visible alert`, async () => {
      const el = await fixture<RnnTrainer>(html`<rnn-trainer></rnn-trainer>`);
      el.weights = weights as Record<string, unknown>;
      const error = oneEvent(el, 'rnn-error');
      el.start().catch(() => {});
      expect((await error).detail.code).to.equal('invalid-weights');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.not.equal('');
    });
  }

  it('reports weights of the wrong hidden size, naming the hidden size', async () => {
    const gru = (await fixtureJson()).pytorch.find((c) => c.kind === 'gru')!;
    const el = await fixture<RnnTrainer>(html`<rnn-trainer hidden-size="8"></rnn-trainer>`);
    el.weights = gru.stateDict;
    const error = oneEvent(el, 'rnn-error');
    el.start().catch(() => {});
    const { detail } = await error;
    expect(detail.code).to.equal('invalid-weights');
    expect(detail.message).to.contain('hidden size');
  });

  it('reports a weights URL that answers 404 as data-fetch', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer weights="/nothing.json"></rnn-trainer>`);
    const error = oneEvent(el, 'rnn-error');
    el.start().catch(() => {});
    expect((await error).detail.code).to.equal('data-fetch');
  });
});
