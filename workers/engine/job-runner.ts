import { RnnLabError } from '../../src/core/errors.js';
import { RECORDED_GATES, summariseGates } from '../../src/core/model-layout.js';
import { GATES_MS, GRADIENTS_MS, PROGRESS_MS, SLICE_MS } from '../../src/core/rates.js';
import type { RunMachine } from '../../src/core/run-state.js';
import type {
  BackendFallback, EpochRecord, JobOutcome, ProgressBatch, ProgressCallback, RunParameters, RunResult, TrainJob,
} from '../../src/core/protocol.js';
import { ModelTrainer, type StepOps } from './model-trainer.js';

const now = () => performance.now();

/** Data whose values exceed this in size is too large to train on as it is: it should be standardised. */
const HUGE_DATA = 1e6;

/** Yields to the worker's event loop without setTimeout's 4 ms clamp. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

interface RunProgress {
  trainer: ModelTrainer;
  epoch: number;
  trainLoss: number;
  testLoss: number;
  bestTestLoss: number;
  /** Active (unpaused) milliseconds from the job's start to this run's last epoch. */
  elapsed: number;
  /** When (performance.now()) and at which epoch this run's gates were last recorded. */
  gatesAt: number;
  gatesEpoch: number;
  /** When (performance.now()) this run's gradients were last recorded. */
  gradientsAt: number;
}

/**
 * Trains every run of a job side by side: each round advances every unfinished
 * run by one epoch (train, then test). The job's `RunMachine` (src/core/run-state.ts)
 * says whether it is paused or stopped: the runner yields after every SLICE_MS of
 * work, even inside an epoch, and checks it there. Progress goes out in batches at
 * most every PROGRESS_MS. The first batch, before any epoch, has each run's
 * rollout of its initial model.
 */
export class JobRunner {
  private readonly job: TrainJob;
  private readonly onProgress: ProgressCallback;
  private readonly runs: RunProgress[];
  private pending: ProgressBatch = { epochs: [], predictions: {} };
  private lastFlush = 0;
  private readonly machine: RunMachine;
  /** When the current pause began (performance.now()), and the paused time before it. */
  private pausedSince: number | null = null;
  private pausedMs = 0;
  /** Settles when the page has handled the last batch sent. */
  private delivered: Promise<unknown> = Promise.resolve();
  private startedAt = 0;
  private recordGates: boolean;
  private recordGradients: boolean;
  /** Set once the loop has ended: nothing more is sent after the last batch. */
  private ended = false;

  /** `machine` is the job's state, already past `loaded` (training, or paused by an early pause). */
  constructor(job: TrainJob, ops: StepOps, machine: RunMachine, onProgress: ProgressCallback, fallback?: BackendFallback) {
    this.job = job;
    this.machine = machine;
    this.onProgress = onProgress;
    if (machine.state === 'paused') this.pausedSince = now();
    machine.onChange((state, previous) => {
      if (state === 'paused') this.pausedSince = now();
      else if (previous === 'paused' && this.pausedSince !== null) {
        this.pausedMs += now() - this.pausedSince;
        this.pausedSince = null;
      }
    });
    this.recordGates = job.recordGates ?? false;
    this.recordGradients = job.recordGradients ?? false;
    if (fallback) this.pending.fallback = fallback;
    this.runs = job.runs.map((spec) => ({
      trainer: new ModelTrainer(spec, job.series, ops, spec.initialParameters),
      epoch: 0, trainLoss: NaN, testLoss: NaN, bestTestLoss: Infinity, elapsed: 0, gatesAt: -Infinity, gatesEpoch: -1, gradientsAt: -Infinity,
    }));
  }

  /**
   * Turns gate recording on or off. Turned on, every recurrent run's current
   * model is recorded and sent at once, so a gate chart bound to a paused job, or
   * to a run that has finished its epochs while others train, has its gates.
   */
  setRecordGates(on: boolean): void {
    this.recordGates = on;
    if (!on || this.ended) return;
    for (const run of this.runs) this.recordGatesOf(run);
    this.flush();
  }

  /**
   * Turns gradient recording on or off. Gradients come from a training sequence,
   * so the first recording comes with the next epoch trained.
   */
  setRecordGradients(on: boolean): void {
    this.recordGradients = on;
  }

  async run(): Promise<JobOutcome> {
    try {
      const ending = await this.loop();
      this.ended = true;
      const outcome: JobOutcome = ending instanceof RnnLabError ? { status: 'error', error: ending.toDetail() }
        : ending === 'done' ? { status: 'done', result: this.result(), parameters: this.parameters() }
          : { status: 'stopped', parameters: this.parameters() };
      // Progress and the outcome travel on different message ports: the page must
      // have every epoch before it hears that the job ended.
      await this.delivered;
      return outcome;
    } finally {
      for (const run of this.runs) run.trainer.dispose();
    }
  }

  private active(): number {
    return now() - this.startedAt - this.pausedMs;
  }

  private get stopped(): boolean {
    return this.machine.state === 'stopped';
  }

  private async loop(): Promise<'done' | 'stopped' | RnnLabError> {
    if (!this.stopped) this.sendInitialModels();
    this.startedAt = now();
    for (let round = 1; ; round++) {
      const todo = this.runs.filter((r) => r.epoch < r.trainer.spec.epochs);
      if (todo.length === 0) break;
      // With a pace, round r starts at r / pace seconds: a class first sees the untrained model (epoch 0) for a beat.
      await this.waitForPace(round);
      for (const run of todo) {
        const failure = await this.trainEpoch(run);
        if (failure === 'stopped') {
          this.flush();
          return 'stopped';
        }
        if (failure) {
          this.flush();
          return failure;
        }
      }
      if (now() - this.lastFlush >= PROGRESS_MS) this.flush();
    }
    this.flush();
    return 'done';
  }

