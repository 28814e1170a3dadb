import * as Comlink from 'comlink';
import { RnnLabError } from '../core/errors.js';
import type { JobOutcome, ProgressCallback, TrainJob, TrainerWorkerApi } from '../core/protocol.js';
import type { SeriesSource } from '../core/series-source.js';
import { loadFailure, startWorker } from './start-worker.js';

/** A running job: its outcome, and control over it. */
export interface JobHandle {
  outcome: Promise<JobOutcome>;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Gate recording on or off (`TrainerWorkerApi.setRecordGates`): on while a gate chart shows this job. */
  setRecordGates(on: boolean): void;
  /** Gradient recording on or off (`TrainerWorkerApi.setRecordGradients`): on while a gradient chart shows this job. */
  setRecordGradients(on: boolean): void;
}

interface Slot {
  worker: Worker;
  api: Comlink.Remote<TrainerWorkerApi>;
  jobs: number;
  /** Rejects every pending call of this worker: Comlink does not when a worker dies. */
  fail: (error: RnnLabError) => void;
  failed: Promise<never>;
  idleTimer?: ReturnType<typeof setTimeout>;
}

/** How long an idle worker is kept for the next job before it is terminated. */
const IDLE_MS = 10_000;

/**
 * The page's training workers: at most `max(1, hardwareConcurrency - 1)` of them,
 * shared by every element. A new job goes to the least busy worker; jobs in one
 * worker interleave epoch by epoch, so every trainer makes progress.
 */
export class WorkerPool {
  readonly maxWorkers: number;
  private slots: Slot[] = [];

  constructor(maxWorkers = Math.max(1, (navigator.hardwareConcurrency || 2) - 1)) {
    this.maxWorkers = maxWorkers;
  }

  /** Starts `job` on a worker; its series buffer is transferred (the caller passes a copy it can lose). */
  run(job: TrainJob, onProgress: ProgressCallback): JobHandle {
    const slot = this.pick();
    clearTimeout(slot.idleTimer);
    slot.jobs++;
    const outcome = Promise.race([
      slot.api.train(Comlink.transfer(job, [job.series.buffer]), Comlink.proxy(onProgress)),
      slot.failed,
    ]).finally(() => this.release(slot));
    // A dead worker has nothing left to control.
    const call = (method: 'pause' | 'resume' | 'stop') => () => slot.api[method](job.id).catch(() => {});
    return {
      outcome, pause: call('pause'), resume: call('resume'), stop: call('stop'),
      setRecordGates: (on) => slot.api.setRecordGates(job.id, on).catch(() => {}),
      setRecordGradients: (on) => slot.api.setRecordGradients(job.id, on).catch(() => {}),
    };
  }

  /** Fetches and parses a series in a worker; `data-fetch`, `data-parse` or `worker` on failure. */
  async loadSeries(source: SeriesSource): Promise<Float32Array> {
    const slot = this.pick();
    clearTimeout(slot.idleTimer);
    slot.jobs++;
    try {
      const outcome = await Promise.race([slot.api.loadSeries(source), slot.failed]);
      if (outcome.status === 'error') throw RnnLabError.fromDetail(outcome.error);
      return outcome.series;
    } finally {
      this.release(slot);
    }
  }

  /** Workers alive and jobs running: what tests and the benchmark look at. */
  stats(): { workers: number; jobs: number } {
    return { workers: this.slots.length, jobs: this.slots.reduce((n, s) => n + s.jobs, 0) };
  }

  /** The first worker's tensor count (tests watch it for leaks); null with no worker. */
  async numTensors(): Promise<number | null> {
    return this.slots[0] ? this.slots[0].api.numTensors() : null;
  }

  /** Terminates every worker; their pending jobs fail with code `worker`. */
  terminateAll(reason = 'terminated'): void {
    for (const slot of [...this.slots]) this.crash(slot, new RnnLabError('worker', 'error.worker', { reason }));
  }

  /** One task of `slot` ended: an idle worker is kept a while for the next job, then terminated. */
  private release(slot: Slot): void {
    if (--slot.jobs === 0 && this.slots.includes(slot)) slot.idleTimer = setTimeout(() => this.retire(slot), IDLE_MS);
  }

  private pick(): Slot {
    const idlest = this.slots.reduce<Slot | null>((best, s) => (!best || s.jobs < best.jobs ? s : best), null);
    if (idlest && (idlest.jobs === 0 || this.slots.length >= this.maxWorkers)) return idlest;
    return this.spawn();
  }

  private spawn(): Slot {
    const worker = startWorker();
    let fail: (error: RnnLabError) => void = () => {};
    const failed = new Promise<never>((_, reject) => (fail = reject));
    failed.catch(() => {}); // observed through each job's race
    const slot: Slot = { worker, api: Comlink.wrap<TrainerWorkerApi>(worker), jobs: 0, fail, failed };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      // A script that failed to load has no message: say how to fix it where we know (a bundler's copy).
      const reason = event.message || loadFailure();
      this.crash(slot, reason ? new RnnLabError('worker', 'error.worker', { reason })
        : new RnnLabError('worker', 'error.workerFailed'));
    });
    worker.addEventListener('messageerror', () => this.crash(slot, new RnnLabError('worker', 'error.workerMessage')));
    this.slots.push(slot);
    return slot;
  }

  private crash(slot: Slot, error: RnnLabError): void {
    this.retire(slot);
    slot.fail(error);
  }

  private retire(slot: Slot): void {
    clearTimeout(slot.idleTimer);
    slot.worker.terminate();
    slot.api[Comlink.releaseProxy]();
    this.slots = this.slots.filter((s) => s !== slot);
  }
}

/** The pool every element of the page shares. */
export const workerPool = new WorkerPool();
