import { tanh4 } from './activations';
import { add, at, axpy, copy, head, headBackward, headForward, ld, ld4, matvec, matvecBackward, st, st4, zero } from './common';

// PyTorch nn.RNN (tanh) + Linear(H, 1) at every step. Parameter layout
// (state_dict order): weight_ih [H], weight_hh [H x H], bias_ih [H], bias_hh [H],
// linear.weight [H], linear.bias [1].
// Cache of a T-step sequence: h_0..h_T ((T+1)H), then the T outputs.

@inline function step(p: usize, H: i32, x: f32, h: usize, hOut: usize): void {
  const whh = at(p, H);
  const bih = at(whh, H * H);
  const bhh = at(bih, H);
  matvec(hOut, whh, H, H, h, bhh); // Whh h + bhh
  const xv = f32x4.splat(x);
  for (let j = 0; j < H; j += 4) {
    const a = f32x4.add(f32x4.add(ld4(bih, j), f32x4.mul(ld4(p, j), xv)), ld4(hOut, j));
    st4(hOut, j, tanh4(a), H - j);
  }
}

export function rnnForward(p: usize, H: i32, T: i32, x: usize, target: usize, state: usize,
  stateOut: usize, cache: usize, _work: usize): f32 {
  const wl = at(p, 3 * H + H * H);
  const bl = ld(wl, H);
  const yBase = at(cache, (T + 1) * H);
  copy(cache, state, H);
  let loss: f64 = 0;
  for (let t = 0; t < T; t++) {
    const hNext = at(cache, (t + 1) * H);
    step(p, H, ld(x, t), at(cache, t * H), hNext);
    loss += headForward(wl, bl, hNext, H, yBase, target, t);
  }
  copy(stateOut, at(cache, T * H), H);
  return <f32>(loss / T);
}

/** Adds d(loss)/d(params) * dLoss to grad. `work` holds 3H floats of scratch. */
export function rnnBackward(p: usize, H: i32, T: i32, x: usize, target: usize, cache: usize,
  dLoss: f32, grad: usize, work: usize): void {
  const whh = at(p, H);
  const wl = at(whh, H * H + 2 * H);
  const gWhh = at(grad, H);
  const gBih = at(gWhh, H * H);
  const gBhh = at(gBih, H);
  const gWl = at(gBhh, H);
  const yBase = at(cache, (T + 1) * H);
  let dh = work;
  let dhPrev = at(work, H);
  const dA = at(work, 2 * H);
  zero(dh, H); // the carried state is detached: no gradient from the future
  for (let t = T - 1; t >= 0; t--) {
    const hNext = at(cache, (t + 1) * H);
    const hPrev = at(cache, t * H);
    headBackward(wl, gWl, hNext, dh, H, yBase, target, t, T, dLoss);
    const xt = ld(x, t);
    for (let j = 0; j < H; j++) {
      const h = ld(hNext, j);
      const a = ld(dh, j) * (1 - h * h);
      add(grad, j, a * xt);
      st(dA, j, a);
    }
    axpy(gBih, 1, dA, H);
    axpy(gBhh, 1, dA, H);
    zero(dhPrev, H);
    matvecBackward(gWhh, whh, dA, H, H, hPrev, dhPrev);
    const swap = dh;
    dh = dhPrev;
    dhPrev = swap;
  }
}

/**
 * Closed loop from state and x0; `work` holds 2H floats. When `gates` is not 0,
 * also writes h of every step there: [1][steps][H].
 */
export function rnnRollout(p: usize, H: i32, x0: f32, state: usize, pred: usize, steps: i32, work: usize, gates: usize): void {
  const wl = at(p, 3 * H + H * H);
  const bl = ld(wl, H);
  let h = work;
  let next = at(work, H);
  copy(h, state, H);
  let x = x0;
  for (let t = 0; t < steps; t++) {
    step(p, H, x, h, next);
    const swap = h;
    h = next;
    next = swap;
    x = head(wl, bl, h, H);
    st(pred, t, x);
    if (gates) copy(at(gates, t * H), h, H);
  }
}
