import { expect, waitUntil } from '@open-wc/testing';
import * as Comlink from 'comlink';
import type { EpochRecord, JobOutcome, ProgressBatch, RunSpec, TrainerWorkerApi } from '../../src/core/protocol.js';
import { sineSeries } from '../../src/core/default-series.js';
import { MODEL_KINDS, type BackendName } from '../../src/core/config.js';
import { PROGRESS_MS } from '../../src/core/rates.js';
import { PATIENT, steady } from '../support/wait.js';
import { workerPerTest } from '../support/trainer-worker.js';

const GRU: RunSpec = { key: 'gru', model: 'gru', hiddenSize: 16, seqLen: 20, learningRate: 5e-4, epochs: 8, split: 0.8, seed: 0 };

type History = Record<string, { trainLoss: number[]; testLoss: number[] }>;

/** Every model's history over three epochs, each epoch's train and test loss, from a fresh worker. */
async function historyOf(seed: number, backend: BackendName): Promise<History> {
  const worker = new Worker('/dist/trainer.worker.js', { type: 'module' });
  try {
    const history: History = {};
    const runs = MODEL_KINDS.map((model) => ({ ...GRU, key: model, model, seed, epochs: 3 }));
    const onBatch = (batch: ProgressBatch) => batch.epochs.forEach(({ key, trainLoss, testLoss }) => {
      history[key] ??= { trainLoss: [], testLoss: [] };
      history[key].trainLoss.push(trainLoss);
      history[key].testLoss.push(testLoss);
    });
    const outcome = await Comlink.wrap<TrainerWorkerApi>(worker)
      .train({ id: `history-${seed}`, series: sineSeries(), runs, backend, pace: null }, Comlink.proxy(onBatch));
    expect(outcome.status).to.equal('done');
    return history;
  } finally {
    worker.terminate();
  }
}

