import { translate, type MessageKey, type MessageParams } from '../i18n/translate.js';

/** The code of every error rnn-lab reports (README, "<rnn-trainer>"). */
export type ErrorCode =
  | 'invalid-attribute'
  | 'data-fetch'
  | 'data-parse'
  | 'data-too-short'
  | 'diverged'
  | 'worker'
  | 'backend'
  | 'invalid-weights';

/**
 * An RnnLabError as plain data, as it crosses the worker boundary. The page
 * gives `rnn-error` and `trainer.error` its code and message (`TrainerError`).
 */
export interface ErrorDetail {
  code: ErrorCode;
  /** Human-readable, in the reader's language once it reaches the page. */
  message: string;
  /** Translation key and parameters, so the page can say it in the reader's language. */
  key: string;
  params: MessageParams;
}

/**
 * An error with one of rnn-lab's codes. Thrown by pure code and by the worker;
 * its plain-object form (`toDetail`) crosses the worker boundary. Its message is
 * the English text of `key`; the page re-translates `key` for the reader.
 */
export class RnnLabError extends Error {
  readonly code: ErrorCode;
  readonly key: MessageKey;
  readonly params: MessageParams;

  constructor(code: ErrorCode, key: MessageKey, params: MessageParams = {}) {
    super(translate('en', key, params));
    this.name = 'RnnLabError';
    this.code = code;
    this.key = key;
    this.params = params;
  }

  toDetail(): ErrorDetail {
    return { code: this.code, message: this.message, key: this.key, params: this.params };
  }

  /** Rebuilds an error that crossed a structured clone as a plain object. */
  static fromDetail(detail: ErrorDetail): RnnLabError {
    return new RnnLabError(detail.code, detail.key as MessageKey, detail.params);
  }
}
