import { expect, waitUntil } from '@open-wc/testing';
import * as Comlink from 'comlink';
import { sineSeries } from '../../src/core/default-series.js';
import { PATIENT, steady } from '../support/wait.js';
import type { GateRecording, JobOutcome, ProgressBatch, RunSpec, TrainJob } from '../../src/core/protocol.js';
import { EVERY_MODEL, RUN, workerPerTest } from '../support/trainer-worker.js';

/** The range each recorded quantity lives in: sigmoid gates (0, 1), tanh states (-1, 1), the LSTM cell state unbounded. */
const RANGE: Record<string, [number, number]> = {
  z: [0, 1], r: [0, 1], i: [0, 1], f: [0, 1], o: [0, 1], h: [-1, 1], c: [-Infinity, Infinity],
};

/** One gate recording as the page received it, and when (performance.now()). */
interface Arrival {
  key: string;
  at: number;
  recording: GateRecording;
}

describe('gate recording, through Comlink (dist/trainer.worker.js)', () => {
  const worker = workerPerTest('gates');

  /** Starts a job; every batch and every gate recording is kept, in order of arrival. */
  function start(runs: RunSpec[], options: Partial<TrainJob> = {}, onBatch: (b: ProgressBatch) => void = () => {}) {
    const id = worker.jobId();
    const batches: ProgressBatch[] = [];
    const arrivals: Arrival[] = [];
    const job: TrainJob = { id, series: sineSeries(), runs, backend: 'cpu', pace: null, ...options };
    const outcome: Promise<JobOutcome> = worker.api.train(job, Comlink.proxy((b: ProgressBatch) => {
      batches.push(b);
      for (const [key, recording] of Object.entries(b.gates ?? {})) arrivals.push({ key, at: performance.now(), recording });
      onBatch(b);
    }));
    return { id, outcome, batches, arrivals };
  }

  it('sends no gates unless asked', async () => {
    const { outcome, batches } = start(EVERY_MODEL);
    expect((await outcome).status).to.equal('done');
    expect(batches.length).to.be.greaterThan(0);
    expect(batches.filter((b) => 'gates' in b)).to.deep.equal([]);
  });

  it('records, when asked, each recurrent run`s gates per step and unit, in range; none for the MLP', async () => {
    const { outcome, arrivals } = start(EVERY_MODEL, { recordGates: true });
    expect((await outcome).status).to.equal('done');
    const latest = Object.fromEntries(arrivals.map((a) => [a.key, a.recording]));
    expect(Object.keys(latest).sort()).to.deep.equal(['gru', 'lstm', 'rnn']);
    const expectedNames = { gru: ['z', 'r', 'h'], lstm: ['i', 'f', 'o', 'c'], rnn: ['h'] };
    for (const [key, names] of Object.entries(expectedNames)) {
      const { epoch, steps, units, values } = latest[key];
      expect(latest[key].names, key).to.deep.equal(names);
      expect({ epoch, steps, units }, key).to.deep.equal({ epoch: 3, steps: 199, units: 16 });
      expect(values, key).to.be.instanceOf(Float32Array).and.to.have.length(names.length * 199 * 16);
      names.forEach((name, n) => {
        const [low, high] = RANGE[name];
        const slice = values.subarray(n * 199 * 16, (n + 1) * 199 * 16);
        expect(slice.every((v) => Number.isFinite(v) && v > low && v < high), `${key}.${name} within (${low}, ${high})`).to.equal(true);
        expect(new Set(slice).size, `${key}.${name} varies over steps and units`).to.be.greaterThan(100);
        // The extents and unit means the page shows come with the recording, from the values.
        const { extents, means } = latest[key];
        expect([extents[2 * n], extents[2 * n + 1]], `${key}.${name} extents`).to.deep.equal([Math.min(...slice), Math.max(...slice)]);
        for (const unit of [0, 7, 15]) {
          let sum = 0;
          for (let step = 0; step < 199; step++) sum += slice[step * 16 + unit];
          expect(means[n * 16 + unit], `${key}.${name} mean of unit ${unit}`).to.be.closeTo(sum / 199, 1e-12);
        }
      });
    }
  });

  it('sends a run`s gates at most 4 times a second: at epoch 0, then every 250 ms or more, and at the last epoch', async () => {
    const epochs = 1000;
    const { outcome, arrivals } = start([{ ...RUN, key: 'gru', model: 'gru', epochs }], { recordGates: true });
    expect((await outcome).status).to.equal('done');
    const seen = arrivals.map((a) => a.recording.epoch);
    expect(seen[0]).to.equal(0);
    expect(seen[seen.length - 1]).to.equal(epochs);
    expect(seen.slice(1).every((epoch, i) => epoch > seen[i]), `epochs in order: ${seen}`).to.equal(true);
    // Arrival times on the page jitter with its own work; the worker spaces them by 250 ms of its clock.
    const span = arrivals[arrivals.length - 1].at - arrivals[0].at;
    expect(seen.length, `${seen.length} recordings in ${Math.round(span)} ms`).to.be.at.most(3 + Math.ceil(span / 250));
  });

  it('changes no number: history, rollouts and final parameters are bit-identical with and without recording', async () => {
    const runs = EVERY_MODEL.map((r) => ({ ...r, epochs: 4 }));
    const strip = (b: ProgressBatch) => ({ epochs: b.epochs.map(({ epochsPerSecond: _, ...e }) => e), predictions: b.predictions });
    const plain = start(runs);
    const plainOutcome = await plain.outcome;
    const recorded = start(runs, { recordGates: true });
    const recordedOutcome = await recorded.outcome;
    expect(recorded.arrivals.length).to.be.greaterThan(0);
    const flat = (batches: ProgressBatch[]) => {
      const all = batches.map(strip);
      return { epochs: all.flatMap((b) => b.epochs), predictions: all.map((b) => b.predictions).filter((p) => Object.keys(p).length) };
    };
    expect(flat(recorded.batches).epochs).to.deep.equal(flat(plain.batches).epochs);
    expect(flat(recorded.batches).predictions.at(-1)).to.deep.equal(flat(plain.batches).predictions.at(-1));
    expect(recordedOutcome.status === 'done' && recordedOutcome.parameters).to.deep.equal(plainOutcome.status === 'done' && plainOutcome.parameters);
  });

  it('holds the same number of tensors after epoch 10 and after epoch 1000 while recording', async () => {
    const counts = new Map<number, Promise<number>>();
    const { outcome, arrivals } = start([{ ...RUN, key: 'gru', model: 'gru', epochs: 1100 }], { recordGates: true }, (b) => {
      const epoch = b.epochs.at(-1)?.epoch ?? 0;
      for (const mark of [10, 1000]) if (epoch >= mark && !counts.has(mark)) counts.set(mark, worker.api.numTensors());
    });
    await outcome;
    expect(arrivals.length).to.be.at.least(2);
    const [at10, at1000] = await Promise.all([counts.get(10), counts.get(1000)]);
    expect(at10).to.be.greaterThan(0);
    expect(at1000).to.equal(at10);
  });

  it('setRecordGates turns recording on for a running job and off again', async () => {
    let calls = 0;
    const job = start([{ ...RUN, key: 'lstm', model: 'lstm', epochs: 30 }], { pace: 20 }, (b) => {
      const epoch = b.epochs.at(-1)?.epoch ?? 0;
      if (epoch >= 3 && calls === 0) {
        calls++;
        worker.api.setRecordGates(job.id, true);
      }
      if (b.gates && calls === 1) {
        calls++;
        worker.api.setRecordGates(job.id, false);
      }
    });
    await job.outcome;
    expect(job.arrivals.length, 'recordings after on, before off took effect').to.be.within(1, 2);
    expect(job.arrivals[0].recording.epoch).to.be.within(3, 5);
    expect(job.arrivals.at(-1)!.recording.epoch).to.be.below(30);
  });

  /** Starts a paced job and pauses it at its second epoch; resolves with the epoch it paused at, once the pause took effect. */
  async function pausedJob(run: RunSpec, options: Partial<TrainJob>) {
    let asked = false;
    const job = start([run], { pace: 20, ...options }, (b) => {
      if ((b.epochs.at(-1)?.epoch ?? 0) >= 2 && !asked) {
        asked = true;
        worker.api.pause(job.id);
      }
    });
    await waitUntil(() => asked, 'the second epoch', PATIENT);
    // The pause has taken effect, and its last batch has arrived: nothing more for six epochs' time.
    await steady(() => job.batches.length, 300);
    return { ...job, epochAtPause: job.batches.flatMap((b) => b.epochs).at(-1)!.epoch };
  }

  it('sends, when recording, the gates of the model a pause stopped at', async () => {
    const job = await pausedJob({ ...RUN, key: 'gru', model: 'gru', epochs: 50 }, { recordGates: true });
    expect(job.arrivals.at(-1)!.recording.epoch).to.equal(job.epochAtPause);
    await worker.api.stop(job.id);
    expect((await job.outcome).status).to.equal('stopped');
  });

  it('setRecordGates on a paused job sends the paused model`s gates at once', async () => {
    const job = await pausedJob({ ...RUN, key: 'rnn', model: 'rnn', epochs: 50 }, {});
    expect(job.arrivals).to.deep.equal([]);
    await worker.api.setRecordGates(job.id, true);
    await waitUntil(() => job.arrivals.length > 0, 'the paused model`s gates', PATIENT);
    await steady(() => job.arrivals.length, 300);
    expect(job.arrivals.map((a) => a.recording.epoch)).to.deep.equal([job.epochAtPause]);
    await worker.api.stop(job.id);
    expect((await job.outcome).status).to.equal('stopped');
  });
});
