import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../dist/rnn-lab.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import type { EpochDetail } from '../../src/elements/events.js';
import type { TrainResult } from '../../src/core/protocol.js';

/** Collects every event of `names` fired by `el`. */
function record(el: HTMLElement, names: string[]): CustomEvent[] {
  const events: CustomEvent[] = [];
  for (const name of names) el.addEventListener(name, (e) => events.push(e as CustomEvent));
  return events;
}

function alertText(el: RnnTrainer): string | null {
  return el.shadowRoot!.querySelector('[role="alert"]')?.textContent?.trim() ?? null;
}

describe('<rnn-trainer>', () => {
  it('trains from its attributes: rnn-start, several rnn-epoch, then rnn-done with the result', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="gru mlp" epochs="12" seed="3"></rnn-trainer>`);
    const events = record(el, ['rnn-start', 'rnn-epoch', 'rnn-done']);
    const done = oneEvent(el, 'rnn-done');
    const result = await el.start();
    await done;
    expect(events[0].type).to.equal('rnn-start');
    expect(events[0].detail).to.deep.include({ models: ['gru', 'mlp'], epochs: 12, seed: 3, seqLen: 20 });
    const epochs = events.filter((e) => e.type === 'rnn-epoch').map((e) => e.detail as EpochDetail);
    expect(epochs.length).to.be.at.least(2);
    expect(epochs.every((e) => ['gru', 'mlp'].includes(e.model) && Number.isFinite(e.trainLoss))).to.equal(true);
    expect(events[events.length - 1].type).to.equal('rnn-done');
    expect(events[events.length - 1].detail).to.equal(result);

    const final = result as TrainResult;
    expect(final.seconds).to.be.greaterThan(0);
    for (const key of ['gru', 'mlp']) {
      expect(final.models[key]).to.have.all.keys('trainMse', 'testMse', 'bestTestMse', 'epochs', 'seconds', 'epochsPerSecond');
      expect(final.models[key].epochs).to.equal(12);
      expect(final.models[key].bestTestMse).to.be.at.most(final.models[key].testMse);
      expect(el.history[key].trainLoss).to.have.length(12);
      expect(el.history[key].testLoss[11]).to.equal(final.models[key].testMse);
      expect(el.predictions[key]).to.have.length(199);
    }
    expect(el.state).to.equal('done');
    expect(el.getAttribute('state')).to.equal('done');
    expect(el.result).to.equal(result);
    expect(el.series).to.have.length(1000);
    expect(el.splitIndex).to.equal(800);
  });

  it('fires rnn-epoch at most once per model per animation frame', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="rnn" epochs="300"></rnn-trainer>`);
    const frames: number[] = [];
    let frame = 0;
    const tick = () => { frame++; raf = requestAnimationFrame(tick); };
    let raf = requestAnimationFrame(tick);
    el.addEventListener('rnn-epoch', () => frames.push(frame));
    await el.start();
    cancelAnimationFrame(raf);
    expect(new Set(frames).size).to.equal(frames.length);
    expect(el.history.rnn.trainLoss).to.have.length(300);
  });

  it('reports an invalid attribute with rnn-error invalid-attribute and a visible alert', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer></rnn-trainer>`);
    const error = oneEvent(el, 'rnn-error');
    el.setAttribute('seq-len', '-5');
    const event = await error;
    expect(event.detail.code).to.equal('invalid-attribute');
    expect(event.detail.message).to.contain('-5');
    expect(el.state).to.equal('error');
    await el.updateComplete;
    expect(alertText(el)).to.contain('sequence length');
    let rejected = false;
    await el.start().catch(() => (rejected = true));
    expect(rejected).to.equal(true);
  });

  it('clears the error once the attribute is valid again', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer hidden-size="0"></rnn-trainer>`);
    await el.updateComplete;
    expect(el.state).to.equal('error');
    el.hiddenSize = 8;
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(el.error).to.equal(null);
    expect(alertText(el)).to.equal(null);
  });

  it('reflects properties to attributes and reads defaults', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer></rnn-trainer>`);
    expect(el.seqLen).to.equal(20);
    expect(el.models).to.equal('gru');
    expect(el.hasAttribute('seq-len')).to.equal(false);
    el.seqLen = 30;
    el.models = ['gru', 'lstm'] as unknown as string;
    expect(el.getAttribute('seq-len')).to.equal('30');
    expect(el.getAttribute('models')).to.equal('gru lstm');
    expect(el.state).to.equal('idle');
  });

  it('trains on inline CSV data from a child script', async () => {
    const values = Array.from({ length: 300 }, (_, t) => Math.sin(t / 10).toFixed(4)).join('\n');
    const el = await fixture<RnnTrainer>(html`<rnn-trainer epochs="2" seq-len="10">
      <script type="text/csv">${values}</script></rnn-trainer>`);
    await el.start();
    expect(el.series).to.have.length(300);
    expect(el.splitIndex).to.equal(240);
    expect(el.predictions.gru).to.have.length(59);
  });

  it('loads src, and reports a 404 as data-fetch while earlier results stay', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer src="/data/sine-1000.csv" epochs="2"></rnn-trainer>`);
    await el.start();
    expect(el.series![1]).to.be.closeTo(-0.0366, 1e-4);
    const history = el.history;
    const error = oneEvent(el, 'rnn-error');
    el.src = '/data/missing.csv';
    el.start().catch(() => {});
    expect((await error).detail.code).to.equal('data-fetch');
    expect(el.history).to.equal(history);
    expect(el.history.gru.trainLoss).to.have.length(2);
    await el.updateComplete;
    expect(alertText(el)).to.contain('404');
  });

  it('reports a series too short for the sequence length as data-too-short', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer seq-len="900"></rnn-trainer>`);
    const error = oneEvent(el, 'rnn-error');
    el.start().catch(() => {});
    expect((await error).detail.code).to.equal('data-too-short');
  });

  it('stops: rnn-stop, state stopped, history kept', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer epochs="100000"></rnn-trainer>`);
    const started = el.start();
    await oneEvent(el, 'rnn-epoch');
    const stopped = oneEvent(el, 'rnn-stop');
    el.stop();
    await stopped;
    expect(await started).to.equal(null);
    expect(el.state).to.equal('stopped');
    expect(el.history.gru.trainLoss.length).to.be.greaterThan(0);
  });

  it('starts by itself with autostart', async () => {
    const el = document.createElement('rnn-trainer') as RnnTrainer;
    el.setAttribute('autostart', '');
    el.setAttribute('epochs', '3');
    const done = oneEvent(el, 'rnn-done');
    document.body.append(el);
    expect((await done).detail.models.gru.epochs).to.equal(3);
    el.remove();
  });
});
