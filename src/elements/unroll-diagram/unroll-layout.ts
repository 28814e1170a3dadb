import { windowSequences } from '../../core/windows.js';

/**
 * Past `limit` steps the middle collapses into "…" (unless expanded), keeping
 * `keep` steps at each end, so that the labels stay readable: 12 and 3 in a wide
 * element, 5 and 2 in a narrow one (a phone's 320 px).
 */
export interface Collapse {
  limit: number;
  keep: number;
}

export const WIDE: Collapse = { limit: 12, keep: 3 };
export const NARROW: Collapse = { limit: 5, keep: 2 };

/** `train`: a training sequence (many-to-many, teacher-forced); `test`: the closed-loop rollout. */
export type UnrollMode = 'train' | 'test';

/** The 1-based steps drawn, with null where the collapsed middle is. */
export function shownSteps(steps: number, expanded: boolean, { limit, keep }: Collapse): Array<number | null> {
  const all = Array.from({ length: steps }, (_, i) => i + 1);
  if (expanded || steps <= limit) return all;
  return [...all.slice(0, keep), null, ...all.slice(steps - keep)];
}

/** The numbers of one drawn sequence: per 1-based step t, x_t, the prediction ŷ_t and what ŷ_t is compared with. */
export interface SequenceNumbers {
  inputs: ArrayLike<number>;
  /** ŷ_t, when known: the rollout in test mode; in training, what the gradient recording brings. */
  outputs: ArrayLike<number> | null;
  /** x_{t+1} in training; the test value the rollout is scored against in test. */
  targets: ArrayLike<number>;
}

/**
 * The numbers behind the diagram: in training, the last training sequence of
 * `steps` (the one the gradients are recorded on); in test, the first `steps`
 * steps of the closed loop, each prediction fed back as the next input.
 */
export function sequenceNumbers(mode: UnrollMode, series: Float32Array | null, splitIndex: number, steps: number,
  rollout: Float32Array | undefined): SequenceNumbers | null {
  if (!series || steps < 1) return null;
  if (mode === 'train') {
    const { count, inputs, targets } = windowSequences(series.subarray(0, splitIndex), steps);
    if (count === 0) return null;
    const last = (count - 1) * steps;
    return { inputs: inputs.subarray(last, last + steps), outputs: null, targets: targets.subarray(last, last + steps) };
  }
  const test = series.subarray(splitIndex);
  if (test.length < 2) return null;
  const shown = Math.min(steps, test.length - 1);
  const outputs = rollout ? rollout.subarray(0, shown) : null;
  const inputs = Float32Array.from({ length: shown }, (_, i) => (i === 0 ? test[0] : outputs ? outputs[i - 1] : NaN));
  return { inputs, outputs, targets: test.subarray(1, shown + 1) };
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';

/** A symbol with a numeric subscript: `x₁₂`. */
export function subscript(symbol: string, n: number): string {
  return symbol + String(n).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)]);
}
