import {
  linearBackward, linearOutput, recurrentOffsets, recurrentParamSpecs, scratch, sigmoid, tanh,
  type CellMath, type GateRecord,
} from './cell.js';

/**
 * PyTorch `nn.LSTM` (gate order i, f, g, o) + `Linear(H, 1)` at every step:
 *   i, f, o = s(W.i x + b.i + W.h h + b.h),  g = tanh(...)
 *   c' = f * c + i * g,  h' = o * tanh(c')
 *
 * State is [h | c]. Cache of a T-step sequence: h_0..h_T and c_0..c_T ((T+1)H
 * each), then per step i, f, g, o, tanh(c') (5H), then the T outputs.
 */
const CACHED = 5;

type Offsets = ReturnType<typeof recurrentOffsets>;

function step(p: Float32Array, o: Offsets, H: number, x: number,
  hs: Float32Array, hOff: number, cs: Float32Array, cOff: number,
  hOut: Float32Array, hOutOff: number, cOut: Float32Array, cOutOff: number,
  g: Float32Array, gOff: number): void {
  for (let j = 0; j < H; j++) {
    let ai = p[o.bih + j] + p[o.bhh + j] + p[o.wih + j] * x;
    let af = p[o.bih + H + j] + p[o.bhh + H + j] + p[o.wih + H + j] * x;
    let ag = p[o.bih + 2 * H + j] + p[o.bhh + 2 * H + j] + p[o.wih + 2 * H + j] * x;
    let ao = p[o.bih + 3 * H + j] + p[o.bhh + 3 * H + j] + p[o.wih + 3 * H + j] * x;
    const rowI = o.whh + j * H;
    const rowF = o.whh + (H + j) * H;
    const rowG = o.whh + (2 * H + j) * H;
    const rowO = o.whh + (3 * H + j) * H;
    for (let k = 0; k < H; k++) {
      const hk = hs[hOff + k];
      ai += p[rowI + k] * hk;
      af += p[rowF + k] * hk;
      ag += p[rowG + k] * hk;
      ao += p[rowO + k] * hk;
    }
    const i = sigmoid(ai);
    const f = sigmoid(af);
    const gg = tanh(ag);
    const out = sigmoid(ao);
    const c = f * cs[cOff + j] + i * gg;
    cOut[cOutOff + j] = c;
    const tc = tanh(Math.fround(c));
    hOut[hOutOff + j] = out * tc;
    g[gOff + j] = i;
    g[gOff + H + j] = f;
    g[gOff + 2 * H + j] = gg;
    g[gOff + 3 * H + j] = out;
    g[gOff + 4 * H + j] = tc;
  }
}

