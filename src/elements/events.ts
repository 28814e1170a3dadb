import type { ModelKind, TrainerConfig } from '../core/config.js';
import type { ErrorDetail } from '../core/errors.js';
import type { TrainResult } from '../core/protocol.js';

/**
 * The detail of `rnn-epoch`: one run's latest epoch (at most one per run per
 * frame). A run is named by its `key` everywhere (history, predictions, result):
 * the model's name, or `MODEL@PARAM=VALUE` in a sweep; `model` is its model.
 */
export interface EpochDetail {
  key: string;
  model: ModelKind;
  epoch: number;
  trainLoss: number;
  testLoss: number;
  epochsPerSecond: number;
}

/**
 * The detail of `rnn-error` and the value of `trainer.error`: an RnnLabError's
 * code, and its message in the reader's language. (`ErrorDetail`, src/core/errors.ts,
 * is the same error as it crosses the worker boundary, with its translation key.)
 */
export type TrainerError = Pick<ErrorDetail, 'code' | 'message'>;

/** One type per event rnn-lab fires, as `addEventListener` gives it. */
export type RnnStartEvent = CustomEvent<TrainerConfig>;
export type RnnEpochEvent = CustomEvent<EpochDetail>;
export type RnnDoneEvent = CustomEvent<TrainResult>;
export type RnnStopEvent = CustomEvent<null>;
/** The trainer's `predictions` (or `gates`) changed without an epoch: the untrained models' rollouts at the start. */
export type RnnDataEvent = CustomEvent<null>;
export type RnnErrorEvent = CustomEvent<TrainerError>;

/** Every event rnn-lab fires, by name. */
export interface RnnLabEventMap {
  'rnn-start': RnnStartEvent;
  'rnn-epoch': RnnEpochEvent;
  'rnn-done': RnnDoneEvent;
  'rnn-stop': RnnStopEvent;
  'rnn-data': RnnDataEvent;
  'rnn-error': RnnErrorEvent;
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
