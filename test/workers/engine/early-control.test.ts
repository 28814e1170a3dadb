import { expect, nextFrame, waitUntil } from '@open-wc/testing';
import { sineSeries } from '../../../src/core/default-series.js';
import type { ProgressBatch, RunSpec, TrainJob } from '../../../src/core/protocol.js';
import { createTrainerApi } from '../../../workers/engine/trainer-api.js';

const GRU: RunSpec = { key: 'gru', model: 'gru', hiddenSize: 4, seqLen: 20, learningRate: 5e-3, epochs: 3, split: 0.8, seed: 0 };
const job = (id: string, backend: TrainJob['backend'], epochs = 3): TrainJob =>
  ({ id, series: sineSeries({ length: 200 }), runs: [{ ...GRU, epochs }], backend, pace: null });

/**
 * Calls that reach a job before its backend is ready: a job on another backend
 * waits for the worker's running job (tfjs has one backend at a time), and says so.
 */
describe('control calls before the backend is ready (the trainer API, on this page)', () => {
  it('a waiting job says so, keeps an early pause and an early stop, and trains no epoch once stopped', async () => {
    const api = createTrainerApi();
    // Long enough that only the stop below can end it, however fast the machine.
    const first = api.train(job('first', 'cpu', 100_000), () => {});
    const batches: ProgressBatch[] = [];
    const second = api.train(job('second', 'webgl'), (b) => batches.push(b));
    await waitUntil(() => batches.some((b) => b.waiting), 'the second job to wait');
    api.pause('second');
    api.stop('second');
    api.stop('first');
    expect((await first).status).to.equal('stopped');
    expect((await second).status).to.equal('stopped');
    expect(batches.flatMap((b) => b.epochs)).to.deep.equal([]);
  });

  it('a job paused before its backend was ready starts paused and trains once resumed', async () => {
    const api = createTrainerApi();
    const batches: ProgressBatch[] = [];
    const outcome = api.train(job('paused-early', 'cpu'), (b) => batches.push(b));
    api.pause('paused-early');
    await waitUntil(() => batches.length > 0, 'the initial models');
    for (let frame = 0; frame < 5; frame++) await nextFrame();
    expect(batches.flatMap((b) => b.epochs)).to.deep.equal([]);
    api.resume('paused-early');
    expect((await outcome).status).to.equal('done');
    expect(batches.flatMap((b) => b.epochs)).to.have.length(3);
  });
});
