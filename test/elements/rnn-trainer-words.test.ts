import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../dist/rnn-lab.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';

async function errorOf(el: RnnTrainer): Promise<{ code: string; message: string }> {
  const error = oneEvent(el, 'rnn-error');
  el.start().catch(() => {});
  return (await error).detail;
}

describe('<rnn-trainer> messages', () => {
  it('says a missing weights file is the weights, not the data', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer weights="/no-such-weights.json"></rnn-trainer>`);
    const { code, message } = await errorOf(el);
    expect(code).to.equal('data-fetch');
    expect(message).to.contain('weights').and.not.contain('the data');
  });

  it('says that JSON has no NaN when the weights hold one', async () => {
    const url = URL.createObjectURL(new Blob(['{"gru.weight_ih_l0": [[NaN]]}'], { type: 'application/json' }));
    const el = await fixture<RnnTrainer>(html`<rnn-trainer weights=${url}></rnn-trainer>`);
    const { code, message } = await errorOf(el);
    expect(code).to.equal('invalid-weights');
    expect(message).to.contain('NaN');
  });

  it('blames the scale of huge data, not the learning rate', async () => {
    const huge = Array.from({ length: 200 }, (_, t) => (Math.sin(t / 5) * 1e30).toExponential(3)).join('\n');
    const el = await fixture<RnnTrainer>(html`<rnn-trainer seq-len="10" epochs="5">
      <script type="text/csv">${huge}</script></rnn-trainer>`);
    const { code, message } = await errorOf(el);
    expect(code).to.equal('diverged');
    expect(message).to.match(/standardise/i).and.not.match(/learning rate/);
  });
});
