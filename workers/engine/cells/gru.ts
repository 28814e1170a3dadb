import {
  linearBackward, linearOutput, recurrentOffsets, recurrentParamSpecs, scratch, sigmoid, tanh,
  type CellMath, type GateRecord,
} from './cell.js';

/**
 * PyTorch `nn.GRU` (gate order r, z, n) + `Linear(H, 1)` at every step:
 *   r = s(Wir x + bir + Whr h + bhr),  z = s(Wiz x + biz + Whz h + bhz)
 *   n = tanh(Win x + bin + r * (Whn h + bhn)),  h' = (1 - z) * n + z * h
 *
 * Cache of a T-step sequence: h_0..h_T ((T+1)H), then per step r, z, n and
 * Whn h + bhn (4H each), then the T outputs.
 */
const CACHED = 4;
type Offsets = ReturnType<typeof recurrentOffsets>;

/** One step from h (at `hs[hOff]`) to h' (at `hOut[outOff]`); gates go to `g[gOff]`. */
function step(p: Float32Array, o: Offsets, H: number, x: number, hs: Float32Array, hOff: number,
  hOut: Float32Array, outOff: number, g: Float32Array, gOff: number): void {
  for (let j = 0; j < H; j++) {
    let ar = p[o.bih + j] + p[o.bhh + j] + p[o.wih + j] * x;
    let az = p[o.bih + H + j] + p[o.bhh + H + j] + p[o.wih + H + j] * x;
    let ghn = p[o.bhh + 2 * H + j];
    const rowR = o.whh + j * H;
    const rowZ = o.whh + (H + j) * H;
    const rowN = o.whh + (2 * H + j) * H;
    for (let k = 0; k < H; k++) {
      const hk = hs[hOff + k];
      ar += p[rowR + k] * hk;
      az += p[rowZ + k] * hk;
      ghn += p[rowN + k] * hk;
    }
    const r = sigmoid(ar);
    const z = sigmoid(az);
    const n = tanh(p[o.bih + 2 * H + j] + p[o.wih + 2 * H + j] * x + r * ghn);
    g[gOff + j] = r;
    g[gOff + H + j] = z;
    g[gOff + 2 * H + j] = n;
    g[gOff + 3 * H + j] = ghn;
    hOut[outOff + j] = (1 - z) * n + z * hs[hOff + j];
  }
}

export const gru: CellMath = {
  kind: 'gru',
  gateNames: ['r', 'z', 'n', 'h'],
  paramSpecs: (H) => recurrentParamSpecs('gru', 3, H),
  stateSize: (H) => H,
  cacheSize: (H, T) => (T + 1) * H + T * CACHED * H + T,

  forward(p, H, x, target, state, stateOut, cache) {
    const T = x.length;
    const o = recurrentOffsets(3, H);
    const gBase = (T + 1) * H;
    const yBase = gBase + T * CACHED * H;
    cache.set(state, 0);
    let loss = 0;
    for (let t = 0; t < T; t++) {
      step(p, o, H, x[t], cache, t * H, cache, (t + 1) * H, cache, gBase + t * CACHED * H);
      const y = linearOutput(p, o, H, cache, (t + 1) * H);
      cache[yBase + t] = y;
      loss += (y - target[t]) * (y - target[t]);
    }
    stateOut.set(cache.subarray(T * H, (T + 1) * H));
    return loss / T;
  },

  backward(p, H, x, target, cache, dLoss, grad) {
    const T = x.length;
    const o = recurrentOffsets(3, H);
    const gBase = (T + 1) * H;
    const yBase = gBase + T * CACHED * H;
    let dh = scratch('gru.dh', H); // the carried state is detached: no gradient from the future
    let dhPrev = scratch('gru.dhPrev', H);
    for (let t = T - 1; t >= 0; t--) {
      const dy = ((2 * (cache[yBase + t] - target[t])) / T) * dLoss;
      linearBackward(p, o, H, dy, cache, (t + 1) * H, grad, dh);
      const gOff = gBase + t * CACHED * H;
      const pOff = t * H;
      const xt = x[t];
      dhPrev.fill(0);
      for (let j = 0; j < H; j++) {
        const r = cache[gOff + j];
        const z = cache[gOff + H + j];
        const n = cache[gOff + 2 * H + j];
        const ghn = cache[gOff + 3 * H + j];
        const dan = dh[j] * (1 - z) * (1 - n * n);
        const daz = dh[j] * (cache[pOff + j] - n) * z * (1 - z);
        const dar = dan * ghn * r * (1 - r);
        const dghn = dan * r;
        dhPrev[j] += dh[j] * z; // the direct path h -> h'
        grad[o.wih + j] += dar * xt;
        grad[o.wih + H + j] += daz * xt;
        grad[o.wih + 2 * H + j] += dan * xt;
        grad[o.bih + j] += dar;
        grad[o.bih + H + j] += daz;
        grad[o.bih + 2 * H + j] += dan;
        grad[o.bhh + j] += dar;
        grad[o.bhh + H + j] += daz;
        grad[o.bhh + 2 * H + j] += dghn;
        // The three gate rows of unit j share one pass over h_{t-1}.
        const rowR = o.whh + j * H;
        const rowZ = o.whh + (H + j) * H;
        const rowN = o.whh + (2 * H + j) * H;
        for (let k = 0; k < H; k++) {
          const hk = cache[pOff + k];
          grad[rowR + k] += dar * hk;
          grad[rowZ + k] += daz * hk;
          grad[rowN + k] += dghn * hk;
          dhPrev[k] += dar * p[rowR + k] + daz * p[rowZ + k] + dghn * p[rowN + k];
        }
      }
      [dh, dhPrev] = [dhPrev, dh];
    }
  },

  rollout(p, H, x0, state, pred, record?: GateRecord) {
    const o = recurrentOffsets(3, H);
    let h = Float32Array.from(state);
    let next = new Float32Array(H);
    const g = new Float32Array(CACHED * H);
    let x = x0;
    for (let t = 0; t < pred.length; t++) {
      step(p, o, H, x, h, 0, next, 0, g, 0);
      [h, next] = [next, h];
      x = linearOutput(p, o, H, h, 0);
      pred[t] = x;
      if (record) {
        record.r.set(g.subarray(0, H), t * H);
        record.z.set(g.subarray(H, 2 * H), t * H);
        record.n.set(g.subarray(2 * H, 3 * H), t * H);
        record.h.set(h, t * H);
      }
    }
  },
};
