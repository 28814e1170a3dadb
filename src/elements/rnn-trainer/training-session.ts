import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { seriesSourceOf } from '../../client/data-source.js';
import { workerPool, type JobHandle } from '../../client/worker-pool.js';
import { sourceKey } from '../../core/series-source.js';
import type { TrainerConfig } from '../../core/config.js';
import { RnnLabError } from '../../core/errors.js';
import type {
  EpochRecord, GateRecording, JobOutcome, ProgressBatch, RunParameters, RunSpec, TrainResult,
} from '../../core/protocol.js';
import { runSpecs } from '../../core/runs.js';
import { checkSeriesFits, splitIndexOf } from '../../core/windows.js';
import { emit, type TrainerError } from '../events.js';
import { GradientRecords } from './gradient-records.js';
import { fetchWeights, withWeights, type WeightsInput } from './weights.js';

export type TrainerState = 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'stopped' | 'error';

/** Each run's losses, one entry per epoch. */
export type History = Record<string, { trainLoss: number[]; testLoss: number[] }>;

type Host = ReactiveControllerHost & HTMLElement;

let nextJobId = 0;

/**
 * One trainer's training: loads the data, runs the job on the shared worker pool,
 * keeps what the worker reports (history, predictions, result) and fires the
 * element's events — `rnn-epoch` at most once per run per animation frame.
 */
export class TrainingSession implements ReactiveController {
  state: TrainerState = 'idle';
  series: Float32Array | null = null;
  splitIndex = 0;
  history: History = {};
  predictions: Record<string, Float32Array> = {};
  result: TrainResult | null = null;
  /** Each run's latest epoch, as last sent with `rnn-epoch`. */
  latest: Record<string, EpochRecord> = {};
  /** The runs of the current (or last) training, and the configuration they came from. */
  runs: RunSpec[] = [];
  config: TrainerConfig | null = null;
  error: RnnLabError | null = null;
  /** Each run's parameters when training last ended (done or stopped): what `exportWeights` writes. */
  parameters: RunParameters = {};
  /** Each recurrent run's latest recorded gates, while someone watches them (`watchGates`). */
  gates: Record<string, GateRecording> = {};
  /** Each recurrent run's recorded BPTT gradients, while someone watches them (`watchGradients`). */
  readonly gradients = new GradientRecords();
  /** A backend fallback, in the form the worker reported it. */
  fallback: ProgressBatch['backend'] | null = null;
  /** When the current training started (performance.now()), for the time left. */
  startedAt = 0;

  private readonly host: Host;
  private readonly describe: (error: RnnLabError) => TrainerError;
  private job: JobHandle | null = null;
  /** Bumped by every start, stop and reset: a job whose token is stale is ignored. */
  private token = 0;
  private loaded: { key: string; series: Float32Array } | null = null;
  private pendingEpochs = new Map<string, EpochRecord>();
  private gateWatchers = 0;
  private gradientWatchers = 0;
  /** The token of the job the reader stopped: its final parameters are still wanted. */
  private stoppedToken = -1;
  private frame = 0;

