// Waiting in tests: on conditions, never on the clock. The options below make
// @open-wc/testing's `waitUntil` patient enough for a machine three times slower
// than a developer's, under load (its default gives up after one second).
import { waitUntil } from '@open-wc/testing';

/** For `waitUntil(condition, message, PATIENT)`: up to 100 s, checking every 10 ms. */
export const PATIENT = { timeout: 100_000, interval: 10 };

/**
 * Resolves with `read()` once it has kept the same value for `ms`: how a test
 * sees that something has stopped happening (a paused job sends nothing more).
 * Only ever slower under load, never wrong: a slow machine delays the answer.
 */
export async function steady<T>(read: () => T, ms: number): Promise<T> {
  let value = read();
  let since = performance.now();
  await waitUntil(() => {
    const now = read();
    if (now !== value) {
      value = now;
      since = performance.now();
    }
    return performance.now() - since >= ms;
  }, `a value that holds for ${ms} ms`, PATIENT);
  return value;
}
