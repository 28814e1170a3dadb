import { sigmoid4, tanh4 } from './activations';
import { add, at, axpy, copy, head, headBackward, headForward, ld, ld4, matvec, matvecBackward, st, st4, zero } from './common';

// PyTorch nn.LSTM (gates i, f, g, o) + Linear(H, 1) at every step. Parameter
// layout (state_dict order): weight_ih [4H], weight_hh [4H x H], bias_ih [4H],
// bias_hh [4H], linear.weight [H], linear.bias [1]. State is [h | c].
// Cache of a T-step sequence: h_0..h_T and c_0..c_T ((T+1)H each), then per
// step i, f, g, o and tanh(c') (5H each), then the T outputs.

const GATES = 5;

/** Gate pre-activation bih + wih x + pre, four units from j. */
@inline function gate(bih: usize, wih: usize, x: v128, pre: v128, j: i32): v128 {
  return f32x4.add(f32x4.add(ld4(bih, j), f32x4.mul(ld4(wih, j), x)), pre);
}

@inline function step(p: usize, H: i32, x: f32, h: usize, c: usize, hOut: usize, cOut: usize, g: usize): void {
  const whh = at(p, 4 * H);
  const bih = at(whh, 4 * H * H);
  const bhh = at(bih, 4 * H);
  matvec(g, whh, 4 * H, H, h, bhh); // Whh h + bhh, every gate row
  const xv = f32x4.splat(x);
  for (let j = 0; j < H; j += 4) {
    const count = H - j;
    const i = sigmoid4(gate(bih, p, xv, ld4(g, j), j));
    const f = sigmoid4(gate(bih, p, xv, ld4(g, H + j), H + j));
    const gg = tanh4(gate(bih, p, xv, ld4(g, 2 * H + j), 2 * H + j));
    const o = sigmoid4(gate(bih, p, xv, ld4(g, 3 * H + j), 3 * H + j));
    const cNext = f32x4.add(f32x4.mul(f, ld4(c, j)), f32x4.mul(i, gg));
    const tc = tanh4(cNext);
    st4(g, j, i, count);
    st4(g, H + j, f, count);
    st4(g, 2 * H + j, gg, count);
    st4(g, 3 * H + j, o, count);
    st4(g, 4 * H + j, tc, count);
    st4(cOut, j, cNext, count);
    st4(hOut, j, f32x4.mul(o, tc), count);
  }
}

export function lstmForward(p: usize, H: i32, T: i32, x: usize, target: usize, state: usize,
  stateOut: usize, cache: usize, _work: usize): f32 {
  const wl = at(p, 4 * H + 4 * H * H + 8 * H);
  const bl = ld(wl, H);
  const cBase = at(cache, (T + 1) * H);
  const gBase = at(cBase, (T + 1) * H);
  const yBase = at(gBase, T * GATES * H);
  copy(cache, state, H);
  copy(cBase, at(state, H), H);
  let loss: f64 = 0;
  for (let t = 0; t < T; t++) {
    const hNext = at(cache, (t + 1) * H);
    step(p, H, ld(x, t), at(cache, t * H), at(cBase, t * H), hNext, at(cBase, (t + 1) * H), at(gBase, t * GATES * H));
    loss += headForward(wl, bl, hNext, H, yBase, target, t);
  }
  copy(stateOut, at(cache, T * H), H);
  copy(at(stateOut, H), at(cBase, T * H), H);
  return <f32>(loss / T);
}

/** Adds d(loss)/d(params) * dLoss to grad. `work` holds 7H floats of scratch. */
export function lstmBackward(p: usize, H: i32, T: i32, x: usize, target: usize, cache: usize,
  dLoss: f32, grad: usize, work: usize): void {
  const whh = at(p, 4 * H);
  const wl = at(whh, 4 * H * H + 8 * H);
  const gWhh = at(grad, 4 * H);
  const gBih = at(gWhh, 4 * H * H);
  const gBhh = at(gBih, 4 * H);
  const gWl = at(gBhh, 4 * H);
  const cBase = at(cache, (T + 1) * H);
  const gBase = at(cBase, (T + 1) * H);
  const yBase = at(gBase, T * GATES * H);
  let dh = work;
  let dhPrev = at(work, H);
  const dc = at(work, 2 * H);
  const dA = at(work, 3 * H); // dai | daf | dag | dao: the rows of weight_hh
  zero(dh, H); // the carried state is detached: no gradient from the future
  zero(dc, H);
  for (let t = T - 1; t >= 0; t--) {
    const hNext = at(cache, (t + 1) * H);
    const hPrev = at(cache, t * H);
    const cPrev = at(cBase, t * H);
    headBackward(wl, gWl, hNext, dh, H, yBase, target, t, T, dLoss);
    const g = at(gBase, t * GATES * H);
    const xt = ld(x, t);
    for (let j = 0; j < H; j++) {
      const i = ld(g, j);
      const f = ld(g, H + j);
      const gg = ld(g, 2 * H + j);
      const o = ld(g, 3 * H + j);
      const tc = ld(g, 4 * H + j);
      const dhj = ld(dh, j);
      const dcj = ld(dc, j) + dhj * o * (1 - tc * tc);
      const dai = dcj * gg * i * (1 - i);
      const daf = dcj * ld(cPrev, j) * f * (1 - f);
      const dag = dcj * i * (1 - gg * gg);
      const dao = dhj * tc * o * (1 - o);
      st(dc, j, dcj * f);
      add(grad, j, dai * xt);
      add(grad, H + j, daf * xt);
      add(grad, 2 * H + j, dag * xt);
      add(grad, 3 * H + j, dao * xt);
      st(dA, j, dai);
      st(dA, H + j, daf);
      st(dA, 2 * H + j, dag);
      st(dA, 3 * H + j, dao);
    }
    axpy(gBih, 1, dA, 4 * H);
    axpy(gBhh, 1, dA, 4 * H);
    zero(dhPrev, H);
    matvecBackward(gWhh, whh, dA, 4 * H, H, hPrev, dhPrev);
    const swap = dh;
    dh = dhPrev;
    dhPrev = swap;
  }
}

/**
 * Closed loop from state and x0; `work` holds 9H floats. When `gates` is not 0,
 * also writes i, f, o and c of every step there: [4][steps][H].
 */
export function lstmRollout(p: usize, H: i32, x0: f32, state: usize, pred: usize, steps: i32, work: usize, gates: usize): void {
  const wl = at(p, 4 * H + 4 * H * H + 8 * H);
  const bl = ld(wl, H);
  let h = work;
  let c = at(work, H);
  let hNext = at(work, 2 * H);
  let cNext = at(work, 3 * H);
  const g = at(work, 4 * H);
  copy(h, state, 2 * H);
  let x = x0;
  for (let t = 0; t < steps; t++) {
    step(p, H, x, h, c, hNext, cNext, g);
    let swap = h;
    h = hNext;
    hNext = swap;
    swap = c;
    c = cNext;
    cNext = swap;
    x = head(wl, bl, h, H);
    st(pred, t, x);
    if (gates) {
      // step leaves i, f, g, o in g[0, 4H), H each.
      copy(at(gates, t * H), g, H);
      copy(at(gates, (steps + t) * H), at(g, H), H);
      copy(at(gates, (2 * steps + t) * H), at(g, 3 * H), H);
      copy(at(gates, (3 * steps + t) * H), c, H);
    }
  }
}
