import * as tf from '@tensorflow/tfjs-core';
import * as Comlink from 'comlink';
import { checkHyperparameters } from '../../src/core/config.js';
import { RnnLabError } from '../../src/core/errors.js';
import { checkParameters } from '../../src/core/model-layout.js';
import type { JobOutcome, LoadOutcome, ProgressCallback, TrainJob, TrainerWorkerApi } from '../../src/core/protocol.js';
import { readSeries } from '../../src/core/series-source.js';
import { checkSeriesFits } from '../../src/core/windows.js';
import { AUTO_BACKEND, selectBackend, type ActiveBackend } from './backends.js';
import { JobRunner } from './job-runner.js';

function errorOutcome(error: unknown): JobOutcome & { status: 'error' } {
  if (error instanceof RnnLabError) return { status: 'error', error: error.toDetail() };
  const reason = error instanceof Error ? error.message : String(error);
  return { status: 'error', error: new RnnLabError('worker', 'error.worker', { reason }).toDetail() };
}

/**
 * tfjs has one active backend per worker: jobs on the same backend interleave,
 * and a job that needs another one waits until those have finished.
 */
class BackendGate {
  private name: string | null = null;
  private jobs = 0;
  private waiters: Array<() => void> = [];
  private queue: Promise<unknown> = Promise.resolve();

  /** Resolves with the backend once this job may use it; call `release` when the job ends. */
  acquire(requested: TrainJob['backend']): Promise<ActiveBackend> {
    const turn = this.queue.then(async () => {
      const wanted = requested === 'auto' ? AUTO_BACKEND : requested;
      while (this.jobs > 0 && this.name !== wanted) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
      }
      let active: ActiveBackend;
      try {
        active = await selectBackend(requested);
      } catch (error) {
        throw new RnnLabError('backend', 'error.backend', { reason: error instanceof Error ? error.message : String(error) });
      }
      this.name = active.name;
      this.jobs++;
      return active;
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  release(): void {
    if (--this.jobs > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }
}

/** The worker's API: jobs from any number of elements, interleaved epoch by epoch. */
export function createTrainerApi(): TrainerWorkerApi {
  const runners = new Map<string, JobRunner>();
  const stoppedEarly = new Set<string>();
  /** Jobs waiting for their backend (which may take a while to start), and which of them a pause reached there. */
  const starting = new Set<string>();
  const pausedEarly = new Set<string>();
  /** setRecordGates calls that reached a job before it started. */
  const recordGatesEarly = new Map<string, boolean>();
  const recordGradientsEarly = new Map<string, boolean>();
  const gate = new BackendGate();

  return {
    async train(job: TrainJob, onProgress: ProgressCallback): Promise<JobOutcome> {
      if (stoppedEarly.delete(job.id)) return { status: 'stopped' };
      let acquired = false;
      starting.add(job.id);
      try {
        for (const run of job.runs) {
          checkHyperparameters(run);
          checkSeriesFits(job.series.length, run.seqLen, run.split);
          if (run.initialParameters) checkParameters(run.key, run.model, run.hiddenSize, run.initialParameters);
        }
        const active = await gate.acquire(job.backend);
        acquired = true;
        const notice = active.fallbackFrom ? { requested: active.fallbackFrom, used: active.name } : undefined;
        const recordGates = recordGatesEarly.get(job.id) ?? job.recordGates;
        const recordGradients = recordGradientsEarly.get(job.id) ?? job.recordGradients;
        const runner = new JobRunner({ ...job, recordGates, recordGradients }, active.ops, onProgress, notice);
        runners.set(job.id, runner);
        starting.delete(job.id);
        if (stoppedEarly.delete(job.id)) runner.stop();
        if (pausedEarly.delete(job.id)) runner.pause();
        return await runner.run();
      } catch (error) {
        return errorOutcome(error);
      } finally {
        runners.delete(job.id);
        starting.delete(job.id);
        pausedEarly.delete(job.id);
        recordGatesEarly.delete(job.id);
        recordGradientsEarly.delete(job.id);
        if (acquired) gate.release();
      }
    },
    pause: (jobId) => {
      const runner = runners.get(jobId);
      if (runner) runner.pause();
      else if (starting.has(jobId)) pausedEarly.add(jobId);
    },
    resume: (jobId) => {
      runners.get(jobId)?.resume();
      pausedEarly.delete(jobId);
    },
    stop: (jobId) => {
      const runner = runners.get(jobId);
      if (runner) runner.stop();
      else stoppedEarly.add(jobId);
    },
    setRecordGates: (jobId, on) => {
      const runner = runners.get(jobId);
      if (runner) runner.setRecordGates(on);
      else if (starting.has(jobId)) recordGatesEarly.set(jobId, on);
    },
    setRecordGradients: (jobId, on) => {
      const runner = runners.get(jobId);
      if (runner) runner.setRecordGradients(on);
      else if (starting.has(jobId)) recordGradientsEarly.set(jobId, on);
    },
    async loadSeries(source) {
      try {
        const series = await readSeries(source);
        return Comlink.transfer({ status: 'done' as const, series }, [series.buffer]);
      } catch (error) {
        return errorOutcome(error) as LoadOutcome;
      }
    },
    numTensors: () => tf.memory().numTensors,
    backend: () => tf.getBackend() ?? null,
  };
}