export const lstm: CellMath = {
  kind: 'lstm',
  gateNames: ['i', 'f', 'o', 'c'],
  paramSpecs: (H) => recurrentParamSpecs('lstm', 4, H),
  stateSize: (H) => 2 * H,
  cacheSize: (H, T) => 2 * (T + 1) * H + T * CACHED * H + T,

  forward(p, H, x, target, state, stateOut, cache) {
    const T = x.length;
    const o = recurrentOffsets(4, H);
    const cBase = (T + 1) * H;
    const gBase = 2 * (T + 1) * H;
    const yBase = gBase + T * CACHED * H;
    cache.set(state.subarray(0, H), 0);
    cache.set(state.subarray(H, 2 * H), cBase);
    let loss = 0;
    for (let t = 0; t < T; t++) {
      step(p, o, H, x[t], cache, t * H, cache, cBase + t * H,
        cache, (t + 1) * H, cache, cBase + (t + 1) * H, cache, gBase + t * CACHED * H);
      const y = linearOutput(p, o, H, cache, (t + 1) * H);
      cache[yBase + t] = y;
      loss += (y - target[t]) * (y - target[t]);
    }
    stateOut.set(cache.subarray(T * H, (T + 1) * H), 0);
    stateOut.set(cache.subarray(cBase + T * H, cBase + (T + 1) * H), H);
    return loss / T;
  },

  backward(p, H, x, target, cache, dLoss, grad) {
    const T = x.length;
    const o = recurrentOffsets(4, H);
    const cBase = (T + 1) * H;
    const gBase = 2 * (T + 1) * H;
    const yBase = gBase + T * CACHED * H;
    let dh = scratch('lstm.dh', H);
    let dhPrev = scratch('lstm.dhPrev', H);
    const dc = scratch('lstm.dc', H);
    for (let t = T - 1; t >= 0; t--) {
      const dy = ((2 * (cache[yBase + t] - target[t])) / T) * dLoss;
      linearBackward(p, o, H, dy, cache, (t + 1) * H, grad, dh);
      const gOff = gBase + t * CACHED * H;
      const pOff = t * H;
      const xt = x[t];
      dhPrev.fill(0);
      for (let j = 0; j < H; j++) {
        const i = cache[gOff + j];
        const f = cache[gOff + H + j];
        const gg = cache[gOff + 2 * H + j];
        const out = cache[gOff + 3 * H + j];
        const tc = cache[gOff + 4 * H + j];
        const dcj = dc[j] + dh[j] * out * (1 - tc * tc);
        const dai = dcj * gg * i * (1 - i);
        const daf = dcj * cache[cBase + t * H + j] * f * (1 - f);
        const dag = dcj * i * (1 - gg * gg);
        const dao = dh[j] * tc * out * (1 - out);
        dc[j] = dcj * f;
        grad[o.wih + j] += dai * xt;
        grad[o.wih + H + j] += daf * xt;
        grad[o.wih + 2 * H + j] += dag * xt;
        grad[o.wih + 3 * H + j] += dao * xt;
        grad[o.bih + j] += dai;
        grad[o.bih + H + j] += daf;
        grad[o.bih + 2 * H + j] += dag;
        grad[o.bih + 3 * H + j] += dao;
        grad[o.bhh + j] += dai;
        grad[o.bhh + H + j] += daf;
        grad[o.bhh + 2 * H + j] += dag;
        grad[o.bhh + 3 * H + j] += dao;
        // The four gate rows of unit j share one pass over h_{t-1}.
        const rowI = o.whh + j * H;
        const rowF = o.whh + (H + j) * H;
        const rowG = o.whh + (2 * H + j) * H;
        const rowO = o.whh + (3 * H + j) * H;
        for (let k = 0; k < H; k++) {
          const hk = cache[pOff + k];
          grad[rowI + k] += dai * hk;
          grad[rowF + k] += daf * hk;
          grad[rowG + k] += dag * hk;
          grad[rowO + k] += dao * hk;
          dhPrev[k] += dai * p[rowI + k] + daf * p[rowF + k] + dag * p[rowG + k] + dao * p[rowO + k];
        }
      }
      [dh, dhPrev] = [dhPrev, dh];
    }
  },

  rollout(p, H, x0, state, pred, record?: GateRecord) {
    const o = recurrentOffsets(4, H);
    let h = state.slice(0, H);
    let c = state.slice(H, 2 * H);
    let hNext = new Float32Array(H);
    let cNext = new Float32Array(H);
    const g = new Float32Array(CACHED * H);
    let x = x0;
    for (let t = 0; t < pred.length; t++) {
      step(p, o, H, x, h, 0, c, 0, hNext, 0, cNext, 0, g, 0);
      [h, hNext] = [hNext, h];
      [c, cNext] = [cNext, c];
      x = linearOutput(p, o, H, h, 0);
      pred[t] = x;
      if (record) {
        record.i.set(g.subarray(0, H), t * H);
        record.f.set(g.subarray(H, 2 * H), t * H);
        record.o.set(g.subarray(3 * H, 4 * H), t * H);
        record.c.set(c, t * H);
      }
    }
  },
};
