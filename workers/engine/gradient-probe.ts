/**
 * What backpropagation through time carries back along one training sequence,
 * for the gradient chart: an extra forward pass and two backward passes over the
 * sequence, in plain JS and float64, outside the training step (which they do
 * not change). They run only while a gradient chart watches, on one sequence per
 * recorded epoch, so plain JS (about 0.1 ms at H = 16, T = 50) is fast enough.
 *
 * Parameters are rnn-lab's flat layout (src/core/model-layout.ts): weight_ih,
 * weight_hh, bias_ih, bias_hh, linear.weight, linear.bias; the state is h, or
 * [h | c] for the LSTM. Gate formulas are PyTorch's (wasm/assembly/<kind>.ts).
 */
import type { RecurrentKind } from '../../src/core/model-layout.js';
import { GATE_ROWS } from '../../src/core/model-layout.js';

/** Per step t = 0 … T-1 of one sequence. */
export interface SequenceGradients {
  /** |d yhat_{T-1} / d x_t|: how much the sequence's last prediction depends on input t. */
  connectivity: Float32Array;
  /** ||dL/dh_t||_2, L the sequence's MSE and h_t the hidden state after step t: the total derivative through every later step. */
  hiddenGrad: Float32Array;
  /** yhat_t: the predictions the forward pass made. */
  outputs: Float32Array;
}

/** A vector of float64 working values. */
type Vector = Float64Array<ArrayBufferLike>;

/** One model's weights, read out of the flat parameters. */
interface Weights {
  H: number;
  wih: Float32Array;
  whh: Float32Array;
  bih: Float32Array;
  bhh: Float32Array;
  wl: Float32Array;
  bl: number;
}

function weightsOf(kind: RecurrentKind, H: number, params: Float32Array): Weights {
  const rows = GATE_ROWS[kind] * H;
  const whhEnd = rows + rows * H;
  return {
    H, wih: params.subarray(0, rows), whh: params.subarray(rows, whhEnd),
    bih: params.subarray(whhEnd, whhEnd + rows), bhh: params.subarray(whhEnd + rows, whhEnd + 2 * rows),
    wl: params.subarray(whhEnd + 2 * rows, whhEnd + 2 * rows + H), bl: params[whhEnd + 2 * rows + H],
  };
}

/** Whh h + bhh, every row (kept apart from the input's part: the GRU's r multiplies it in the n gate). */
function recurrent(w: Weights, h: Vector): Vector {
  const out = new Float64Array(w.bhh.length);
  for (let r = 0; r < out.length; r++) {
    let sum = w.bhh[r];
    for (let k = 0; k < w.H; k++) sum += w.whh[r * w.H + k] * h[k];
    out[r] = sum;
  }
  return out;
}

/** dh += Whh^T da. */
function backRecurrent(w: Weights, da: Vector, dh: Vector): void {
  for (let r = 0; r < da.length; r++) {
    if (da[r] === 0) continue;
    for (let k = 0; k < w.H; k++) dh[k] += w.whh[r * w.H + k] * da[r];
  }
}

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

/** One step's forward values, kept for its backward; `h` and `c` are the state after the step. */
interface Step {
  h: Vector;
  c?: Vector;
  back(dh: Vector, dc: Vector | undefined): { dh: Vector; dc?: Vector; dx: number };
}

type Cell = (w: Weights, x: number, h: Vector, c: Vector | undefined) => Step;

/** nn.GRU: r, z, n; h' = (1 - z) n + z h. */
const gru: Cell = (w, x, h) => {
  const { H } = w;
  const gh = recurrent(w, h);
  const r = new Float64Array(H);
  const z = new Float64Array(H);
  const n = new Float64Array(H);
  const out = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    r[j] = sigmoid(w.wih[j] * x + w.bih[j] + gh[j]);
    z[j] = sigmoid(w.wih[H + j] * x + w.bih[H + j] + gh[H + j]);
    n[j] = Math.tanh(w.wih[2 * H + j] * x + w.bih[2 * H + j] + r[j] * gh[2 * H + j]);
    out[j] = (1 - z[j]) * n[j] + z[j] * h[j];
  }
  return {
    h: out,
    back: (dOut) => {
      const da = new Float64Array(3 * H); // dar | daz | d(Whn h + bhn)
      const dh = new Float64Array(H);
      let dx = 0;
      for (let j = 0; j < H; j++) {
        const dan = dOut[j] * (1 - z[j]) * (1 - n[j] * n[j]);
        const daz = dOut[j] * (h[j] - n[j]) * z[j] * (1 - z[j]);
        const dar = dan * gh[2 * H + j] * r[j] * (1 - r[j]);
        da[j] = dar;
        da[H + j] = daz;
        da[2 * H + j] = dan * r[j];
        dh[j] = dOut[j] * z[j];
        dx += w.wih[j] * dar + w.wih[H + j] * daz + w.wih[2 * H + j] * dan;
      }
      backRecurrent(w, da, dh);
      return { dh, dx };
    },
  };
};

