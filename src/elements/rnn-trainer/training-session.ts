import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { workerPool, type JobHandle } from '../../client/worker-pool.js';
import type { TrainerConfig } from '../../core/config.js';
import { RnnLabError } from '../../core/errors.js';
import type {
  BackendFallback, EpochRecord, GateRecording, JobOutcome, ProgressBatch, RunParameters, RunSpec, TrainResult,
} from '../../core/protocol.js';
import { RunMachine, type RunEvent, type RunState } from '../../core/run-state.js';
import { modelOfKey, runSpecs } from '../../core/runs.js';
import { checkSeriesFits, splitIndexOf } from '../../core/windows.js';
import { dataChanged, followersDrawn } from '../chart/source-binding.js';
import { emit, type TrainerError } from '../events.js';
import { EpochEvents } from './epoch-events.js';
import { SeriesLoader } from './series-loader.js';
import { GradientRecords } from './gradient-records.js';
import { fetchWeights, withWeights, type WeightsInput } from './weights.js';

/** `trainer.state`: the run state machine's (src/core/run-state.ts). */
export type TrainerState = RunState;

/** Each run's losses, one entry per epoch. */
export type History = Record<string, { trainLoss: number[]; testLoss: number[] }>;

/** A Lit element: `requestUpdate(name, old)` tells it which property changed (`state` is reflected). */
type Host = ReactiveControllerHost & HTMLElement & { requestUpdate(name?: PropertyKey, oldValue?: unknown): void };

let nextJobId = 0;

/**
 * One call of `start`: its job once the data has loaded. A callback of an
 * attempt that is no longer the session's current one is ignored; `stopped`
 * says the reader stopped it, so its final parameters are still wanted.
 */
interface Attempt {
  job: JobHandle | null;
  stopped: boolean;
}

/**
 * One trainer's training, a reactive controller of its element: it runs the job
 * on the shared worker pool, moves the run's state (`machine`), keeps what the
 * worker reports (history, predictions, result) and fires the element's events.
 * Its helpers: `SeriesLoader` reads the data, `EpochEvents` paces `rnn-epoch` to
 * one per run per frame; the element's `Announcer` speaks for screen readers.
 */
export class TrainingSession implements ReactiveController {
  readonly machine = new RunMachine();
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
  /** The backend fallback the worker reported, if any. */
  fallback: BackendFallback | null = null;
  /** True while the job waits for other jobs of its worker to end. */
  waiting = false;
  /** When the current training started (performance.now()), for the time left. */
  startedAt = 0;

  private readonly host: Host;
  private readonly describe: (error: RnnLabError) => TrainerError;
  private attempt: Attempt | null = null;
  private readonly loader: SeriesLoader;
  private readonly epochEvents: EpochEvents;
  /** How many watch each recording (`watchGates`, `watchGradients`): it is on while any does. */
  private readonly watchers = { gates: 0, gradients: 0 };

  /** `describe` puts an error in the reader's language for `rnn-error`. */
  constructor(host: Host, describe: (error: RnnLabError) => TrainerError) {
    this.host = host;
    this.describe = describe;
    this.loader = new SeriesLoader(host);
    this.epochEvents = new EpochEvents(host, (records) => this.sendEpochs(records));
    host.addController(this);
  }

  /**
   * A trainer moved to another place (removed and inserted again within the same
   * task) keeps training; one that stays removed is stopped, as by `stop()`.
   */
  hostDisconnected(): void {
    if (!this.running) return;
    setTimeout(() => {
      if (!this.host.isConnected) this.stop();
    });
  }

  get state(): TrainerState {
    return this.machine.state;
  }

  get running(): boolean {
    return this.machine.running;
  }

  /**
   * Loads the data (and the weights: an object, or a URL) and trains every run of
   * `config`; see `RnnTrainer.start`.
   */
  async start(config: TrainerConfig, weights: WeightsInput | string | null = null): Promise<TrainResult | null> {
    this.cancel();
    const attempt: Attempt = { job: null, stopped: false };
    this.attempt = attempt;
    const current = () => this.attempt === attempt;
    try {
      this.send('start');
      this.waiting = false;
      const series = await this.loader.load(config);
      const initial = typeof weights === 'string' ? await fetchWeights(new URL(weights, this.host.ownerDocument.baseURI).href) : weights;
      // Stopped or restarted while loading: no job.
      if (!current() || attempt.stopped) return null;
      const runs = withWeights(runSpecs(config), initial);
      for (const run of runs) checkSeriesFits(series.length, run.seqLen, run.split);
      // A trainer's first data is drawn before its first epoch, and the first epoch waits
      // for the charts in view to have drawn (see followersDrawn): on a page still loading,
      // making the plots and drawing a whole series for the first time are then not the
      // first second of training.
      if (!this.series) {
        this.setSeries(series, config);
        dataChanged(this.host);
      }
      await followersDrawn(this.host);
      if (!current() || attempt.stopped) return null;
      attempt.job = this.begin(config, series, runs, attempt);
      const outcome = await attempt.job.outcome;
      if (!current() || attempt.stopped) {
        // Stopped by the reader: what was learnt so far can still be exported.
        if (attempt.stopped && 'parameters' in outcome && outcome.parameters) this.parameters = outcome.parameters;
        return null;
      }
      await this.epochEvents.settleEpochs();
      return this.finish(outcome);
    } catch (error) {
      if (!current() || attempt.stopped) return null;
      throw this.fail(error);
    }
  }

