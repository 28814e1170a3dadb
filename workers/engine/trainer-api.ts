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
import { RunMachine } from '../../src/core/run-state.js';

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

  /**
   * Resolves with the backend once this job may use it; call `release` when the
   * job ends. `onWait` is called once if the job has to wait for other jobs.
   */
  acquire(requested: TrainJob['backend'], onWait: () => void): Promise<ActiveBackend> {
    const turn = this.queue.then(async () => {
      const wanted = requested === 'auto' ? AUTO_BACKEND : requested;
      if (this.jobs > 0 && this.name !== wanted) onWait();
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

/**
 * A job from the moment `train` is called: its state (src/core/run-state.ts) and,
 * once its backend is ready, its runner. Control calls act on the state, so a
 * pause or stop that arrives while the job waits for its backend is kept.
 */
interface JobControl {
  machine: RunMachine;
  runner: JobRunner | null;
  /** The latest setRecordGates / setRecordGradients, kept for a job still waiting for its backend. */
  recordGates: boolean;
  recordGradients: boolean;
}

/** The worker's API: jobs from any number of elements, interleaved epoch by epoch. */
export function createTrainerApi(): TrainerWorkerApi {
  const jobs = new Map<string, JobControl>();
  const gate = new BackendGate();

  return {
    async train(job: TrainJob, onProgress: ProgressCallback): Promise<JobOutcome> {
      const control: JobControl = {
        machine: new RunMachine(), runner: null, recordGates: job.recordGates ?? false, recordGradients: job.recordGradients ?? false,
      };
      control.machine.send('start');
      jobs.set(job.id, control);
      let acquired = false;
      try {
        for (const run of job.runs) {
          checkHyperparameters(run);
          checkSeriesFits(job.series.length, run.seqLen, run.split);
          if (run.initialParameters) checkParameters(run.key, run.model, run.hiddenSize, run.initialParameters);
        }
        const active = await gate.acquire(job.backend, () => onProgress({ epochs: [], predictions: {}, waiting: true }));
        acquired = true;
        if (!control.machine.send('loaded')) return { status: 'stopped' };
        control.runner = new JobRunner({ ...job, recordGates: control.recordGates, recordGradients: control.recordGradients }, active.ops, control.machine, onProgress, active.fallback);
        return await control.runner.run();
      } catch (error) {
        return errorOutcome(error);
      } finally {
        jobs.delete(job.id);
        if (acquired) gate.release();
      }
    },
    pause: (jobId) => void jobs.get(jobId)?.machine.send('pause'),
    resume: (jobId) => void jobs.get(jobId)?.machine.send('resume'),
    stop: (jobId) => void jobs.get(jobId)?.machine.send('stop'),
    setRecordGates: (jobId, on) => {
      const control = jobs.get(jobId);
      if (!control) return;
      control.recordGates = on;
      control.runner?.setRecordGates(on);
    },
    setRecordGradients: (jobId, on) => {
      const control = jobs.get(jobId);
      if (!control) return;
      control.recordGradients = on;
      control.runner?.setRecordGradients(on);
    },
    async loadSeries(source) {
      try {
        const series = await readSeries(source);
        return Comlink.transfer({ status: 'done' as const, series }, [series.buffer]);
      } catch (error) {
        return errorOutcome(error) as LoadOutcome;
      }
    },
    ping: () => true,
    numTensors: () => tf.memory().numTensors,
    backend: () => tf.getBackend() ?? null,
  };
}