describe('the training worker, through Comlink (dist/trainer.worker.js)', () => {
  const worker = workerPerTest('test');

  function train(runs: RunSpec[], onBatch: (batch: ProgressBatch) => void = () => {}, pace: number | null = null) {
    const id = worker.jobId();
    const outcome = worker.api.train({ id, series: sineSeries(), runs, backend: 'cpu', pace }, Comlink.proxy(onBatch));
    return { id, outcome };
  }

  it('trains a GRU for a few epochs and the train loss falls', async () => {
    const epochs: EpochRecord[] = [];
    const { outcome } = train([GRU], (batch) => epochs.push(...batch.epochs));
    const result = await outcome;
    expect(result.status).to.equal('done');
    expect(epochs.map((e) => e.epoch)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(epochs[7].trainLoss).to.be.below(epochs[0].trainLoss);
    expect(epochs.every((e) => Number.isFinite(e.testLoss) && e.epochsPerSecond > 0)).to.equal(true);
    if (result.status === 'done') {
      expect(result.result.models.gru).to.include({ epochs: 8, trainMse: epochs[7].trainLoss, testMse: epochs[7].testLoss });
    }
  });

  it('sends progress at most every PROGRESS_MS of training, each batch with every epoch since the last', async () => {
    const batches: EpochRecord[][] = [];
    await train([{ ...GRU, epochs: 400 }], (batch) => batch.epochs.length && batches.push(batch.epochs)).outcome;
    expect(batches.flat().map((e) => e.epoch)).to.deep.equal(Array.from({ length: 400 }, (_, i) => i + 1));
    // When, in the worker's training time, each batch's last epoch ended: its epochs per
    // second say it, whatever the page's delay in reading the batch. The last batch is
    // sent as the run ends, however soon after the one before. A batch goes out just after
    // its last epoch ends, and at least PROGRESS_MS after the one before; half of that is
    // the bound here, for a worker descheduled on a busy machine between the two.
    const endedAt = batches.slice(0, -1).map((epochs) => {
      const { epoch, epochsPerSecond } = epochs[epochs.length - 1];
      return (epoch / epochsPerSecond) * 1000;
    });
    const gaps = endedAt.slice(1).map((at, i) => at - endedAt[i]);
    expect(gaps.length, 'batches apart').to.be.at.least(3);
    expect(Math.min(...gaps)).to.be.above(PROGRESS_MS / 2);
  });

  it('sends each run`s latest test rollout: len(test) - 1 predictions', async () => {
    let predictions: Float32Array | undefined;
    await train([{ ...GRU, epochs: 2 }], (batch) => (predictions = batch.predictions.gru ?? predictions)).outcome;
    expect(predictions).to.be.instanceOf(Float32Array);
    expect(predictions!.length).to.equal(199);
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`gives a bit-identical history (train and test losses) for the same seed on ${backend}, run after run; another seed differs`, async () => {
      const first = await historyOf(0, backend);
      expect(Object.keys(first)).to.deep.equal(MODEL_KINDS);
      expect(await historyOf(0, backend)).to.deep.equal(first);
      const other = await historyOf(1, backend);
      for (const model of MODEL_KINDS) expect(other[model], model).not.to.deep.equal(first[model]);
    });
  }

  // At 10 epochs/s each epoch reaches the page before the next begins, so the page
  // knows which epoch it asked at; unpaced, the worker is a batch (PROGRESS_MS, 50 ms: tens of epochs) ahead.
  const PACE = 10;

  it('stops within an epoch when asked', async () => {
    let last = 0;
    let askedAt = 0;
    const { id, outcome } = train([{ ...GRU, epochs: 100000 }], (b) => {
      last = b.epochs[b.epochs.length - 1]?.epoch ?? last;
      if (last >= 3 && !askedAt) {
        askedAt = last;
        worker.api.stop(id);
      }
    }, PACE);
    const result: JobOutcome = await outcome;
    expect(result.status).to.equal('stopped');
    expect(last - askedAt).to.be.at.most(1);
  });

  it('stops a job asked to stop before it started, with no epoch trained', async () => {
    let seen = 0;
    const { id, outcome } = train([GRU], (b) => (seen += b.epochs.length));
    worker.api.stop(id);
    expect((await outcome).status).to.equal('stopped');
    expect(seen).to.equal(0);
  });

  it('pauses within an epoch of being asked, and resumes where it left off', async () => {
    let seen = 0;
    let pauseAsked: { at: number; done: Promise<void> } | undefined;
    const { id, outcome } = train([{ ...GRU, epochs: 8 }], (b) => {
      seen += b.epochs.length;
      pauseAsked ??= { at: seen, done: worker.api.pause(id) };
    }, PACE);
    await waitUntil(() => pauseAsked !== undefined, 'a first epoch', PATIENT);
    await pauseAsked!.done;
    // The last batch, sent as the loop paused, arrives; then nothing for five epochs' time.
    const atPause = await steady(() => seen, 5000 / PACE);
    expect(atPause - pauseAsked!.at).to.be.at.most(1);
    await worker.api.resume(id);
    expect((await outcome).status).to.equal('done');
    expect(seen).to.equal(8);
  });

  it('holds a job paused before it started until it is resumed', async () => {
    let seen = 0;
    let batches = 0;
    const { id, outcome } = train([{ ...GRU, epochs: 5 }], (b) => {
      batches++;
      seen += b.epochs.length;
    });
    await worker.api.pause(id); // arrives while the job waits for its backend to start
    // Once started, the job sends its untrained models' rollouts (no epoch), then holds.
    await waitUntil(() => batches > 0, 'the job to start', PATIENT);
    expect(await steady(() => seen, 500)).to.equal(0);
    await worker.api.resume(id);
    expect((await outcome).status).to.equal('done');
    expect(seen).to.equal(5);
  });

  it('reports a loss that stops being finite as diverged, keeping the epochs before', async () => {
    const epochs: EpochRecord[] = [];
    const huge = sineSeries().map((v) => v * 1e20); // float32, but its square is not
    const id = worker.jobId();
    const result = await worker.api.train({ id, series: huge, runs: [{ ...GRU, learningRate: 1 }], backend: 'cpu', pace: null },
      Comlink.proxy((b: ProgressBatch) => epochs.push(...b.epochs)));
    expect(result.status).to.equal('error');
    if (result.status === 'error') {
      expect(result.error.code).to.equal('diverged');
      expect(result.error.params).to.deep.include({ model: 'gru', epoch: epochs.length + 1 });
      // Data of this scale cannot be trained on as it is: the message says so, not "a smaller learning rate".
      expect(result.error.key).to.equal('error.divergedScale');
    }
  });

  it('rejects invalid hyperparameters with invalid-attribute', async () => {
    const result = await train([{ ...GRU, hiddenSize: 0 }]).outcome;
    expect(result.status).to.equal('error');
    if (result.status === 'error') expect(result.error).to.include({ code: 'invalid-attribute' });
  });

  it('holds the same number of tensors after epoch 10 and after epoch 1000', async () => {
    const counts = new Map<number, Promise<number>>();
    const { outcome } = train([{ ...GRU, model: 'rnn', key: 'rnn', epochs: 1300 }], (b) => {
      const epoch = b.epochs[b.epochs.length - 1]?.epoch ?? 0;
      for (const mark of [10, 1000]) if (epoch >= mark && !counts.has(mark)) counts.set(mark, worker.api.numTensors());
    });
    await outcome;
    const [at10, at1000] = await Promise.all([counts.get(10), counts.get(1000)]);
    expect(at10).to.be.greaterThan(0);
    expect(at1000).to.equal(at10);
  });
});