/** nn.LSTM: i, f, g, o; c' = f c + i g, h' = o tanh(c'). */
const lstm: Cell = (w, x, h, c) => {
  const { H } = w;
  const a = recurrent(w, h);
  for (let r = 0; r < 4 * H; r++) a[r] += w.wih[r] * x + w.bih[r];
  const gates = a.map((v, r) => (r >= 2 * H && r < 3 * H ? Math.tanh(v) : sigmoid(v)));
  const cOut = new Float64Array(H);
  const tc = new Float64Array(H);
  const hOut = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    cOut[j] = gates[H + j] * c![j] + gates[j] * gates[2 * H + j];
    tc[j] = Math.tanh(cOut[j]);
    hOut[j] = gates[3 * H + j] * tc[j];
  }
  return {
    h: hOut, c: cOut,
    back: (dOut, dcOut) => {
      const da = new Float64Array(4 * H);
      const dc = new Float64Array(H);
      const dh = new Float64Array(H);
      let dx = 0;
      for (let j = 0; j < H; j++) {
        const [i, f, g, o] = [gates[j], gates[H + j], gates[2 * H + j], gates[3 * H + j]];
        const dcj = dcOut![j] + dOut[j] * o * (1 - tc[j] * tc[j]);
        da[j] = dcj * g * i * (1 - i);
        da[H + j] = dcj * c![j] * f * (1 - f);
        da[2 * H + j] = dcj * i * (1 - g * g);
        da[3 * H + j] = dOut[j] * tc[j] * o * (1 - o);
        dc[j] = dcj * f;
      }
      for (let r = 0; r < 4 * H; r++) dx += w.wih[r] * da[r];
      backRecurrent(w, da, dh);
      return { dh, dc, dx };
    },
  };
};

/** nn.RNN: h' = tanh(Wih x + bih + Whh h + bhh). */
const rnn: Cell = (w, x, h) => {
  const out = recurrent(w, h).map((v, j) => Math.tanh(v + w.wih[j] * x + w.bih[j]));
  return {
    h: out,
    back: (dOut) => {
      const da = out.map((v, j) => dOut[j] * (1 - v * v));
      const dh = new Float64Array(w.H);
      backRecurrent(w, da, dh);
      return { dh, dx: da.reduce((sum, v, j) => sum + w.wih[j] * v, 0) };
    },
  };
};

const CELL_OF: Record<RecurrentKind, Cell> = { gru, lstm, rnn };

/**
 * Backward from the head's gradients `seed(t)` = dL/d yhat_t: per step, the norm
 * of dL/dh_t (the head's part and all that flows back from later steps) and dL/dx_t.
 */
function backward(w: Weights, steps: Step[], seed: (t: number) => number) {
  const norms = new Float32Array(steps.length);
  const dx = new Float32Array(steps.length);
  let dh: Vector = new Float64Array(w.H); // the state carried out of the sequence is detached: nothing from beyond it
  let dc: Vector | undefined = steps[0]?.c && new Float64Array(w.H);
  for (let t = steps.length - 1; t >= 0; t--) {
    const s = seed(t);
    let sq = 0;
    for (let j = 0; j < w.H; j++) {
      dh[j] += s * w.wl[j];
      sq += dh[j] * dh[j];
    }
    norms[t] = Math.sqrt(sq);
    const back = steps[t].back(dh, dc);
    dx[t] = back.dx;
    dh = back.dh;
    dc = back.dc;
  }
  return { norms, dx };
}

/**
 * The sequence `x` (targets `target`) from `state`: runs it forward, then back
 * twice, from its MSE and from its last prediction.
 */
export function probeGradients(kind: RecurrentKind, H: number, params: Float32Array, state: Float32Array,
  x: ArrayLike<number>, target: ArrayLike<number>): SequenceGradients {
  const w = weightsOf(kind, H, params);
  const cell = CELL_OF[kind];
  const T = x.length;
  let h: Vector = Float64Array.from(state.subarray(0, H));
  let c: Vector | undefined = kind === 'lstm' ? Float64Array.from(state.subarray(H, 2 * H)) : undefined;
  const steps: Step[] = [];
  const dy = new Float64Array(T);
  const outputs = new Float32Array(T);
  for (let t = 0; t < T; t++) {
    const step = cell(w, x[t], h, c);
    steps.push(step);
    h = step.h;
    c = step.c;
    let y = w.bl;
    for (let j = 0; j < H; j++) y += w.wl[j] * h[j];
    outputs[t] = y;
    dy[t] = (2 * (y - target[t])) / T;
  }
  const loss = backward(w, steps, (t) => dy[t]);
  const last = backward(w, steps, (t) => (t === T - 1 ? 1 : 0));
  return { connectivity: last.dx.map(Math.abs), hiddenGrad: loss.norms, outputs };
}
