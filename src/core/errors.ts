import { translate, type MessageKey, type MessageParams } from '../i18n/translate.js';

/** The error codes of DESIGN §2 (and `invalid-weights`, for loaded weights). */
export type ErrorCode =
  | 'invalid-attribute'
  | 'data-fetch'
  | 'data-parse'
  | 'data-too-short'
  | 'diverged'
  | 'worker'
  | 'backend'
  | 'invalid-weights';

/** What `rnn-error` carries and `trainer.error` holds. */
export interface ErrorDetail {
  code: ErrorCode;
  /** Human-readable, in the reader's language once it reaches the page. */
  message: string;
  /** Translation key and parameters, so the page can say it in the reader's language. */
  key: string;
  params: MessageParams;
}

/**
 * An error with a code from the contract. Thrown by pure code and by the worker;
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

/** True for an RnnLabError or its cloned plain-object form. */
export function isErrorDetail(value: unknown): value is ErrorDetail {
  const v = value as Partial<ErrorDetail> | null;
  return !!v && typeof v.code === 'string' && typeof v.key === 'string' && typeof v.message === 'string';
}
