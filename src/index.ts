/**
 * rnn-lab: importing this module registers `<rnn-trainer>`, `<loss-chart>`,
 * `<prediction-chart>`, `<gate-chart>`, `<gradient-chart>` and `<unroll-diagram>`.
 * Registration is guarded, so a second copy of the library on the page does not throw.
 */
import { LossChart } from './elements/loss-chart/loss-chart.js';
import { PredictionChart } from './elements/prediction-chart/prediction-chart.js';
import { GateChart } from './elements/gate-chart/gate-chart.js';
import { GradientChart } from './elements/gradient-chart/gradient-chart.js';
import { RnnTrainer } from './elements/rnn-trainer/rnn-trainer.js';
import { UnrollDiagram } from './elements/unroll-diagram/unroll-diagram.js';

function define(name: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, constructor);
}

define('rnn-trainer', RnnTrainer);
define('loss-chart', LossChart);
define('prediction-chart', PredictionChart);
define('gate-chart', GateChart);
define('gradient-chart', GradientChart);
define('unroll-diagram', UnrollDiagram);

export { RnnTrainer, LossChart, PredictionChart, GateChart, GradientChart, UnrollDiagram };
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
