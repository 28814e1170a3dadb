import { RnnLabError } from '../../src/core/errors.js';
import type {
  EpochRecord, JobOutcome, ProgressBatch, ProgressCallback, RunResult, TrainJob,
} from '../../src/core/protocol.js';
import { ModelTrainer, type StepOps } from './model-trainer.js';

/** How often, at most, progress is sent to the page: about one frame. */
const FLUSH_MS = 16;

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
}

/**
 * Trains every run of a job side by side: each round advances every unfinished
 * run by one epoch (train, then test). Pause, resume and stop take effect before
 * the next round; progress goes out in batches at most every FLUSH_MS.
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

  constructor(job: TrainJob, ops: StepOps, onProgress: ProgressCallback, notice?: ProgressBatch['backend']) {
    this.job = job;
    this.onProgress = onProgress;
    if (notice) this.pending.backend = notice;
    this.runs = job.runs.map((spec) => ({
      trainer: new ModelTrainer(spec, job.series, ops),
      epoch: 0, trainLoss: NaN, testLoss: NaN, bestTestLoss: Infinity, elapsed: 0,
    }));
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
      const outcome = await this.loop();
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

  private async loop(): Promise<JobOutcome> {
    this.startedAt = now();
    for (let round = 1; ; round++) {
      const todo = this.runs.filter((r) => r.epoch < r.trainer.spec.epochs);
      if (todo.length === 0) break;
      // Checked before each round, so that a job paused or stopped before it started trains no epoch.
      if (this.paused) {
        this.flush();
        await this.paused.resumed;
      }
      if (this.stopped) {
        this.flush();
        return { status: 'stopped' };
      }
      for (const run of todo) {
        const failure = this.trainEpoch(run);
        if (failure) {
          this.flush();
          return { status: 'error', error: failure.toDetail() };
        }
      }
      if (now() - this.lastFlush >= FLUSH_MS) this.flush();
      await this.waitForPace(round);
      // Lets pause, resume and stop in after every round (tens of microseconds), so they take effect within an epoch.
      await yieldToEventLoop();
    }
    this.flush();
    return { status: 'done', result: this.result() };
  }

  /** One epoch of one run; returns the divergence error when a loss is not finite. */
  private trainEpoch(run: RunProgress): RnnLabError | null {
    const trainLoss = run.trainer.trainEpoch();
    const { testLoss, predictions } = run.trainer.evaluate();
    run.epoch++;
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
    return null;
  }

  /** With a pace, round `round` may not end before round / pace seconds of active time. */
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
    if (this.pending.epochs.length === 0 && !this.pending.backend) return;
    const batch = this.pending;
    this.pending = { epochs: [], predictions: {} };
    this.delivered = Promise.resolve(this.onProgress(batch)).catch(() => {});
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
