/**
 * Each model's parameters as PyTorch names and shapes them: the one table of the
 * parameter memory layout. The worker trains one flat float32 vector, these
 * tensors concatenated in this order; the page reads and writes `state_dict` JSON
 * by these names. The other code that indexes the vector — the AssemblyScript
 * cells (workers/engine/wasm/assembly/<kind>.ts) and the plain-op reference
 * (workers/engine/reference.ts) — is checked against this table, parameter by
 * parameter, by test/workers/engine/pytorch-parity.test.ts: each gradient block
 * at the offset this table gives must equal PyTorch's gradient of that name.
 * Pure: no DOM, no tfjs.
 */
import type { ModelKind } from './config.js';
import { RnnLabError } from './errors.js';

/** One named parameter tensor, in PyTorch's `state_dict` order and shape. */
export interface ParamSpec {
  name: string;
  shape: number[];
  /** The fan-in of PyTorch's default init, which draws it uniformly from +-1/sqrt(fanIn)... */
  fanIn: number;
  /** ...except an `nn.Linear` weight, drawn by `kaiming_uniform_(a=sqrt(5))`, whose bound is computed another way (workers/engine/params.ts). */
  kaiming?: true;
}

export type RecurrentKind = Exclude<ModelKind, 'mlp'>;

/** Rows per hidden unit in weight_ih / weight_hh: PyTorch's gates r, z, n (GRU); i, f, g, o (LSTM); one (RNN). */
export const GATE_ROWS: Record<RecurrentKind, number> = { gru: 3, lstm: 4, rnn: 1 };

export function isRecurrent(kind: ModelKind): kind is RecurrentKind {
  return kind !== 'mlp';
}

/** A one-layer `nn.GRU`/`nn.LSTM`/`nn.RNN` named `kind`, then `linear = nn.Linear(H, 1)`. */
function recurrentSpecs(kind: RecurrentKind, hidden: number): ParamSpec[] {
  const rows = GATE_ROWS[kind] * hidden;
  return [
    { name: `${kind}.weight_ih_l0`, shape: [rows, 1], fanIn: hidden },
    { name: `${kind}.weight_hh_l0`, shape: [rows, hidden], fanIn: hidden },
    { name: `${kind}.bias_ih_l0`, shape: [rows], fanIn: hidden },
    { name: `${kind}.bias_hh_l0`, shape: [rows], fanIn: hidden },
    { name: 'linear.weight', shape: [1, hidden], fanIn: hidden, kaiming: true },
    { name: 'linear.bias', shape: [1], fanIn: hidden },
  ];
}

/**
 * The textbook's MLP, `nn.Sequential(Linear(1,32), ReLU, Linear(32,16), ReLU, Linear(16,1))`
 * (hence the names 0, 2, 4). Its sizes are fixed: the hidden size does not apply.
 */
const MLP_SPECS: readonly ParamSpec[] = [
  { name: '0.weight', shape: [32, 1], fanIn: 1, kaiming: true },
  { name: '0.bias', shape: [32], fanIn: 1 },
  { name: '2.weight', shape: [16, 32], fanIn: 32, kaiming: true },
  { name: '2.bias', shape: [16], fanIn: 32 },
  { name: '4.weight', shape: [1, 16], fanIn: 16, kaiming: true },
  { name: '4.bias', shape: [1], fanIn: 16 },
];

/** The parameters of `kind` at hidden size `hidden`, in `state_dict` order: the flat vector is their concatenation. */
export function paramSpecs(kind: ModelKind, hidden: number): ParamSpec[] {
  return isRecurrent(kind) ? recurrentSpecs(kind, hidden) : MLP_SPECS.map((spec) => ({ ...spec, shape: [...spec.shape] }));
}

/** Number of values in a tensor of `shape`. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Length of the flat parameter vector of `kind` at hidden size `hidden`. */
export function paramCount(kind: ModelKind, hidden: number): number {
  return paramSpecs(kind, hidden).reduce((sum, spec) => sum + sizeOf(spec.shape), 0);
}

/**
 * What a recording rollout records per step and hidden unit, in this order: the
 * GRU's update gate z, reset gate r and hidden state h; the LSTM's input, forget
 * and output gates and cell state c; the RNN's hidden state. The MLP has none.
 *
 * These are values, not parameter blocks, so the two orders differ on purpose:
 * the GRU's weight rows are PyTorch's r, z, n (n: the candidate state, "new
 * gate"), fixed by `state_dict`; the recording leads with the update gate z, the
 * one that decides how much of the hidden state carries over, and ends with the
 * hidden state h itself (not the candidate n), which is what a reader compares
 * the gates against. Gate names are translated in src/i18n (`gate.z`, ...).
 */
export const RECORDED_GATES: Record<ModelKind, readonly string[]> = {
  gru: ['z', 'r', 'h'],
  lstm: ['i', 'f', 'o', 'c'],
  rnn: ['h'],
  mlp: [],
};

/**
 * A recording's extents and unit means (see GateRecording), computed where it is
 * recorded: the worker does the arithmetic, and the page only reads the figures its
 * colour scales, summary and table show.
 */
export function summariseGates(names: number, steps: number, units: number, values: Float32Array): { extents: Float64Array; means: Float64Array } {
  const extents = new Float64Array(2 * names);
  const means = new Float64Array(names * units);
  for (let g = 0; g < names; g++) {
    let low = Infinity;
    let high = -Infinity;
    for (let step = 0; step < steps; step++) {
      const row = (g * steps + step) * units;
      for (let unit = 0; unit < units; unit++) {
        const value = values[row + unit];
        if (value < low) low = value;
        if (value > high) high = value;
        means[g * units + unit] += value;
      }
    }
    extents[2 * g] = low;
    extents[2 * g + 1] = high;
    for (let unit = 0; unit < units; unit++) means[g * units + unit] /= steps;
  }
  return { extents, means };
}

/** Throws `invalid-weights` unless `flat` is a finite parameter vector of the run `key` (model `kind`, hidden size `hidden`). */
export function checkParameters(key: string, kind: ModelKind, hidden: number, flat: Float32Array): void {
  const expected = paramCount(kind, hidden);
  if (flat.length !== expected) {
    throw new RnnLabError('invalid-weights', 'error.weightsLength', { model: key, got: flat.length, expected });
  }
  const index = flat.findIndex((v) => !Number.isFinite(v));
  if (index >= 0) {
    throw new RnnLabError('invalid-weights', 'error.weightsFlatValue', { model: key, index, value: String(flat[index]) });
  }
}
