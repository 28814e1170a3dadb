import type { ModelKind } from '../../src/core/config.js';

/**
 * How one model lays out its working numbers. The parameters are one flat
 * float32 vector in `paramSpecs` order (src/core/model-layout.ts, shared with the
 * page); the state is h (and c for the LSTM) concatenated; the arithmetic is in
 * wasm/assembly/<kind>.ts. Sequences are batch 1, input and output size 1.
 */
export interface CellLayout {
  kind: ModelKind;
  stateSize(hidden: number): number;
  /** Floats the forward pass saves for the backward pass of a `steps`-long sequence; the last `steps` are its outputs. */
  cacheSize(hidden: number, steps: number): number;
  /** Scratch floats the cell's functions need. */
  workSize(hidden: number): number;
}

/** `nn.GRU` (gates r, z, n). Cache: h_0..h_T, per step r, z, n and Whn h + bhn, outputs. */
const gru: CellLayout = {
  kind: 'gru',
  stateSize: (H) => H,
  cacheSize: (H, T) => (T + 1) * H + 4 * T * H + T,
  workSize: (H) => 6 * H,
};

/** `nn.LSTM` (gates i, f, g, o); state [h | c]. Cache: h_0..h_T, c_0..c_T, per step i, f, g, o, tanh(c'), outputs. */
const lstm: CellLayout = {
  kind: 'lstm',
  stateSize: (H) => 2 * H,
  cacheSize: (H, T) => 2 * (T + 1) * H + 5 * T * H + T,
  workSize: (H) => 9 * H,
};

/** `nn.RNN` (tanh). Cache: h_0..h_T, outputs. */
const rnn: CellLayout = {
  kind: 'rnn',
  stateSize: (H) => H,
  cacheSize: (H, T) => (T + 1) * H + T,
  workSize: (H) => 3 * H,
};

/**
 * The textbook's MLP, point by point. Fixed sizes: the hidden-size attribute
 * does not apply. No state. Cache: both layers' pre-activations per point, outputs.
 */
const mlp: CellLayout = {
  kind: 'mlp',
  stateSize: () => 0,
  cacheSize: (_H, T) => T * (32 + 16) + T,
  workSize: () => 2 * 32 + 16,
};

export const CELLS: Record<ModelKind, CellLayout> = { gru, lstm, rnn, mlp };

