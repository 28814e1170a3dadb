/**
 * The contract between the page and the training worker. Everything here crosses
 * a structured clone, so it is plain data: no classes, no functions but the one
 * progress callback, which Comlink proxies.
 */
import type { BackendName, Hyperparameters, ModelKind } from './config.js';
import type { ErrorDetail } from './errors.js';
import type { SeriesSource } from './series-source.js';

/** One model trained with one set of hyperparameters; `key` names it in history. */
export interface RunSpec extends Hyperparameters {
  key: string;
  model: ModelKind;
}

/** What the worker trains: every run, side by side, on one series. */
export interface TrainJob {
  /** Unique per job, so control calls reach the right one in a shared worker. */
  id: string;
  series: Float32Array;
  runs: RunSpec[];
  backend: BackendName;
  /** At most this many epochs per second (every run advances one epoch per round). */
  pace: number | null;
}

/** One finished epoch of one run. */
export interface EpochRecord {
  key: string;
  epoch: number;
  trainLoss: number;
  testLoss: number;
  epochsPerSecond: number;
}

/** What the worker sends the page, at most every ~16 ms: every epoch since the last batch. */
export interface ProgressBatch {
  epochs: EpochRecord[];
  /** Each changed run's latest closed-loop test rollout. */
  predictions: Record<string, Float32Array>;
  /** Set once, when the requested backend could not start and another is used. */
  backend?: { requested: BackendName; used: Exclude<BackendName, 'auto'> };
}

export interface RunResult {
  trainMse: number;
  testMse: number;
  bestTestMse: number;
  epochs: number;
  seconds: number;
  epochsPerSecond: number;
}

/** `trainer.result`, after `done`. */
export interface TrainResult {
  models: Record<string, RunResult>;
  seconds: number;
}

/** How a job ended, as the worker reports it: a result, or an error with its code. */
export type JobOutcome =
  | { status: 'done'; result: TrainResult }
  | { status: 'stopped' }
  | { status: 'error'; error: ErrorDetail };

/** Through Comlink the call returns a promise, settled once the page has handled the batch. */
export type ProgressCallback = (batch: ProgressBatch) => void | Promise<void>;

/** A loaded series, or why it could not be loaded (`data-fetch`, `data-parse`). */
export type LoadOutcome = { status: 'done'; series: Float32Array } | { status: 'error'; error: ErrorDetail };

/** The API the worker exposes through Comlink. */
export interface TrainerWorkerApi {
  /** Fetches and parses a series off the page's main thread; the series is transferred. */
  loadSeries(source: SeriesSource): Promise<LoadOutcome>;
  /** Trains until done, stopped or failed; progress arrives through `onProgress`. */
  train(job: TrainJob, onProgress: ProgressCallback): Promise<JobOutcome>;
  pause(jobId: string): void;
  resume(jobId: string): void;
  stop(jobId: string): void;
  /** The worker's tfjs tensor count: what the leak tests watch. */
  numTensors(): number;
  /** The tfjs backend the worker's jobs train on now (null before the first job): what the backend tests and the bench check. */
  backend(): string | null;
}
