import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { workerPool } from '../../dist/rnn-lab.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';

const alert = (el: RnnTrainer) => el.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? '';
const epochsOf = (el: RnnTrainer, model = 'gru') => el.history[model]?.trainLoss.length ?? 0;

/** Replaces `Worker` while `body` runs; `make` builds each worker the page starts. */
async function withWorkers(make: (url: string | URL, options?: WorkerOptions) => Worker, body: () => Promise<void>) {
  const RealWorker = window.Worker;
  window.Worker = function (url: string | URL, options?: WorkerOptions) {
    return make(url, options);
  } as unknown as typeof Worker;
  try {
    await body();
  } finally {
    window.Worker = RealWorker;
  }
}

/** A module worker that loads and runs, but never answers a message. */
const silentWorkerUrl = () => URL.createObjectURL(new Blob(['self.onmessage = () => {};'], { type: 'text/javascript' }));

// Each test starts from a fresh pool: one that hangs must not hang the next.
beforeEach(() => workerPool.terminateAll('a fresh pool for this test'));

describe('<rnn-trainer> and a worker that never answers or dies', () => {
  it('reports a worker that starts but never answers as a worker error within 20 s, and the next start trains', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer epochs="2"></rnn-trainer>`);
    const started = performance.now();
    const Real = window.Worker;
    const error = oneEvent(el, 'rnn-error');
    await withWorkers((_, options) => new Real(silentWorkerUrl(), options), async () => {
      el.start().catch(() => {});
      await waitUntil(() => el.state === 'error', 'no worker error', { timeout: 40000 });
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(`silent worker: worker error after ${seconds.toFixed(1)} s`);
    expect((await error).detail.code).to.equal('worker');
    expect(seconds).to.be.below(20);
    expect(workerPool.stats().workers).to.equal(0); // the silent worker was retired
    const result = await el.start();
    expect(result!.models.gru.epochs).to.equal(2);
  });

  it('reports a worker that dies silently mid-training as a worker error, and the next start gets a fresh worker', async () => {
    const Real = window.Worker;
    const made: Worker[] = [];
    const el = await fixture<RnnTrainer>(html`<rnn-trainer epochs="100000"></rnn-trainer>`);
    await withWorkers((url, options) => {
      const worker = new Real(url, options);
      made.push(worker);
      return worker;
    }, async () => {
      el.start().catch(() => {});
      await oneEvent(el, 'rnn-epoch');
    });
    // Behind the pool's back, as an out-of-memory kill or `self.close()` would: no event says so.
    made.forEach((w) => w.terminate());
    const died = performance.now();
    await waitUntil(() => el.state === 'error', 'no worker error', { timeout: 40000 });
    console.log(`dead worker: worker error after ${((performance.now() - died) / 1000).toFixed(1)} s`);
    expect(el.error!.code).to.equal('worker');
    expect((performance.now() - died) / 1000).to.be.below(20);
    await el.updateComplete;
    expect(alert(el)).to.not.equal('');
    el.epochs = 2;
    expect((await el.start())!.models.gru.epochs).to.equal(2);
  });
});

describe('<rnn-trainer> sharing the workers', () => {
  it('finishes a CPU run while a WebGL trainer on the same page trains, which says when it falls back', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <rnn-trainer id="gl" backend="webgl" hidden-size="64" epochs="100000"></rnn-trainer>
      <rnn-trainer id="cpu" epochs="30"></rnn-trainer></div>`);
    const [gl, cpu] = [...page.querySelectorAll('rnn-trainer')];
    const glStarted = oneEvent(gl, 'rnn-data'); // its first batch: the job holds its worker now
    gl.start().catch(() => {});
    await glStarted;
    const result = cpu.start();
    await waitUntil(() => cpu.state === 'done' || cpu.state === 'error', 'the CPU trainer to finish', { timeout: 60000 });
    expect((await result)!.models.gru.epochs).to.equal(30);
    expect(gl.state).to.equal('training');
    gl.stop();
    await gl.updateComplete;
    const notice = gl.shadowRoot!.querySelector('[part="notice"]')?.textContent ?? '';
    console.log(`webgl trainer notice: "${notice.trim()}"`);
  });
});

