import { sigmoid4, tanh4 } from './activations';
import { add, at, axpy, copy, head, headBackward, headForward, ld, ld4, matvec, matvecBackward, st, st4, zero } from './common';

// PyTorch nn.GRU (gates r, z, n) + Linear(H, 1) at every step. Parameter layout
// (state_dict order): weight_ih [3H], weight_hh [3H x H], bias_ih [3H],
// bias_hh [3H], linear.weight [H], linear.bias [1].
// Cache of a T-step sequence: h_0..h_T ((T+1)H), then per step r, z, n and
// Whn h + bhn (4H each), then the T outputs.

const GATES = 4;

/** Gate pre-activation bih + wih x + pre, four units from j. */
@inline function gate(bih: usize, wih: usize, x: v128, pre: v128, j: i32): v128 {
  return f32x4.add(f32x4.add(ld4(bih, j), f32x4.mul(ld4(wih, j), x)), pre);
}

@inline function step(p: usize, H: i32, x: f32, h: usize, hOut: usize, g: usize): void {
  const whh = at(p, 3 * H);
  const bih = at(whh, 3 * H * H);
  const bhh = at(bih, 3 * H);
  // Whh h + bhh: the r and z rows into their slots of g, the n rows into the fourth (kept for backward).
  matvec(g, whh, 2 * H, H, h, bhh);
  matvec(at(g, 3 * H), at(whh, 2 * H * H), H, H, h, at(bhh, 2 * H));
  const xv = f32x4.splat(x);
  for (let j = 0; j < H; j += 4) {
    const count = H - j;
    const r = sigmoid4(gate(bih, p, xv, ld4(g, j), j));
    const z = sigmoid4(gate(bih, p, xv, ld4(g, H + j), H + j));
    const n = tanh4(gate(bih, p, xv, f32x4.mul(r, ld4(g, 3 * H + j)), 2 * H + j));
    const hPrev = ld4(h, j);
    st4(g, j, r, count);
    st4(g, H + j, z, count);
    st4(g, 2 * H + j, n, count);
    st4(hOut, j, f32x4.add(n, f32x4.mul(z, f32x4.sub(hPrev, n))), count); // (1 - z) n + z h
  }
}

export function gruForward(p: usize, H: i32, T: i32, x: usize, target: usize, state: usize,
  stateOut: usize, cache: usize, _work: usize): f32 {
  const wl = at(p, 3 * H + 3 * H * H + 6 * H);
  const bl = ld(wl, H);
  const gBase = at(cache, (T + 1) * H);
  const yBase = at(gBase, T * GATES * H);
  copy(cache, state, H);
  let loss: f64 = 0;
  for (let t = 0; t < T; t++) {
    const hNext = at(cache, (t + 1) * H);
    step(p, H, ld(x, t), at(cache, t * H), hNext, at(gBase, t * GATES * H));
    loss += headForward(wl, bl, hNext, H, yBase, target, t);
  }
  copy(stateOut, at(cache, T * H), H);
  return <f32>(loss / T);
}

/** Adds d(loss)/d(params) * dLoss to grad. `work` holds 5H floats of scratch. */
export function gruBackward(p: usize, H: i32, T: i32, x: usize, target: usize, cache: usize,
  dLoss: f32, grad: usize, work: usize): void {
  const whh = at(p, 3 * H);
  const wl = at(whh, 3 * H * H + 6 * H);
  const gWhh = at(grad, 3 * H);
  const gBih = at(gWhh, 3 * H * H);
  const gBhh = at(gBih, 3 * H);
  const gWl = at(gBhh, 3 * H);
  const gBase = at(cache, (T + 1) * H);
  const yBase = at(gBase, T * GATES * H);
  let dh = work;
  let dhPrev = at(work, H);
  const dA = at(work, 2 * H); // dar | daz | dghn: the rows of weight_hh
  zero(dh, H); // the carried state is detached: no gradient from the future
  for (let t = T - 1; t >= 0; t--) {
    const hNext = at(cache, (t + 1) * H);
    const hPrev = at(cache, t * H);
    headBackward(wl, gWl, hNext, dh, H, yBase, target, t, T, dLoss);
    const g = at(gBase, t * GATES * H);
    const xt = ld(x, t);
    for (let j = 0; j < H; j++) {
      const r = ld(g, j);
      const z = ld(g, H + j);
      const n = ld(g, 2 * H + j);
      const ghn = ld(g, 3 * H + j);
      const dhj = ld(dh, j);
      const dan = dhj * (1 - z) * (1 - n * n);
      const daz = dhj * (ld(hPrev, j) - n) * z * (1 - z);
      const dar = dan * ghn * r * (1 - r);
      const dghn = dan * r;
      st(dhPrev, j, dhj * z); // the direct path h -> h'
      add(grad, j, dar * xt);
      add(grad, H + j, daz * xt);
      add(grad, 2 * H + j, dan * xt);
      add(gBih, j, dar);
      add(gBih, H + j, daz);
      add(gBih, 2 * H + j, dan);
      st(dA, j, dar);
      st(dA, H + j, daz);
      st(dA, 2 * H + j, dghn);
    }
    axpy(gBhh, 1, dA, 3 * H);
    matvecBackward(gWhh, whh, dA, 3 * H, H, hPrev, dhPrev);
    const swap = dh;
    dh = dhPrev;
    dhPrev = swap;
  }
}

/**
 * Closed loop from state and x0; `work` holds 6H floats. When `gates` is not 0,
 * also writes z, r and h of every step there: [3][steps][H].
 */
export function gruRollout(p: usize, H: i32, x0: f32, state: usize, pred: usize, steps: i32, work: usize, gates: usize): void {
  const wl = at(p, 3 * H + 3 * H * H + 6 * H);
  const bl = ld(wl, H);
  let h = work;
  let next = at(work, H);
  const g = at(work, 2 * H);
  copy(h, state, H);
  let x = x0;
  for (let t = 0; t < steps; t++) {
    step(p, H, x, h, next, g);
    const swap = h;
    h = next;
    next = swap;
    x = head(wl, bl, h, H);
    st(pred, t, x);
    if (gates) {
      // step leaves r in g[0, H) and z in g[H, 2H).
      copy(at(gates, t * H), at(g, H), H);
      copy(at(gates, (steps + t) * H), g, H);
      copy(at(gates, (2 * steps + t) * H), h, H);
    }
  }
}
