import { add, at, ld, matvec, matvecBackward, st, zero } from './common';

// The textbook's MLP, Linear(1,32) - ReLU - Linear(32,16) - ReLU - Linear(16,1),
// point by point (nn.Sequential names 0, 2, 4). Parameter layout: 0.weight [32],
// 0.bias [32], 2.weight [16 x 32], 2.bias [16], 4.weight [16], 4.bias [1].
// Cache of T points: the pre-activations of both hidden layers (48 each), then
// the T outputs.

const A = 32;
const B = 16;
const W1 = 0;
const B1 = W1 + A;
const W2 = B1 + A;
const B2 = W2 + B * A;
const W3 = B2 + B;
const B3 = W3 + B;
const PER_POINT = A + B;

@inline function relu(a: f32): f32 {
  return a > 0 ? a : 0;
}

/** One point; its pre-activations go to `pre`, the first layer's ReLU to `r1`. Returns y. */
@inline function point(p: usize, x: f32, pre: usize, r1: usize): f32 {
  for (let j = 0; j < A; j++) {
    const a = ld(p, W1 + j) * x + ld(p, B1 + j);
    st(pre, j, a);
    st(r1, j, relu(a));
  }
  matvec(at(pre, A), at(p, W2), B, A, r1, at(p, B2));
  let y = ld(p, B3);
  for (let j = 0; j < B; j++) y += ld(p, W3 + j) * relu(ld(pre, A + j));
  return y;
}

export function mlpForward(p: usize, _H: i32, T: i32, x: usize, target: usize, _state: usize,
  _stateOut: usize, cache: usize, work: usize): f32 {
  const yBase = at(cache, T * PER_POINT);
  let loss: f64 = 0;
  for (let t = 0; t < T; t++) {
    const y = point(p, ld(x, t), at(cache, t * PER_POINT), work);
    st(yBase, t, y);
    const e = <f64>y - <f64>ld(target, t);
    loss += e * e;
  }
  return <f32>(loss / T);
}

/** Adds d(loss)/d(params) * dLoss to grad. `work` holds 80 floats of scratch. */
export function mlpBackward(p: usize, _H: i32, T: i32, x: usize, target: usize, cache: usize,
  dLoss: f32, grad: usize, work: usize): void {
  const yBase = at(cache, T * PER_POINT);
  const r1 = work;
  const dr1 = at(work, A);
  const da2 = at(work, 2 * A);
  for (let t = 0; t < T; t++) {
    const pre = at(cache, t * PER_POINT);
    const dy = <f32>((2 * (ld(yBase, t) - ld(target, t)) / <f32>T) * dLoss);
    add(grad, B3, dy);
    for (let j = 0; j < B; j++) {
      const a2 = ld(pre, A + j);
      add(grad, W3 + j, dy * relu(a2));
      const d = a2 > 0 ? dy * ld(p, W3 + j) : <f32>0; // ReLU passes no gradient at a <= 0, as PyTorch
      st(da2, j, d);
      add(grad, B2 + j, d);
    }
    for (let k = 0; k < A; k++) st(r1, k, relu(ld(pre, k)));
    zero(dr1, A);
    matvecBackward(at(grad, W2), at(p, W2), da2, B, A, r1, dr1);
    const xt = ld(x, t);
    for (let k = 0; k < A; k++) {
      if (ld(pre, k) <= 0) continue;
      const d = ld(dr1, k);
      add(grad, W1 + k, d * xt);
      add(grad, B1 + k, d);
    }
  }
}

/** Closed loop from x0; `work` holds 80 floats. The MLP records no gates. */
export function mlpRollout(p: usize, _H: i32, x0: f32, _state: usize, pred: usize, steps: i32, work: usize, _gates: usize): void {
  let x = x0;
  for (let t = 0; t < steps; t++) {
    x = point(p, x, at(work, A), work);
    st(pred, t, x);
  }
}