describe('<rnn-trainer> stopping within an epoch', () => {
  it('ends a job whose epochs are long within moments of stop()', async () => {
    // 400,000 values: one GRU epoch at 256 hidden units takes minutes.
    const values = Array.from({ length: 400_000 }, (_, t) => Math.sin(t / 30).toFixed(3)).join('\n');
    const url = URL.createObjectURL(new Blob([values], { type: 'text/csv' }));
    const el = await fixture<RnnTrainer>(html`<rnn-trainer src=${url} hidden-size="256" seq-len="200" split="0.95" epochs="3"></rnn-trainer>`);
    const stopped = oneEvent(el, 'rnn-stop');
    el.start().catch(() => {});
    await oneEvent(el, 'rnn-data'); // the first batch: the job is in its first epoch now
    el.stop();
    await stopped;
    const since = performance.now();
    await waitUntil(() => workerPool.stats().jobs === 0, 'the job to end', { timeout: 30000 });
    console.log(`long epoch: the job ended ${((performance.now() - since) / 1000).toFixed(2)} s after stop()`);
    expect(epochsOf(el)).to.equal(0);
    URL.revokeObjectURL(url);
  });
});

describe('<rnn-trainer> moved or removed', () => {
  async function training(): Promise<{ el: RnnTrainer; starts: number[] }> {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer autostart epochs="100000" pace="200"></rnn-trainer>`);
    await waitUntil(() => epochsOf(el) > 2, 'a few epochs', { timeout: 30000 });
    const starts: number[] = [];
    el.addEventListener('rnn-start', () => starts.push(epochsOf(el)));
    return { el, starts };
  }

  const moves: Array<[string, (el: RnnTrainer, to: HTMLElement) => void]> = [
    ['removed and inserted in the same task', (el, to) => {
      el.remove();
      to.append(el);
    }],
    ['appended elsewhere', (el, to) => to.append(el)],
    ['moved with moveBefore', (el, to) => {
      const move = (to as HTMLElement & { moveBefore?: (node: Node, child: Node | null) => void }).moveBefore;
      if (move) move.call(to, el, null);
      else to.append(el);
    }],
  ];
  for (const [how, move] of moves) {
    it(`keeps training when ${how}`, async () => {
      const { el, starts } = await training();
      const elsewhere = document.createElement('section');
      document.body.append(elsewhere);
      const before = epochsOf(el);
      move(el, elsewhere);
      await waitUntil(() => epochsOf(el) > before + 3, 'more epochs after the move', { timeout: 30000 });
      expect(starts, 'rnn-start after the move').to.deep.equal([]);
      expect(el.state).to.equal('training');
      el.stop();
      elsewhere.remove();
    });
  }

  it('stops when removed for good: rnn-stop, and history and weights stay readable', async () => {
    const { el } = await training();
    const stop = oneEvent(el, 'rnn-stop');
    el.remove();
    await stop;
    expect(el.state).to.equal('stopped');
    expect(el.getAttribute('state')).to.equal('stopped');
    await waitUntil(() => el.exportWeights('gru') !== null, 'the weights of the stopped run', { timeout: 30000 });
    expect(epochsOf(el)).to.be.greaterThan(0);
  });
});

describe('<rnn-trainer> with an invalid attribute', () => {
  it('shows the same parts as before: no controls and no charts when they were off', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer controls="none" charts="none"></rnn-trainer>`);
    const parts = () => el.shadowRoot!.querySelectorAll('[part~="control"], loss-chart, prediction-chart').length;
    expect(parts()).to.equal(0);
    const error = oneEvent(el, 'rnn-error');
    el.setAttribute('hidden-size', 'many');
    expect((await error).detail.code).to.equal('invalid-attribute');
    await el.updateComplete;
    expect(parts()).to.equal(0);
    expect(alert(el)).to.contain('many');
  });

  it('keeps the parts it showed when the controls attribute itself becomes invalid', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer controls="epochs" charts="loss"></rnn-trainer>`);
    const count = () => [el.shadowRoot!.querySelectorAll('input').length, el.shadowRoot!.querySelectorAll('loss-chart, prediction-chart').length];
    const before = count();
    el.setAttribute('controls', 'epochs nonsense');
    el.setAttribute('charts', 'nonsense');
    await el.updateComplete;
    expect(count()).to.deep.equal(before);
  });
});

describe('<rnn-trainer> reading `src` again', () => {
  it('fetches a changed file on the next start, whatever the HTTP cache says', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer src="/__changing.csv" seq-len="10" epochs="1"></rnn-trainer>`);
    await el.start();
    const first = el.series![0];
    await el.start();
    expect(el.series![0]).to.not.equal(first);
  });
});

describe('<rnn-trainer> announcements', () => {
  it('re-words the screen-reader status when lang changes', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><rnn-trainer epochs="2"></rnn-trainer></div>`);
    const el = wrapper.querySelector('rnn-trainer')!;
    await el.start();
    await el.updateComplete;
    const status = () => el.shadowRoot!.querySelector('[role="status"][aria-live]')!.textContent!.trim();
    expect(status()).to.match(/finished/);
    wrapper.setAttribute('lang', 'zh-CN');
    await waitUntil(() => /训练完成/.test(status()), 'the status in Chinese', { timeout: 5000 });
  });
});
