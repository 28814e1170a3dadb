import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { workerPool } from '../../dist/rnn-lab.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import type { EpochDetail } from '../../src/elements/events.js';
import { createPrng } from '../../src/core/prng.js';
import { PATIENT } from '../support/wait.js';

const alert = (el: RnnTrainer) => el.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? null;


describe('<rnn-trainer> under faults', () => {
  const uncaught: unknown[] = [];
  const onError = (e: ErrorEvent) => uncaught.push(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent) => uncaught.push(e.reason);
  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => expect(uncaught).to.deep.equal([]));

  it('reports a worker that dies mid-training as a worker error, and trains again afterwards', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer epochs="100000"></rnn-trainer>`);
    el.start().catch(() => {});
    await oneEvent(el, 'rnn-epoch');
    const error = oneEvent(el, 'rnn-error');
    workerPool.terminateAll('killed by the test');
    expect((await error).detail.code).to.equal('worker');
    expect(el.state).to.equal('error');
    await el.updateComplete;
    expect(alert(el)).to.contain('killed by the test');
    expect(el.history.gru.trainLoss.length).to.be.greaterThan(0); // earlier results stay readable

    el.epochs = 3;
    const result = await el.start();
    expect(result!.models.gru.epochs).to.equal(3);
    expect(el.state).to.equal('done');
  });

  it('stops its job and frees its worker slot when removed mid-training', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer epochs="100000"></rnn-trainer>`);
    el.start().catch(() => {});
    await oneEvent(el, 'rnn-epoch');
    expect(workerPool.stats().jobs).to.equal(1);
    el.remove();
    await waitUntil(() => workerPool.stats().jobs === 0, 'the job to end', PATIENT);
    expect(el.state).to.equal('stopped');
  });

  it('stays consistent when start, stop, reset, pause and resume are clicked 500 times in random order', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer epochs="100000" models="rnn"></rnn-trainer>`);
    const prng = createPrng(5, 'clicks');
    const actions = ['train', 'stop', 'reset', 'pause'] as const;
    for (let i = 0; i < 500; i++) {
      const part = actions[Math.floor(prng.next() * actions.length)];
      el.shadowRoot!.querySelector<HTMLButtonElement>(`button[part~="${part}"]`)!.click();
      // Now and then a pause of random length lets the worker answer between clicks.
      if (i % 25 === 0) await aTimeout(Math.floor(prng.next() * 20));
      await el.updateComplete;
    }
    el.stop();
    await waitUntil(() => workerPool.stats().jobs === 0, 'every job to end', PATIENT);
    expect(['stopped', 'idle', 'done']).to.include(el.state);
    expect(el.getAttribute('state')).to.equal(el.state);
    el.epochs = 2;
    expect((await el.start())!.models.rnn.epochs).to.equal(2);
  });
});

describe('<rnn-trainer> data failures', () => {
  const cases: Array<[string, string, string]> = [
    ['a 404', '/data/none.csv', 'data-fetch'],
    ['an unreachable server', 'http://127.0.0.1:9/data.csv', 'data-fetch'],
    ['a server that refuses CORS', `http://127.0.0.1:${location.port}/data/sine-1000.csv`, 'data-fetch'],
    ['an empty file', 'data:text/csv,', 'data-parse'],
    ['a header only', 'data:text/csv,value%0A', 'data-parse'],
    ['text cells', 'data:text/csv,1%0A2%0Aabc', 'data-parse'],
    ['too few values', 'data:text/csv,1%0A2%0A3%0A4%0A5', 'data-too-short'],
  ];
  for (const [what, src, code] of cases) {
    it(`reports ${what} as ${code} with a visible alert`, async () => {
      expect(location.hostname).not.to.equal('127.0.0.1'); // the CORS case needs another origin
      const el = await fixture<RnnTrainer>(html`<rnn-trainer src=${src}></rnn-trainer>`);
      const error = oneEvent(el, 'rnn-error');
      el.start().catch(() => {});
      expect((await error).detail.code).to.equal(code);
      await el.updateComplete;
      expect(alert(el)).to.be.a('string').and.not.equal('');
    });
  }

  it('keeps the epochs before the loss overflowed (diverged)', async () => {
    // A ramp, learnt on its first tenth: the MLP's closed-loop rollout over the rest overflows
    // in the second epoch (seeded, so always there), after one epoch of finite losses.
    const ramp = Array.from({ length: 1000 }, (_, t) => (t / 20).toFixed(3)).join('\n');
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="mlp" seq-len="10" split="0.1" epochs="50"
      learning-rate="0.05"><script type="text/csv">${ramp}</script></rnn-trainer>`);
    const reported: number[] = [];
    el.addEventListener('rnn-epoch', (e) => reported.push((e as CustomEvent<EpochDetail>).detail.testLoss));
    const error = oneEvent(el, 'rnn-error');
    el.start().catch(() => {});
    expect((await error).detail.code).to.equal('diverged');
    const { trainLoss, testLoss } = el.history.mlp;
    expect(testLoss.length).to.be.at.least(1);
    expect(trainLoss).to.have.length(testLoss.length);
    expect([...trainLoss, ...testLoss].every(Number.isFinite)).to.equal(true);
    expect(testLoss.at(-1)).to.equal(reported.at(-1));
    await el.updateComplete;
    expect(el.exportResults('csv')).to.contain(`mlp,test_loss,1,${testLoss[0]}`);
  });

  it('renders data and messages as text, never as HTML', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer seq-len="<img src=x onerror=alert(1)>"></rnn-trainer>`);
    await el.updateComplete;
    expect(alert(el)).to.contain('<img src=x');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });
});

describe('<rnn-trainer> with a million rows', () => {
  it('loads and parses them without freezing the page', async () => {
    // One block, repeated inside the Blob: a million strings on the page would give the test's own GC pauses.
    const block = `${Array.from({ length: 1000 }, (_, t) => (Math.sin(t / 30) + 0.001 * (t % 7)).toFixed(5)).join('\n')}\n`;
    const url = URL.createObjectURL(new Blob(['value\n', ...Array(1000).fill(block)], { type: 'text/csv' }));
    const el = await fixture<RnnTrainer>(html`<rnn-trainer src=${url} epochs="1"></rnn-trainer>`);
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    observer.observe({ type: 'longtask' });
    el.start().catch(() => {});
    await waitUntil(() => el.state === 'training', 'the data to load', PATIENT);
    await el.updateComplete;
    longTasks.push(...observer.takeRecords().map((e) => e.duration));
    observer.disconnect();
    el.stop();
    URL.revokeObjectURL(url);
    expect(el.series).to.have.length(1_000_000);
    // A wide margin, for slow and busy machines: the bench measures the real budget (50 ms).
    expect(Math.max(0, ...longTasks), `long tasks (ms): ${longTasks}`).to.be.below(500);
  });
});
