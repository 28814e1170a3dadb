import type { ModelKind } from '../../src/core/config.js';

/** One named parameter tensor, in PyTorch's `state_dict` order and shape. */
export interface ParamSpec {
  name: string;
  shape: number[];
  /** PyTorch's default init draws it uniformly from +-1/sqrt(fanIn). */
  fanIn: number;
}

/**
 * How one model lays out its numbers. The parameters are one flat float32 vector
 * in `paramSpecs` order; the state is h (and c for the LSTM) concatenated; the
 * arithmetic is in wasm/assembly/<kind>.ts. Sequences are batch 1, input and
 * output size 1.
 */
export interface CellLayout {
  kind: ModelKind;
  paramSpecs(hidden: number): ParamSpec[];
  stateSize(hidden: number): number;
  /** Floats the forward pass saves for the backward pass of a `steps`-long sequence; the last `steps` are its outputs. */
  cacheSize(hidden: number, steps: number): number;
  /** Scratch floats the cell's functions need. */
  workSize(hidden: number): number;
}

/** PyTorch's names and shapes for a one-layer `nn.GRU`/`nn.LSTM`/`nn.RNN` + `Linear(H, 1)`. */
function recurrentParamSpecs(kind: ModelKind, gates: number, hidden: number): ParamSpec[] {
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

/** `nn.GRU` (gates r, z, n). Cache: h_0..h_T, per step r, z, n and Whn h + bhn, outputs. */
const gru: CellLayout = {
  kind: 'gru',
  paramSpecs: (H) => recurrentParamSpecs('gru', 3, H),
  stateSize: (H) => H,
  cacheSize: (H, T) => (T + 1) * H + 4 * T * H + T,
  workSize: (H) => 6 * H,
};

/** `nn.LSTM` (gates i, f, g, o); state [h | c]. Cache: h_0..h_T, c_0..c_T, per step i, f, g, o, tanh(c'), outputs. */
const lstm: CellLayout = {
  kind: 'lstm',
  paramSpecs: (H) => recurrentParamSpecs('lstm', 4, H),
  stateSize: (H) => 2 * H,
  cacheSize: (H, T) => 2 * (T + 1) * H + 5 * T * H + T,
  workSize: (H) => 9 * H,
};

/** `nn.RNN` (tanh). Cache: h_0..h_T, outputs. */
const rnn: CellLayout = {
  kind: 'rnn',
  paramSpecs: (H) => recurrentParamSpecs('rnn', 1, H),
  stateSize: (H) => H,
  cacheSize: (H, T) => (T + 1) * H + T,
  workSize: (H) => 3 * H,
};

/**
 * The textbook's MLP, `Linear(1,32) - ReLU - Linear(32,16) - ReLU - Linear(16,1)`,
 * point by point (`nn.Sequential` names 0, 2, 4). Fixed sizes: the hidden-size
 * attribute does not apply. No state. Cache: both layers' pre-activations per point, outputs.
 */
const mlp: CellLayout = {
  kind: 'mlp',
  paramSpecs: () => [
    { name: '0.weight', shape: [32, 1], fanIn: 1 },
    { name: '0.bias', shape: [32], fanIn: 1 },
    { name: '2.weight', shape: [16, 32], fanIn: 32 },
    { name: '2.bias', shape: [16], fanIn: 32 },
    { name: '4.weight', shape: [1, 16], fanIn: 16 },
    { name: '4.bias', shape: [1], fanIn: 16 },
  ],
  stateSize: () => 0,
  cacheSize: (_H, T) => T * (32 + 16) + T,
  workSize: () => 2 * 32 + 16,
};

export const CELLS: Record<ModelKind, CellLayout> = { gru, lstm, rnn, mlp };

/** Parameter count of a layout. */
export function paramCount(specs: ParamSpec[]): number {
  return specs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1), 0);
}