  /**
   * Lets pause, resume, stop and other jobs of this worker in: yields to the event
   * loop, then waits while paused. Returns true when the job was stopped.
   */
  private async checkpoint(): Promise<boolean> {
    await yieldToEventLoop();
    if (this.machine.state === 'paused') {
      // The gates on the page then show the paused model, not one up to GATES_MS older.
      for (const run of this.runs) if (run.gatesEpoch !== run.epoch) this.recordGatesOf(run);
      this.flush();
      await this.machine.whenNotPaused();
    }
    return this.stopped;
  }

  /** Epoch 0: each run's rollout of its initial model (PyTorch init, or loaded weights) from a zero state. */
  private sendInitialModels(): void {
    for (const run of this.runs) {
      const { predictions, gates } = run.trainer.evaluate(this.recordGates);
      this.pending.predictions[run.trainer.spec.key] = predictions;
      if (gates) this.addGates(run, gates);
    }
    this.flush();
  }

  /** Records and queues the gates of a run's current model (nothing for the MLP, or with recording off). */
  private recordGatesOf(run: RunProgress): void {
    if (!this.recordGates) return;
    const { gates } = run.trainer.evaluate(true);
    if (gates) this.addGates(run, gates);
  }

  private addGates(run: RunProgress, values: Float32Array): void {
    const { key, model, hiddenSize } = run.trainer.spec;
    const names = [...RECORDED_GATES[model]];
    const steps = values.length / (names.length * hiddenSize);
    this.pending.gates ??= {};
    this.pending.gates[key] = {
      epoch: run.epoch, names, steps, units: hiddenSize, values, ...summariseGates(names.length, steps, hiddenSize, values),
    };
    run.gatesAt = now();
    run.gatesEpoch = run.epoch;
  }

  private addGradients(run: RunProgress): void {
    const { gradients, spec } = run.trainer;
    if (!gradients) return;
    this.pending.gradients ??= {};
    (this.pending.gradients[spec.key] ??= []).push({ epoch: run.epoch, ...gradients });
    run.gradientsAt = now();
  }

  /** One epoch of one run, in slices; returns the divergence error when a loss is not finite, or 'stopped'. */
  private async trainEpoch(run: RunProgress): Promise<RnnLabError | 'stopped' | null> {
    const last = run.epoch + 1 === run.trainer.spec.epochs;
    const probe = this.recordGradients && (last || now() - run.gradientsAt >= GRADIENTS_MS);
    // Checked before each slice, so that a job paused or stopped before it started trains no epoch.
    do {
      if (await this.checkpoint()) return 'stopped';
    } while (!run.trainer.trainSome(now() + SLICE_MS, probe));
    const trainLoss = run.trainer.takeEpochLoss();
    run.epoch++;
    if (probe) this.addGradients(run);
    const recordGates = this.recordGates && (last || now() - run.gatesAt >= GATES_MS);
    const { testLoss, predictions, gates } = run.trainer.evaluate(recordGates);
    run.elapsed = this.active();
    const { key } = run.trainer.spec;
    if (!Number.isFinite(trainLoss) || !Number.isFinite(testLoss)) return this.diverged(key, run.epoch);
    run.trainLoss = trainLoss;
    run.testLoss = testLoss;
    run.bestTestLoss = Math.min(run.bestTestLoss, testLoss);
    const record: EpochRecord = {
      key, epoch: run.epoch, trainLoss, testLoss, epochsPerSecond: run.epoch / (run.elapsed / 1000),
    };
    this.pending.epochs.push(record);
    this.pending.predictions[key] = predictions;
    if (gates) this.addGates(run, gates);
    return null;
  }

  /**
   * A loss that is no longer finite. On data of a huge scale (1e30) no learning
   * rate helps: the squared errors overflow float32, so the message says so.
   */
  private diverged(model: string, epoch: number): RnnLabError {
    let scale = 0;
    for (const value of this.job.series) scale = Math.max(scale, Math.abs(value));
    return scale > HUGE_DATA
      ? new RnnLabError('diverged', 'error.divergedScale', { model, epoch, scale: scale.toExponential(1) })
      : new RnnLabError('diverged', 'error.diverged', { model, epoch });
  }

  /** With a pace, waits until round `round` may start: `round / pace` seconds of active time. */
  private async waitForPace(round: number): Promise<void> {
    const { pace } = this.job;
    if (!pace) return;
    const wait = (round / pace) * 1000 - this.active();
    if (wait <= 0) return;
    this.flush();
    await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private flush(): void {
    this.lastFlush = now();
    const { epochs, predictions, gates, gradients, fallback } = this.pending;
    if (epochs.length === 0 && Object.keys(predictions).length === 0 && !gates && !gradients && !fallback) return;
    const batch = this.pending;
    this.pending = { epochs: [], predictions: {} };
    this.delivered = Promise.resolve(this.onProgress(batch)).catch(() => {});
  }

  private parameters(): RunParameters {
    return Object.fromEntries(this.runs.map((run) => [run.trainer.spec.key, run.trainer.parameters()]));
  }

  private result() {
    const models: Record<string, RunResult> = {};
    for (const run of this.runs) {
      const seconds = run.elapsed / 1000;
      models[run.trainer.spec.key] = {
        trainMse: run.trainLoss, testMse: run.testLoss, bestTestMse: run.bestTestLoss,
        epochs: run.epoch, seconds, epochsPerSecond: run.epoch / seconds,
      };
    }
    return { models, seconds: this.active() / 1000 };
  }
}
