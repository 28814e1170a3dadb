import * as Comlink from 'comlink';
import type { BackendName } from '../core/config.js';
import { RnnLabError } from '../core/errors.js';
import type { JobOutcome, LoadOutcome, ProgressCallback, TrainJob, TrainerWorkerApi } from '../core/protocol.js';
import { LIVENESS_MS, LIVENESS_PING_MS, WORKER_IDLE_MS, WORKER_START_MS } from '../core/rates.js';
import { RunMachine } from '../core/run-state.js';
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

/**
 * Which tfjs backend a worker runs. tfjs has one active backend per worker, so
 * jobs on different backends cannot interleave there: each family gets its own
 * workers, and a slow WebGL job never holds up a CPU one.
 */
type Family = Exclude<BackendName, 'auto'>;
const familyOf = (backend: BackendName): Family => (backend === 'auto' ? 'cpu' : backend);

interface Slot {
  worker: Worker;
  api: Comlink.Remote<TrainerWorkerApi>;
  /** Set by the first job; a worker that only loaded data has none yet. */
  family: Family | null;
  jobs: number;
  /** Settles when the worker has answered its first ping. */
  ready: Promise<unknown>;
  /** Rejects every pending call of this worker: Comlink does not when a worker dies. */
  fail: (error: RnnLabError) => void;
  failed: Promise<never>;
  /** When the oldest unanswered ping was sent (performance.now()), or null. */
  pingSentAt: number | null;
  pinger: ReturnType<typeof setInterval>;
  startTimer?: ReturnType<typeof setTimeout>;
  idleTimer?: ReturnType<typeof setTimeout>;
}

/**
 * The page's training workers: per backend, at most `max(1, hardwareConcurrency - 1)`
 * of them, shared by every element. A new job goes to the least busy worker of its
 * backend; jobs in one worker interleave in slices of an epoch, so every trainer
 * makes progress. A worker that does not answer within WORKER_START_MS of starting,
 * or for LIVENESS_MS while it has work (src/core/rates.ts), is dead: it is retired,
 * its jobs end with the `worker` error, and the next job gets a fresh worker.
 */
export class WorkerPool {
  readonly maxWorkers: number;
  private slots: Slot[] = [];

  constructor(maxWorkers = Math.max(1, (navigator.hardwareConcurrency || 2) - 1)) {
    this.maxWorkers = maxWorkers;
  }

  /** Starts `job` on a worker; its series buffer is transferred (the caller passes a copy it can lose). */
  run(job: TrainJob, onProgress: ProgressCallback): JobHandle {
    const slot = this.take(familyOf(job.backend));
    const machine = new RunMachine();
    machine.send('start');
    const outcome = Promise.race([
      slot.ready.then((): Promise<JobOutcome> => slot.api.train(Comlink.transfer(job, [job.series.buffer]), Comlink.proxy(onProgress))),
      slot.failed,
    ]).finally(() => this.release(slot));
    // Forwarded only when the job's state allows it, and after the `train` call
    // (both wait for `ready`, in order); a dead worker has nothing left to control.
    const send = (call: () => Promise<void>) => slot.ready.then(call).catch(() => {});
    const control = (event: 'pause' | 'resume' | 'stop') => () => {
      if (machine.send(event)) send(() => slot.api[event](job.id));
    };
    return {
      outcome, pause: control('pause'), resume: control('resume'), stop: control('stop'),
      setRecordGates: (on) => send(() => slot.api.setRecordGates(job.id, on)),
      setRecordGradients: (on) => send(() => slot.api.setRecordGradients(job.id, on)),
    };
  }

  /** Fetches and parses a series in a worker; `data-fetch`, `data-parse` or `worker` on failure. */
  async loadSeries(source: SeriesSource): Promise<Float32Array> {
    const slot = this.take(null);
    try {
      const outcome = await Promise.race([slot.ready.then((): Promise<LoadOutcome> => slot.api.loadSeries(source)), slot.failed]);
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

  /** A worker for one more task of `family` (null: any worker will do, such as for loading data). */
  private take(family: Family | null): Slot {
    const slot = this.pick(family);
    slot.family ??= family;
    clearTimeout(slot.idleTimer);
    slot.jobs++;
    return slot;
  }

  /** One task of `slot` ended: an idle worker is kept a while for the next job, then terminated. */
  private release(slot: Slot): void {
    if (--slot.jobs > 0 || !this.slots.includes(slot)) return;
    slot.pingSentAt = null;
    slot.idleTimer = setTimeout(() => this.retire(slot), WORKER_IDLE_MS);
  }

  private pick(family: Family | null): Slot {
    // A worker without a family has only loaded data: any job may claim it.
    const fits = this.slots.filter((s) => family === null || s.family === family || s.family === null);
    const idlest = fits.reduce<Slot | null>((best, s) => (!best || s.jobs < best.jobs ? s : best), null);
    if (idlest && (idlest.jobs === 0 || fits.length >= this.maxWorkers)) return idlest;
    return this.spawn();
  }

  private spawn(): Slot {
    const worker = startWorker();
    let fail: (error: RnnLabError) => void = () => {};
    const failed = new Promise<never>((_, reject) => (fail = reject));
    failed.catch(() => {}); // observed through each job's race
    const api = Comlink.wrap<TrainerWorkerApi>(worker);
    const slot: Slot = {
      worker, api, family: null, jobs: 0, fail, failed, ready: Promise.resolve(), pingSentAt: null,
      pinger: setInterval(() => this.checkAlive(slot), LIVENESS_PING_MS),
    };
    slot.startTimer = setTimeout(() => this.crash(slot, new RnnLabError('worker', 'error.workerStart', { seconds: WORKER_START_MS / 1000 })), WORKER_START_MS);
    slot.ready = api.ping().then(() => clearTimeout(slot.startTimer));
    slot.ready.catch(() => {});
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

  /**
   * Liveness, while the worker has work: a ping unanswered for LIVENESS_MS means
   * the worker closed itself or was killed (neither fires an event). Measured from
   * when the ping was sent, so a hidden tab's throttled timers never count as death.
   */
  private checkAlive(slot: Slot): void {
    if (slot.jobs === 0) return;
    const now = performance.now();
    if (slot.pingSentAt !== null) {
      if (now - slot.pingSentAt > LIVENESS_MS) this.crash(slot, new RnnLabError('worker', 'error.workerSilent', { seconds: LIVENESS_MS / 1000 }));
      return;
    }
    slot.pingSentAt = now;
    slot.ready.then(() => slot.api.ping()).then(() => (slot.pingSentAt = null), () => {});
  }

  private crash(slot: Slot, error: RnnLabError): void {
    this.retire(slot);
    slot.fail(error);
  }

  private retire(slot: Slot): void {
    if (!this.slots.includes(slot)) return;
    clearTimeout(slot.idleTimer);
    clearTimeout(slot.startTimer);
    clearInterval(slot.pinger);
    slot.worker.terminate();
    slot.api[Comlink.releaseProxy]();
    this.slots = this.slots.filter((s) => s !== slot);
  }
}

/** The pool every element of the page shares. */
export const workerPool = new WorkerPool();
