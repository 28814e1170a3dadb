import { scratch, type CellMath, type ParamSpec } from './cell.js';

/**
 * The textbook's MLP, `Linear(1,32) - ReLU - Linear(32,16) - ReLU - Linear(16,1)`,
 * applied to every point independently (`nn.Sequential` names 0, 2, 4). Its sizes
 * are fixed; the hidden-size attribute does not apply. No state.
 * Cache per point: the pre-activations of both hidden layers (32 + 16), then the output.
 */
const A = 32;
const B = 16;
const W1 = 0;
const B1 = W1 + A;
const W2 = B1 + A;
const B2 = W2 + B * A;
const W3 = B2 + B;
const B3 = W3 + B;
const PER_POINT = A + B + 1;

const SPECS: ParamSpec[] = [
  { name: '0.weight', shape: [A, 1], fanIn: 1 },
  { name: '0.bias', shape: [A], fanIn: 1 },
  { name: '2.weight', shape: [B, A], fanIn: A },
  { name: '2.bias', shape: [B], fanIn: A },
  { name: '4.weight', shape: [1, B], fanIn: B },
  { name: '4.bias', shape: [1], fanIn: B },
];

/** One point through the network; pre-activations go to `c[off..]`, returns y. */
function point(p: Float32Array, x: number, c: Float32Array, off: number): number {
  for (let j = 0; j < A; j++) c[off + j] = p[W1 + j] * x + p[B1 + j];
  let y = p[B3];
  for (let j = 0; j < B; j++) {
    let a = p[B2 + j];
    const row = W2 + j * A;
    for (let k = 0; k < A; k++) a += p[row + k] * Math.max(0, c[off + k]);
    c[off + A + j] = a;
    y += p[W3 + j] * Math.max(0, a);
  }
  c[off + A + B] = y;
  return y;
}

export const mlp: CellMath = {
  kind: 'mlp',
  gateNames: [],
  paramSpecs: () => SPECS,
  stateSize: () => 0,
  cacheSize: (_H, T) => T * PER_POINT,

  forward(p, _H, x, target, _state, _stateOut, cache) {
    let loss = 0;
    for (let t = 0; t < x.length; t++) {
      const y = point(p, x[t], cache, t * PER_POINT);
      loss += (y - target[t]) * (y - target[t]);
    }
    return loss / x.length;
  },

  backward(p, _H, x, target, cache, dLoss, grad) {
    const T = x.length;
    const da2 = scratch('mlp.da2', B);
    for (let t = 0; t < T; t++) {
      const off = t * PER_POINT;
      const dy = ((2 * (cache[off + A + B] - target[t])) / T) * dLoss;
      grad[B3] += dy;
      for (let j = 0; j < B; j++) {
        const a2 = cache[off + A + j];
        grad[W3 + j] += dy * Math.max(0, a2);
        da2[j] = a2 > 0 ? dy * p[W3 + j] : 0;
        grad[B2 + j] += da2[j];
      }
      for (let k = 0; k < A; k++) {
        const a1 = cache[off + k];
        if (a1 <= 0) continue; // ReLU passes no gradient (PyTorch: a > 0)
        let dr1 = 0;
        for (let j = 0; j < B; j++) {
          grad[W2 + j * A + k] += da2[j] * a1;
          dr1 += da2[j] * p[W2 + j * A + k];
        }
        grad[W1 + k] += dr1 * x[t];
        grad[B1 + k] += dr1;
      }
    }
  },

  rollout(p, _H, x0, _state, pred) {
    const c = new Float32Array(PER_POINT);
    let x = x0;
    for (let t = 0; t < pred.length; t++) {
      x = point(p, x, c, 0);
      pred[t] = x;
    }
  },
};
