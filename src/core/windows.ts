import { RnnLabError } from './errors.js';

/** Where the test part begins: `floor(split * N)`, as the textbook's `int(0.8 * len(data))`. */
export function splitIndexOf(length: number, split: number): number {
  return Math.floor(split * length);
}

/**
 * The training sequences, as the textbook's code cuts them: `floor(split / (seqLen + 1))`
 * windows of `seqLen + 1` values, each input its first `seqLen`, each target its last
 * `seqLen`; the leftover end of the train part is dropped. Flattened: sequence `i`
 * occupies `[i*seqLen, (i+1)*seqLen)`.
 */
export interface Sequences {
  count: number;
  seqLen: number;
  inputs: Float32Array;
  /** The inputs shifted by one step. */
  targets: Float32Array;
}

/**
 * Cuts `train` into `floor(len / (seqLen + 1))` back-to-back windows of `seqLen + 1`
 * values: each window's first `seqLen` values are the input, its last `seqLen` the
 * target. Leftover values at the end are dropped.
 */
export function windowSequences(train: ArrayLike<number>, seqLen: number): Sequences {
  const width = seqLen + 1;
  const count = Math.floor(train.length / width);
  const inputs = new Float32Array(count * seqLen);
  const targets = new Float32Array(count * seqLen);
  for (let i = 0; i < count; i++) {
    for (let t = 0; t < seqLen; t++) {
      inputs[i * seqLen + t] = train[i * width + t];
      targets[i * seqLen + t] = train[i * width + t + 1];
    }
  }
  return { count, seqLen, inputs, targets };
}

/**
 * Throws `data-too-short` unless a series of `length` values leaves at least one
 * training sequence of `seqLen + 1` values and a test part of two values (one step
 * to predict).
 */
export function checkSeriesFits(length: number, seqLen: number, split: number): void {
  const splitIndex = splitIndexOf(length, split);
  if (splitIndex >= seqLen + 1 && length - splitIndex >= 2) return;
  let needed = Math.max(Math.ceil((seqLen + 1) / split) - 2, seqLen + 3);
  while (splitIndexOf(needed, split) < seqLen + 1 || needed - splitIndexOf(needed, split) < 2) needed++;
  throw new RnnLabError('data-too-short', 'error.dataTooShort', { length, seqLen, split, needed });
}
