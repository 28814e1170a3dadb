/**
 * What the page and the training worker say to each other. Everything here crosses
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
  /**
   * Start from these parameters (flat, in `paramSpecs` order: src/core/model-layout.ts;
   * `fromStateDict` makes them from state_dict JSON) instead of PyTorch's default
   * init. A wrong length or a non-finite value ends the job with `invalid-weights`.
   */
  initialParameters?: Float32Array;
  /**
   * The models built before this one, in order, after `torch.manual_seed(seed)`
   * (the ones the `models` attribute lists first): their draws come first from the
   * one generator, as in the textbook's notebook. None when omitted.
   */
  builtBefore?: ModelKind[];
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
  /** Record the recurrent runs' gates during the test rollout (see `GateRecording`); off unless asked, as it costs time. */
  recordGates?: boolean;
  /** Record the recurrent runs' BPTT gradients (see `GradientRecording`); off unless asked, as it costs time. */
  recordGradients?: boolean;
}

/** One finished epoch of one run. */
export interface EpochRecord {
  key: string;
  epoch: number;
  trainLoss: number;
  testLoss: number;
  epochsPerSecond: number;
}

/**
 * One recurrent run's gates over one test rollout: for each name (`RECORDED_GATES`
 * of src/core/model-layout.ts: GRU z, r, h; LSTM i, f, o, c; RNN h), each step and
 * each hidden unit, `values[(name * steps + step) * units + unit]`.
 */
export interface GateRecording {
  /** The epoch whose model was rolled out (0: the initial model). */
  epoch: number;
  names: string[];
  steps: number;
  units: number;
  values: Float32Array;
  /** Each name's lowest and highest value: `[low, high]` of name 0, then of name 1, … */
  extents: Float64Array;
  /** Each name's mean over the steps, per hidden unit: `means[name * units + unit]`. */
  means: Float64Array;
}

/**
 * One recurrent run's BPTT gradients on the last training sequence of an epoch,
 * from the state carried into it and the parameters before its step; per step
 * t = 0 … seqLen - 1 of that sequence.
 */
export interface GradientRecording {
  epoch: number;
  /** |d yhat_{T-1} / d x_t|: how much the sequence's last prediction depends on input t. */
  connectivity: Float32Array;
  /** ||dL/dh_t||_2: L the sequence's MSE, h_t the hidden state after step t (the LSTM's h); the total derivative through every later step. */
  hiddenGrad: Float32Array;
  /** yhat_t: the sequence's predictions in that training step (each compared with the next input). */
  outputs: Float32Array;
}

/** What the worker sends the page, at most every PROGRESS_MS (50 ms): every epoch since the last batch. */
export interface ProgressBatch {
  epochs: EpochRecord[];
  /**
   * Each changed run's latest closed-loop test rollout. The job's first batch has
   * every run's rollout of its initial model (from a zero state) and no epoch.
   */
  predictions: Record<string, Float32Array>;
  /** With `recordGates` on: recurrent runs' gates, at most 4 times per second per run, and always at its last epoch. */
  gates?: Record<string, GateRecording>;
  /** With `recordGradients` on: recurrent runs' gradients, oldest first, at most 10 epochs a second per run, and always its first and last. */
  gradients?: Record<string, GradientRecording[]>;
  /** Set once, when the requested backend could not be used and another trains instead. */
  fallback?: BackendFallback;
  /** Set when the job waits for other jobs of its worker (on another backend) to end before it can start. */
  waiting?: boolean;
}

/**
 * The requested backend could not be used and `used` trains instead; `reason`
 * says why when it is more than "could not start" (`software`: WebGL runs on a
 * software renderer, slower than the CPU backend).
 */
export interface BackendFallback {
  requested: BackendName;
  used: Exclude<BackendName, 'auto'>;
  reason?: 'software';
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

/** Each run's final parameters, flat, in `paramSpecs` order (`toStateDict` makes state_dict JSON of them). */
export type RunParameters = Record<string, Float32Array>;

/** How a job ended, as the worker reports it: a result, or an error with its code. */
export type JobOutcome =
  | { status: 'done'; result: TrainResult; parameters: RunParameters }
  /** `parameters` is missing only when the job was stopped before it started. */
  | { status: 'stopped'; parameters?: RunParameters }
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
  /** Turns gate recording on or off for a running job (a gate chart may bind after training started). */
  setRecordGates(jobId: string, on: boolean): void;
  /** Turns gradient recording on or off for a running job (a gradient chart may bind after training started). */
  setRecordGradients(jobId: string, on: boolean): void;
  /** Answers at once: the pool's start-up handshake and liveness check. */
  ping(): boolean;
  /** The worker's tfjs tensor count: what the leak tests watch. */
  numTensors(): number;
  /** The tfjs backend the worker's jobs train on now (null before the first job): what the backend tests and the bench check. */
  backend(): string | null;
}
