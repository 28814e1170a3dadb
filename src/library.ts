/**
 * What every build of rnn-lab carries: `<rnn-trainer>` with its two charts,
 * `<loss-chart>` and `<prediction-chart>`, registered on import, and the API.
 * src/index.ts (the npm module) adds the optional elements; src/cdn/rnn-lab.ts
 * (the CDN's) registers them to load on first use.
 */
import { LossChart } from './elements/loss-chart/loss-chart.js';
import { PredictionChart } from './elements/prediction-chart/prediction-chart.js';
import { RnnTrainer } from './elements/rnn-trainer/rnn-trainer.js';
import { define } from './elements/registry.js';

define('rnn-trainer', RnnTrainer);
define('loss-chart', LossChart);
define('prediction-chart', PredictionChart);

export { RnnTrainer, LossChart, PredictionChart };
export { workerPool, WorkerPool } from './client/worker-pool.js';
export { TRUSTED_TYPES_POLICY } from './client/start-worker.js';
export { parseConfig } from './core/config.js';
export { parseSeries } from './core/csv.js';
export { sineSeries } from './core/default-series.js';
export { splitIndexOf, windowSequences } from './core/windows.js';
export { RnnLabError } from './core/errors.js';
export { fromStateDict, modelOfStateDict, toStateDict, type StateDict } from './core/state-dict.js';
export { paramSpecs, type ParamSpec } from './core/model-layout.js';
export type { TrainerConfig, ModelKind, BackendName } from './core/config.js';
export type { TrainResult, RunResult, GateRecording, GradientRecording } from './core/protocol.js';
export type { ErrorCode } from './core/errors.js';
export type {
  EpochDetail, TrainerError, RnnLabEventMap, RnnStartEvent, RnnEpochEvent, RnnDoneEvent, RnnStopEvent, RnnDataEvent, RnnErrorEvent,
} from './elements/events.js';
export type { History, TrainerState } from './elements/rnn-trainer/rnn-trainer.js';
export type { ChartSource } from './elements/chart/chart-element.js';
