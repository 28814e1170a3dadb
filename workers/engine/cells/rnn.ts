import {
  linearBackward, linearOutput, recurrentOffsets, recurrentParamSpecs, scratch, tanh,
  type CellMath, type GateRecord,
} from './cell.js';

/**
 * PyTorch `nn.RNN` (tanh) + `Linear(H, 1)` at every step: h' = tanh(Wih x + bih + Whh h + bhh).
 * Cache of a T-step sequence: h_0..h_T ((T+1)H), then the T outputs.
 */
type Offsets = ReturnType<typeof recurrentOffsets>;

function step(p: Float32Array, o: Offsets, H: number, x: number, hs: Float32Array, hOff: number,
  hOut: Float32Array, outOff: number): void {
  for (let j = 0; j < H; j++) {
    let a = p[o.bih + j] + p[o.bhh + j] + p[o.wih + j] * x;
    const row = o.whh + j * H;
    for (let k = 0; k < H; k++) a += p[row + k] * hs[hOff + k];
    hOut[outOff + j] = tanh(a);
  }
}

export const rnn: CellMath = {
  kind: 'rnn',
  gateNames: ['h'],
  paramSpecs: (H) => recurrentParamSpecs('rnn', 1, H),
  stateSize: (H) => H,
  cacheSize: (H, T) => (T + 1) * H + T,

  forward(p, H, x, target, state, stateOut, cache) {
    const T = x.length;
    const o = recurrentOffsets(1, H);
    const yBase = (T + 1) * H;
    cache.set(state, 0);
    let loss = 0;
    for (let t = 0; t < T; t++) {
      step(p, o, H, x[t], cache, t * H, cache, (t + 1) * H);
      const y = linearOutput(p, o, H, cache, (t + 1) * H);
      cache[yBase + t] = y;
      loss += (y - target[t]) * (y - target[t]);
    }
    stateOut.set(cache.subarray(T * H, (T + 1) * H));
    return loss / T;
  },

  backward(p, H, x, target, cache, dLoss, grad) {
    const T = x.length;
    const o = recurrentOffsets(1, H);
    const yBase = (T + 1) * H;
    let dh = scratch('rnn.dh', H);
    let dhPrev = scratch('rnn.dhPrev', H);
    for (let t = T - 1; t >= 0; t--) {
      const dy = ((2 * (cache[yBase + t] - target[t])) / T) * dLoss;
      const hOff = (t + 1) * H;
      const pOff = t * H;
      linearBackward(p, o, H, dy, cache, hOff, grad, dh);
      dhPrev.fill(0);
      for (let j = 0; j < H; j++) {
        const h = cache[hOff + j];
        const a = dh[j] * (1 - h * h);
        grad[o.wih + j] += a * x[t];
        grad[o.bih + j] += a;
        grad[o.bhh + j] += a;
        const row = o.whh + j * H;
        for (let k = 0; k < H; k++) {
          grad[row + k] += a * cache[pOff + k];
          dhPrev[k] += a * p[row + k];
        }
      }
      [dh, dhPrev] = [dhPrev, dh];
    }
  },

  rollout(p, H, x0, state, pred, record?: GateRecord) {
    const o = recurrentOffsets(1, H);
    let h = Float32Array.from(state);
    let next = new Float32Array(H);
    let x = x0;
    for (let t = 0; t < pred.length; t++) {
      step(p, o, H, x, h, 0, next, 0);
      [h, next] = [next, h];
      x = linearOutput(p, o, H, h, 0);
      pred[t] = x;
      if (record) record.h.set(h, t * H);
    }
  },
};
