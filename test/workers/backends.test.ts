import { expect } from '@open-wc/testing';
import * as Comlink from 'comlink';
import type { BackendName } from '../../src/core/config.js';
import { sineSeries } from '../../src/core/default-series.js';
import type { EpochRecord, JobOutcome, ProgressBatch, RunSpec, TrainerWorkerApi } from '../../src/core/protocol.js';

/** Small enough for WebGL's plain ops, which cost milliseconds each: 3 sequences, a 20-step rollout. */
const SERIES = sineSeries({ length: 100 });
const GRU: RunSpec = { key: 'gru', model: 'gru', hiddenSize: 8, seqLen: 20, learningRate: 5e-3, epochs: 3, split: 0.8, seed: 0 };

interface Trained {
  outcome: JobOutcome;
  epochs: EpochRecord[];
  notice: ProgressBatch['fallback'];
  /** What the worker trained on, by its own account. */
  used: string | null;
}

async function trainOn(backend: BackendName): Promise<Trained> {
  const worker = new Worker('/dist/trainer.worker.js', { type: 'module' });
  try {
    const api = Comlink.wrap<TrainerWorkerApi>(worker);
    const epochs: EpochRecord[] = [];
    let notice: ProgressBatch['fallback'];
    const outcome = await api.train({ id: backend, series: SERIES, runs: [GRU], backend, pace: null },
      Comlink.proxy((b: ProgressBatch) => {
        epochs.push(...b.epochs);
        notice ??= b.fallback;
      }));
    return { outcome, epochs, notice, used: await api.backend() };
  } finally {
    worker.terminate();
  }
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const losses = (e: EpochRecord) => [e.trainLoss, e.testLoss];

describe('backends, in the built worker', () => {
  let cpu: Trained;
  before(async () => {
    cpu = await trainOn('cpu');
  });

  it('auto trains on cpu, the fastest in the bench at every hidden size', async () => {
    const auto = await trainOn('auto');
    expect(auto.used).to.equal('cpu');
    expect(auto.notice).to.equal(undefined);
    expect(auto.epochs.map(losses)).to.deep.equal(cpu.epochs.map(losses));
  });

  it('wasm trains with the same fused cell math: the same history as cpu, bit for bit', async () => {
    const wasm = await trainOn('wasm');
    expect(wasm.outcome.status).to.equal('done');
    expect(wasm.used).to.equal('wasm');
    expect(wasm.notice).to.equal(undefined);
    expect(wasm.epochs.map(losses)).to.deep.equal(cpu.epochs.map(losses));
  });

  describe('webgl (plain ops; headless Chromium may have no WebGL)', () => {
    let webgl: Trained;
    before(async function () {
      this.timeout(300000);
      webgl = await trainOn('webgl');
    });

    it('trains on WebGL when it starts (landing where cpu does), or falls back to cpu and says so once', function () {
      // Which branch runs depends on the machine's GPU support; the log says which one this run took.
      console.log(`webgl backend test: ${webgl.notice ? `WebGL not used here (${webgl.notice.reason ?? 'could not start'}); checked the fallback` : 'WebGL started; checked training on it'}`);
      expect(webgl.outcome.status).to.equal('done');
      if (webgl.notice) {
        // It could not start, or runs on a software renderer (`reason: 'software'`), hundreds of times slower than cpu.
        expect(webgl.notice).to.deep.include({ requested: 'webgl', used: 'cpu' });
        expect(webgl.used).to.equal('cpu');
        expect(webgl.epochs.map(losses)).to.deep.equal(cpu.epochs.map(losses));
        return;
      }
      expect(webgl.used).to.equal('webgl');
      expect(webgl.epochs).to.have.length(GRU.epochs);
      webgl.epochs.forEach((e, i) => {
        expect(relative(e.trainLoss, cpu.epochs[i].trainLoss), `train loss, epoch ${e.epoch}`).to.be.below(1e-3);
        expect(relative(e.testLoss, cpu.epochs[i].testLoss), `test loss, epoch ${e.epoch}`).to.be.below(1e-3);
      });
    });
  });
});