  /** Pauses between two slices of work (at most SLICE_MS apart); ignored unless training. */
  pause(): void {
    if (this.state !== 'training' || !this.attempt?.job) return;
    this.attempt.job.pause();
    this.send('pause');
  }

  resume(): void {
    if (this.state !== 'paused' || !this.attempt?.job) return;
    this.attempt.job.resume();
    this.send('resume');
  }

  stop(): void {
    if (!this.running) return;
    if (this.attempt) {
      this.attempt.stopped = true;
      this.attempt.job?.stop();
    }
    this.epochEvents.flushEpochs();
    this.waiting = false;
    this.send('stop');
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
    this.epochEvents.clear();
    this.error = null;
    this.fallback = null;
    this.waiting = false;
    this.send('reset');
  }

  /** Records an error (state, alert, one `rnn-error`) and returns it as an RnnLabError. */
  fail(error: unknown): RnnLabError {
    this.attempt = null;
    this.waiting = false;
    this.epochEvents.flushEpochs();
    const failure = error instanceof RnnLabError ? error
      : new RnnLabError('worker', 'error.worker', { reason: error instanceof Error ? error.message : String(error) });
    this.error = failure;
    this.send('fail');
    emit(this.host, 'rnn-error', this.describe(failure));
    return failure;
  }

  /** Clears an error that no longer holds (an attribute was corrected). */
  clearError(): void {
    if (this.state !== 'error') return;
    this.error = null;
    this.send(this.result ? 'restore' : 'clear');
  }

  /**
   * Asks for the runs' gates (a gate chart is showing them): recorded while at
   * least one watcher remains, as recording costs time. Returns the unsubscribe.
   */
  watchGates(): () => void {
    return this.watch('gates', (on) => this.attempt?.job?.setRecordGates(on));
  }

  /** Like `watchGates`, for the runs' BPTT gradients (a gradient chart or an unrolled diagram shows them). */
  watchGradients(): () => void {
    return this.watch('gradients', (on) => this.attempt?.job?.setRecordGradients(on));
  }

  /**
   * Counts one more watcher of `what`: the first turns its recording on, and the
   * returned unsubscribe (which counts once) turns it off after the last.
   */
  private watch(what: 'gates' | 'gradients', record: (on: boolean) => void): () => void {
    if (++this.watchers[what] === 1) record(true);
    let watching = true;
    return () => {
      if (!watching) return;
      watching = false;
      if (--this.watchers[what] === 0) record(false);
    };
  }

  /** Stops the current job, if any, and ignores its pending callbacks from now on. */
  cancel(): void {
    this.attempt?.job?.stop();
    this.attempt = null;
  }

  private setSeries(series: Float32Array, config: TrainerConfig): void {
    this.series = series;
    this.splitIndex = splitIndexOf(series.length, config.split);
  }

  private begin(config: TrainerConfig, series: Float32Array, runs: RunSpec[], attempt: Attempt): JobHandle {
    this.setSeries(series, config);
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
    this.send('loaded');
    emit(this.host, 'rnn-start', config);
    return workerPool.run(
      {
        id: `rnn-lab-${++nextJobId}`, series: series.slice(), runs, backend: config.backend, pace: config.pace,
        recordGates: this.watchers.gates > 0,
        recordGradients: this.watchers.gradients > 0,
      },
      (batch) => {
        if (this.attempt === attempt && !attempt.stopped) this.receive(batch);
      },
    );
  }

  private receive(batch: ProgressBatch): void {
    for (const record of batch.epochs) {
      const runHistory = this.history[record.key];
      runHistory.trainLoss.push(record.trainLoss);
      runHistory.testLoss.push(record.testLoss);
      this.epochEvents.add(record);
    }
    Object.assign(this.predictions, batch.predictions);
    if (batch.gates) Object.assign(this.gates, batch.gates);
    if (batch.gradients) this.gradients.add(batch.gradients);
    if (batch.fallback) this.fallback = batch.fallback;
    if (!!batch.waiting !== this.waiting) {
      this.waiting = !!batch.waiting;
      this.host.requestUpdate();
    }
    // The first batch has no epoch (the untrained models' rollouts): it still redraws, and charts hear of it.
    if (batch.epochs.length === 0) {
      this.host.requestUpdate();
      emit(this.host, 'rnn-data', null);
    }
  }

  /** What `EpochEvents` sends, once per frame: each run's latest epoch, as `latest` and `rnn-epoch`. */
  private sendEpochs(records: EpochRecord[]): void {
    this.latest = { ...this.latest, ...Object.fromEntries(records.map((r) => [r.key, r])) };
    this.host.requestUpdate();
    for (const { key, epoch, trainLoss, testLoss, epochsPerSecond } of records) {
      const model = this.runs.find((run) => run.key === key)?.model ?? modelOfKey(key);
      emit(this.host, 'rnn-epoch', { key, model, epoch, trainLoss, testLoss, epochsPerSecond });
    }
  }

  private finish(outcome: JobOutcome): TrainResult | null {
    // An error is recorded by `start`'s catch, which `fail` ends the attempt in.
    if (outcome.status === 'error') throw RnnLabError.fromDetail(outcome.error);
    this.attempt = null;
    if (outcome.parameters) this.parameters = outcome.parameters;
    if (outcome.status === 'stopped') return null;
    this.result = outcome.result;
    this.send('finish');
    emit(this.host, 'rnn-done', outcome.result);
    return outcome.result;
  }

  /** Moves the run's state; the host re-renders (and reflects `state`) on every change. */
  private send(event: RunEvent): void {
    const previous = this.machine.state;
    if (this.machine.send(event)) this.host.requestUpdate('state', previous);
  }
}
