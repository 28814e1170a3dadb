import { executeServerCommand } from '@web/test-runner-commands';

/**
 * Evaluates `expression` (JavaScript source; a promise is awaited) in the frame
 * whose URL contains `url`, whatever its origin, and returns its JSON value.
 */
export function evaluateInFrame<T>(url: string, expression: string): Promise<T> {
  return executeServerCommand('frame-evaluate', { url, expression }) as Promise<T>;
}