  /** `describe` puts an error in the reader's language for `rnn-error`. */
  constructor(host: Host, describe: (error: RnnLabError) => TrainerError) {
    this.host = host;
    this.describe = describe;
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.running) this.setState('stopped');
    this.cancel();
  }

  get running(): boolean {
    return this.state === 'training' || this.state === 'paused' || this.state === 'loading';
  }

  /**
   * Loads the data (and the weights: an object, or a URL) and trains every run of
   * `config`; see `RnnTrainer.start`.
   */
  async start(config: TrainerConfig, weights: WeightsInput | string | null = null): Promise<TrainResult | null> {
    this.cancel();
    const token = ++this.token;
    try {
      this.setState('loading');
      const series = await this.load(config);
      const initial = typeof weights === 'string' ? await fetchWeights(new URL(weights, this.host.ownerDocument.baseURI).href) : weights;
      if (token !== this.token) return null;
      const runs = withWeights(runSpecs(config), initial);
      for (const run of runs) checkSeriesFits(series.length, run.seqLen, run.split);
      this.begin(config, series, runs);
      const outcome = await this.job!.outcome;
      if (token !== this.token) {
        // Stopped by the reader: what was learnt so far can still be exported.
        if (token === this.stoppedToken && 'parameters' in outcome && outcome.parameters) this.parameters = outcome.parameters;
        return null;
      }
      await this.settleEpochs();
      return this.finish(outcome);
    } catch (error) {
      if (token !== this.token) return null;
      throw this.fail(error);
    }
  }

  pause(): void {
    if (this.state !== 'training' || !this.job) return;
    this.job.pause();
    this.setState('paused');
  }

  resume(): void {
    if (this.state !== 'paused' || !this.job) return;
    this.job.resume();
    this.setState('training');
  }

  stop(): void {
    if (!this.running) return;
    this.stoppedToken = this.token;
    this.cancel();
    this.flushEpochs();
    this.setState('stopped');
    emit(this.host, 'rnn-stop', null);
  }

  reset(): void {
    this.cancel();
    this.history = {};
    this.predictions = {};
    this.result = null;
    this.latest = {};
    this.runs = [];
    this.parameters = {};
    this.gates = {};
    this.gradients.clear();
    this.pendingEpochs.clear();
    this.error = null;
    this.fallback = null;
    this.setState('idle');
  }

  /** Records an error (state, alert, one `rnn-error`) and returns it as an RnnLabError. */
  fail(error: unknown): RnnLabError {
    this.job = null;
    this.flushEpochs();
    const failure = error instanceof RnnLabError ? error
      : new RnnLabError('worker', 'error.worker', { reason: error instanceof Error ? error.message : String(error) });
    this.error = failure;
    this.setState('error');
    emit(this.host, 'rnn-error', this.describe(failure));
    return failure;
  }

  /** Clears an error that no longer holds (an attribute was corrected). */
  clearError(): void {
    if (this.state !== 'error') return;
    this.error = null;
    this.setState(this.result ? 'done' : 'idle');
  }

  /**
   * Asks for the runs' gates (a gate chart is showing them): recorded while at
   * least one watcher remains, as recording costs time. Returns the unsubscribe.
   */
  watchGates(): () => void {
    if (++this.gateWatchers === 1) this.job?.setRecordGates(true);
    let watching = true;
    return () => {
      if (!watching) return;
      watching = false;
      if (--this.gateWatchers === 0) this.job?.setRecordGates(false);
    };
  }

  /** Like `watchGates`, for the runs' BPTT gradients (a gradient chart or an unrolled diagram shows them). */
  watchGradients(): () => void {
    if (++this.gradientWatchers === 1) this.job?.setRecordGradients(true);
    let watching = true;
    return () => {
      if (!watching) return;
      watching = false;
      if (--this.gradientWatchers === 0) this.job?.setRecordGradients(false);
    };
  }

  /** Stops the current job, if any, and invalidates its pending callbacks. */
  cancel(): void {
    this.token++;
    this.job?.stop();
    this.job = null;
  }

  private async load(config: TrainerConfig): Promise<Float32Array> {
    const source = seriesSourceOf(this.host, config.src, config.column);
    const key = sourceKey(source);
    if (this.loaded?.key !== key) this.loaded = { key, series: await workerPool.loadSeries(source) };
    return this.loaded.series;
  }

  private begin(config: TrainerConfig, series: Float32Array, runs: RunSpec[]): void {
    this.series = series;
    this.splitIndex = splitIndexOf(series.length, config.split);
    this.config = config;
    this.runs = runs;
    this.history = Object.fromEntries(runs.map((r) => [r.key, { trainLoss: [], testLoss: [] }]));
    this.predictions = {};
    this.result = null;
    this.latest = {};
    this.gates = {};
    this.gradients.clear();
    this.error = null;
    this.fallback = null;
    this.startedAt = performance.now();
    this.setState('training');
    emit(this.host, 'rnn-start', config);
    const token = this.token;
    this.job = workerPool.run(
      {
        id: `rnn-lab-${++nextJobId}`, series: series.slice(), runs, backend: config.backend, pace: config.pace,
        recordGates: this.gateWatchers > 0,
        recordGradients: this.gradientWatchers > 0,
      },
      (batch) => {
        if (token === this.token) this.receive(batch);
      },
    );
  }

  private receive(batch: ProgressBatch): void {
    for (const record of batch.epochs) {
      const runHistory = this.history[record.key];
      runHistory.trainLoss.push(record.trainLoss);
      runHistory.testLoss.push(record.testLoss);
      this.pendingEpochs.set(record.key, record);
    }
    Object.assign(this.predictions, batch.predictions);
    if (batch.gates) Object.assign(this.gates, batch.gates);
    if (batch.gradients) this.gradients.add(batch.gradients);
    if (batch.backend) this.fallback = batch.backend;
    // The first batch has no epoch (the untrained models' rollouts): it still redraws, and charts hear of it.
    if (batch.epochs.length === 0) {
      this.host.requestUpdate();
      emit(this.host, 'rnn-data', null);
    }
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flushEpochs());
  }

  /**
   * Waits for the frame that sends the last epochs, so they too arrive at most
   * once per frame; a hidden tab has no frames, so after 100 ms they go anyway.
   */
  private settleEpochs(): Promise<void> {
    if (!this.frame) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.flushEpochs();
        resolve();
      }, 100);
      requestAnimationFrame(() => {
        clearTimeout(timer);
        this.flushEpochs();
        resolve();
      });
    });
  }

  /** At most one `rnn-epoch` per run per frame, with its latest values. */
  private flushEpochs(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.pendingEpochs.size === 0) return;
    const records = [...this.pendingEpochs.values()];
    this.pendingEpochs.clear();
    this.latest = { ...this.latest, ...Object.fromEntries(records.map((r) => [r.key, r])) };
    this.host.requestUpdate();
    for (const { key, epoch, trainLoss, testLoss, epochsPerSecond } of records) {
      emit(this.host, 'rnn-epoch', { model: key, epoch, trainLoss, testLoss, epochsPerSecond });
    }
  }

  private finish(outcome: JobOutcome): TrainResult | null {
    this.job = null;
    if (outcome.status === 'error') throw RnnLabError.fromDetail(outcome.error);
    if (outcome.parameters) this.parameters = outcome.parameters;
    if (outcome.status === 'stopped') return null;
    this.result = outcome.result;
    this.setState('done');
    emit(this.host, 'rnn-done', outcome.result);
    return outcome.result;
  }

  private setState(state: TrainerState): void {
    this.state = state;
    this.host.setAttribute('state', state);
    this.host.requestUpdate();
  }
}
