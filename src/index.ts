/**
 * rnn-lab: importing this module registers `<rnn-trainer>` (and, as they are
 * added, the chart elements). Registration is guarded, so a second copy of the
 * library on the page does not throw.
 */
import { RnnTrainer } from './elements/rnn-trainer/rnn-trainer.js';

function define(name: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, constructor);
}

define('rnn-trainer', RnnTrainer);

export { RnnTrainer };
export { workerPool, WorkerPool } from './client/worker-pool.js';
export { TRUSTED_TYPES_POLICY } from './client/start-worker.js';
export { parseConfig } from './core/config.js';
export { parseSeries } from './core/csv.js';
export { sineSeries } from './core/default-series.js';
export { splitIndexOf, windowSequences } from './core/windows.js';
export { RnnLabError } from './core/errors.js';
export type { TrainerConfig, ModelKind, BackendName } from './core/config.js';
export type { TrainResult, RunResult } from './core/protocol.js';
export type { ErrorCode } from './core/errors.js';
export type { EpochDetail, TrainerError, RnnLabEventMap } from './elements/events.js';
export type { History, TrainerState } from './elements/rnn-trainer/rnn-trainer.js';
