// The error a call throws, for tests that check its code, key, params or message.
import { expect } from '@open-wc/testing';
import { RnnLabError } from '../../src/core/errors.js';

/** The RnnLabError `run` throws; the test fails when it throws none, or another kind. */
export function rnnLabErrorOf(run: () => unknown): RnnLabError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(RnnLabError);
    return error as RnnLabError;
  }
  throw new Error('expected an RnnLabError, and nothing was thrown');
}
