import type { TrainerConfig } from '../core/config.js';
import type { ErrorCode } from '../core/errors.js';
import type { TrainResult } from '../core/protocol.js';

/** The detail of `rnn-epoch`: one model's latest epoch (at most one per model per frame). */
export interface EpochDetail {
  /** The run's key: the model name, or `MODEL@PARAM=VALUE` in a sweep. */
  model: string;
  epoch: number;
  trainLoss: number;
  testLoss: number;
  epochsPerSecond: number;
}

/** The detail of `rnn-error` and the value of `trainer.error`. */
export interface TrainerError {
  code: ErrorCode;
  message: string;
}

/** Every event rnn-lab fires, by name. */
export interface RnnLabEventMap {
  'rnn-start': CustomEvent<TrainerConfig>;
  'rnn-epoch': CustomEvent<EpochDetail>;
  'rnn-done': CustomEvent<TrainResult>;
  'rnn-stop': CustomEvent<null>;
  /** The trainer's `predictions` (or `gates`) changed without an epoch: the untrained models' rollouts at the start. */
  'rnn-data': CustomEvent<null>;
  'rnn-error': CustomEvent<TrainerError>;
}

/** Fires a bubbling, composed `CustomEvent` from `target`: the one way rnn-lab emits events. */
export function emit<K extends keyof RnnLabEventMap>(
  target: EventTarget, name: K, detail: RnnLabEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends RnnLabEventMap {}
}
