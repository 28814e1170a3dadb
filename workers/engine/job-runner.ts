import { RnnLabError } from '../../src/core/errors.js';
import { RECORDED_GATES } from '../../src/core/model-layout.js';
import type {
  EpochRecord, JobOutcome, ProgressBatch, ProgressCallback, RunParameters, RunResult, TrainJob,
} from '../../src/core/protocol.js';
import { ModelTrainer, type StepOps } from './model-trainer.js';

/** How often, at most, progress is sent to the page: about one frame. */
const FLUSH_MS = 16;

/**
 * How often, at most, a run's gates are recorded and sent: a heatmap redrawn a
 * few times a second reads as live, and each recording is a test rollout's worth
 * of copying and ~10-40 KB through postMessage.
 */
const GATES_MS = 250;

/**
 * How often, at most, a run's BPTT gradients are recorded: each recording is an
 * extra forward and two backward passes over one sequence in plain JS (about a
 * tenth of a millisecond), which at every epoch of a fast run would cost tens of
 * percent of its speed; ten a second show memory growing just as well.
 */
const GRADIENTS_MS = 100;

const now = () => performance.now();

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
 * run by one epoch (train, then test). Pause, resume and stop take effect before
 * the next round; progress goes out in batches at most every FLUSH_MS. The first
 * batch, before any epoch, has each run's rollout of its initial model.
 */
export class JobRunner {
  private readonly job: TrainJob;
  private readonly onProgress: ProgressCallback;
  private readonly runs: RunProgress[];
  private pending: ProgressBatch = { epochs: [], predictions: {} };
  private lastFlush = 0;
  private stopped = false;
  private paused: { since: number; resume: () => void; resumed: Promise<void> } | null = null;
  private pausedMs = 0;
  /** Settles when the page has handled the last batch sent. */
  private delivered: Promise<unknown> = Promise.resolve();
  private startedAt = 0;
  private recordGates: boolean;
  private recordGradients: boolean;
  /** Set once the loop has ended: nothing more is sent after the last batch. */
  private ended = false;

  constructor(job: TrainJob, ops: StepOps, onProgress: ProgressCallback, notice?: ProgressBatch['backend']) {
    this.job = job;
    this.onProgress = onProgress;
    this.recordGates = job.recordGates ?? false;
    this.recordGradients = job.recordGradients ?? false;
    if (notice) this.pending.backend = notice;
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

  pause(): void {
    if (this.paused || this.stopped) return;
    let resume = () => {};
    const resumed = new Promise<void>((r) => (resume = r));
    this.paused = { since: now(), resume, resumed };
  }

  resume(): void {
    if (!this.paused) return;
    this.pausedMs += now() - this.paused.since;
    this.paused.resume();
    this.paused = null;
  }

  stop(): void {
    this.stopped = true;
    this.paused?.resume();
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

  private async loop(): Promise<'done' | 'stopped' | RnnLabError> {
    if (!this.stopped) this.sendInitialModels();
    this.startedAt = now();
    for (let round = 1; ; round++) {
      const todo = this.runs.filter((r) => r.epoch < r.trainer.spec.epochs);
      if (todo.length === 0) break;
      // With a pace, round r starts at r / pace seconds: a class first sees the untrained model (epoch 0) for a beat.
      await this.waitForPace(round);
      // Checked before each round, so that a job paused or stopped before it started trains no epoch.
      if (this.paused) {
        // The gates on the page then show the paused model, not one up to GATES_MS older.
        for (const run of this.runs) if (run.gatesEpoch !== run.epoch) this.recordGatesOf(run);
        this.flush();
        await this.paused.resumed;
      }
      if (this.stopped) {
        this.flush();
        return 'stopped';
      }
      for (const run of todo) {
        const failure = this.trainEpoch(run);
        if (failure) {
          this.flush();
          return failure;
        }
      }
      if (now() - this.lastFlush >= FLUSH_MS) this.flush();
      // Lets pause, resume and stop in after every round (tens of microseconds), so they take effect within an epoch.
      await yieldToEventLoop();
    }
    this.flush();
    return 'done';
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
    this.pending.gates ??= {};
    this.pending.gates[key] = { epoch: run.epoch, names, steps: values.length / (names.length * hiddenSize), units: hiddenSize, values };
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

  /** One epoch of one run; returns the divergence error when a loss is not finite. */
  private trainEpoch(run: RunProgress): RnnLabError | null {
    const last = run.epoch + 1 === run.trainer.spec.epochs;
    const probe = this.recordGradients && (last || now() - run.gradientsAt >= GRADIENTS_MS);
    const trainLoss = run.trainer.trainEpoch(probe);
    run.epoch++;
    if (probe) this.addGradients(run);
    const recordGates = this.recordGates && (last || now() - run.gatesAt >= GATES_MS);
    const { testLoss, predictions, gates } = run.trainer.evaluate(recordGates);
    run.elapsed = this.active();
    const { key } = run.trainer.spec;
    if (!Number.isFinite(trainLoss) || !Number.isFinite(testLoss)) {
      return new RnnLabError('diverged', 'error.diverged', { model: key, epoch: run.epoch });
    }
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
    const { epochs, predictions, gates, gradients, backend } = this.pending;
    if (epochs.length === 0 && Object.keys(predictions).length === 0 && !gates && !gradients && !backend) return;
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
