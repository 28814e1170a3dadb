import type { ModelKind } from '../../../src/core/config.js';

/** One named parameter tensor, in PyTorch's `state_dict` order and shape. */
export interface ParamSpec {
  name: string;
  shape: number[];
  /** PyTorch's default init draws it uniformly from +-1/sqrt(fanIn). */
  fanIn: number;
}

/** What a rollout may record for the gate inspector: named [steps x units] blocks. */
export type GateRecord = Record<string, Float32Array>;

/**
 * The arithmetic of one model, on a flat float32 parameter vector laid out as
 * `paramSpecs` lists. Plain JS loops: at H = 16 a whole sequence costs less than
 * a handful of tfjs op dispatches, which is why each of these runs as one kernel.
 *
 * Sequences are batch 1, input and output size 1. `state` is h (and c for the
 * LSTM) concatenated; the MLP has none.
 */
export interface CellMath {
  kind: ModelKind;
  paramSpecs(hidden: number): ParamSpec[];
  stateSize(hidden: number): number;
  /** Floats the forward pass saves for the backward pass of a `steps`-long sequence. */
  cacheSize(hidden: number, steps: number): number;
  /** Gate names recorded by `rollout` when asked (the inspector's rows). */
  gateNames: readonly string[];
  /**
   * Runs the sequence `x` from `state`, writes the final state to `stateOut` and
   * what backward needs to `cache`; returns the MSE against `target`.
   */
  forward(p: Float32Array, hidden: number, x: Float32Array, target: Float32Array,
    state: Float32Array, stateOut: Float32Array, cache: Float32Array): number;
  /** Adds d(loss)/d(params), scaled by `dLoss`, to `grad` (which starts at zero). */
  backward(p: Float32Array, hidden: number, x: Float32Array, target: Float32Array,
    cache: Float32Array, dLoss: number, grad: Float32Array): void;
  /**
   * Closed loop: from `state` and input `x0`, predicts `pred.length` steps, each
   * prediction the next input. `state` is read, never written.
   */
  rollout(p: Float32Array, hidden: number, x0: number, state: Float32Array,
    pred: Float32Array, record?: GateRecord): void;
}

/** Parameter count of a layout. */
export function paramCount(specs: ParamSpec[]): number {
  return specs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1), 0);
}

/** PyTorch's names and shapes for a one-layer `nn.GRU`/`nn.LSTM`/`nn.RNN` + `Linear(H, 1)`. */
export function recurrentParamSpecs(kind: ModelKind, gates: number, hidden: number): ParamSpec[] {
  const rows = gates * hidden;
  return [
    { name: `${kind}.weight_ih_l0`, shape: [rows, 1], fanIn: hidden },
    { name: `${kind}.weight_hh_l0`, shape: [rows, hidden], fanIn: hidden },
    { name: `${kind}.bias_ih_l0`, shape: [rows], fanIn: hidden },
    { name: `${kind}.bias_hh_l0`, shape: [rows], fanIn: hidden },
    { name: 'linear.weight', shape: [1, hidden], fanIn: hidden },
    { name: 'linear.bias', shape: [1], fanIn: hidden },
  ];
}

/** Offsets of the recurrent layout's blocks in the flat parameter vector. */
export function recurrentOffsets(gates: number, hidden: number) {
  const rows = gates * hidden;
  const whh = rows;
  const bih = whh + rows * hidden;
  const bhh = bih + rows;
  const wl = bhh + rows;
  const bl = wl + hidden;
  return { wih: 0, whh, bih, bhh, wl, bl };
}

export const sigmoid = (a: number): number => 1 / (1 + Math.exp(-a));

/**
 * tanh through one `Math.exp`: twice as fast as `Math.tanh` in V8, and as exact
 * in float64 (a Taylor series near 0, where (e - 1) would cancel).
 */
export function tanh(a: number): number {
  if (a > 20) return 1;
  if (a < -20) return -1;
  if (a < 0.01 && a > -0.01) {
    const a2 = a * a;
    return a * (1 - a2 * (1 / 3 - a2 * (2 / 15 - (a2 * 17) / 315)));
  }
  const e = Math.exp(2 * a);
  return (e - 1) / (e + 1);
}

/** Reusable float64 work arrays, by name: a kernel call allocates nothing in steady state. */
const scratchArrays = new Map<string, Float64Array>();

/** A zeroed work array of at least `length` values (valid until the next call with `name`). */
export function scratch(name: string, length: number): Float64Array {
  let array = scratchArrays.get(name);
  if (!array || array.length < length) {
    array = new Float64Array(length);
    scratchArrays.set(name, array);
  } else {
    array.fill(0, 0, length);
  }
  return array;
}

type Offsets = ReturnType<typeof recurrentOffsets>;

/** The linear head: y = linear.weight . h + linear.bias, with h at `hs[hOff..]`. */
export function linearOutput(p: Float32Array, o: Offsets, H: number, hs: Float32Array, hOff: number): number {
  let y = p[o.bl];
  for (let k = 0; k < H; k++) y += p[o.wl + k] * hs[hOff + k];
  return y;
}

/** Backward through the head at one step: its parameter gradients, and dy into `dh`. */
export function linearBackward(p: Float32Array, o: Offsets, H: number, dy: number, hs: Float32Array, hOff: number,
  grad: Float32Array, dh: Float64Array): void {
  grad[o.bl] += dy;
  for (let k = 0; k < H; k++) {
    grad[o.wl + k] += dy * hs[hOff + k];
    dh[k] += dy * p[o.wl + k];
  }
}
