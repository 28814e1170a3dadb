import { expect } from '@open-wc/testing';
import * as Comlink from 'comlink';
import { sineSeries } from '../../src/core/default-series.js';
import type { GradientRecording, JobOutcome, ProgressBatch, RunSpec, TrainJob } from '../../src/core/protocol.js';
import { EVERY_MODEL, RUN, workerPerTest } from '../support/trainer-worker.js';


describe('gradient recording, through Comlink (dist/trainer.worker.js)', () => {
  const worker = workerPerTest('gradients');

  /** Starts a job; every batch, and each run's gradient recordings in order of arrival, are kept. */
  function start(runs: RunSpec[], options: Partial<TrainJob> = {}, onBatch: (b: ProgressBatch) => void = () => {}) {
    const id = worker.jobId();
    const batches: ProgressBatch[] = [];
    const recorded: Record<string, GradientRecording[]> = {};
    const job: TrainJob = { id, series: sineSeries(), runs, backend: 'cpu', pace: null, ...options };
    const outcome: Promise<JobOutcome> = worker.api.train(job, Comlink.proxy((b: ProgressBatch) => {
      batches.push(b);
      for (const [key, list] of Object.entries(b.gradients ?? {})) (recorded[key] ??= []).push(...list);
      onBatch(b);
    }));
    return { id, outcome, batches, recorded };
  }

  it('sends no gradients unless asked', async () => {
    const { outcome, batches } = start(EVERY_MODEL);
    expect((await outcome).status).to.equal('done');
    expect(batches.filter((b) => 'gradients' in b)).to.deep.equal([]);
  });

  it('records, when asked, each recurrent run`s gradients per step of its last sequence, at its first and last epoch; none for the MLP', async () => {
    const { outcome, recorded } = start(EVERY_MODEL, { recordGradients: true });
    expect((await outcome).status).to.equal('done');
    expect(Object.keys(recorded).sort()).to.deep.equal(['gru', 'lstm', 'rnn']);
    for (const [key, list] of Object.entries(recorded)) {
      expect(list[0].epoch, key).to.equal(1);
      expect(list.at(-1)!.epoch, key).to.equal(RUN.epochs);
      for (const { connectivity, hiddenGrad } of list) {
        expect(connectivity, key).to.have.length(RUN.seqLen);
        expect(hiddenGrad, key).to.have.length(RUN.seqLen);
        expect([...connectivity, ...hiddenGrad].every((v) => Number.isFinite(v) && v >= 0), key).to.equal(true);
        // The last prediction depends on the last input most directly: its connectivity is not zero.
        expect(connectivity[RUN.seqLen - 1], key).to.be.greaterThan(0);
      }
    }
  });

  it('changes no number of the training: the same parameters with and without recording', async () => {
    const runs = EVERY_MODEL.map((r) => ({ ...r, epochs: 4 }));
    const plain = await start(runs).outcome;
    const recording = await start(runs, { recordGradients: true }).outcome;
    if (plain.status !== 'done' || recording.status !== 'done') throw new Error('a job did not finish');
    for (const { key } of runs) expect(Array.from(recording.parameters[key]), key).to.deep.equal(Array.from(plain.parameters[key]));
  });

  it('records at most ten epochs a second per run, spread over the training', async () => {
    const t0 = performance.now();
    const { outcome, recorded } = start([{ ...RUN, key: 'rnn', model: 'rnn', seqLen: 5, epochs: 400 }], { recordGradients: true });
    expect((await outcome).status).to.equal('done');
    const seconds = (performance.now() - t0) / 1000;
    const epochs = recorded.rnn.map((r) => r.epoch);
    expect(epochs.length).to.be.at.most(Math.ceil(seconds * 10) + 2);
    expect(epochs[0]).to.equal(1);
    expect(epochs.at(-1)).to.equal(400);
    expect(epochs.every((e, i) => i === 0 || e > epochs[i - 1])).to.equal(true);
  });

  it('setRecordGradients turns recording on for a running job and off again', async () => {
    let phase = 0;
    const job = start([{ ...RUN, key: 'lstm', model: 'lstm', epochs: 30 }], { pace: 20 }, (b) => {
      const epoch = b.epochs.at(-1)?.epoch ?? 0;
      if (epoch >= 3 && phase === 0) {
        phase = 1;
        worker.api.setRecordGradients(job.id, true);
      } else if (b.gradients && phase === 1) {
        phase = 2;
        worker.api.setRecordGradients(job.id, false);
      }
    });
    await job.outcome;
    const epochs = (job.recorded.lstm ?? []).map((r) => r.epoch);
    expect(epochs.length, 'recordings after on, before off took effect').to.be.within(1, 2);
    expect(epochs[0]).to.be.within(4, 6);
    expect(epochs.at(-1)).to.be.below(30);
  });
});
