import { add, at, axpy, copy, dot, head, ld, sigmoid, st, tanh, zero } from './common';

// PyTorch nn.LSTM (gates i, f, g, o) + Linear(H, 1) at every step. Parameter
// layout (state_dict order): weight_ih [4H], weight_hh [4H x H], bias_ih [4H],
// bias_hh [4H], linear.weight [H], linear.bias [1]. State is [h | c].
// Cache of a T-step sequence: h_0..h_T and c_0..c_T ((T+1)H each), then per
// step i, f, g, o and tanh(c') (5H each), then the T outputs.

const GATES = 5;

@inline function step(p: usize, H: i32, x: f32, h: usize, c: usize, hOut: usize, cOut: usize, g: usize): void {
  const whh = at(p, 4 * H);
  const bih = at(whh, 4 * H * H);
  const bhh = at(bih, 4 * H);
  for (let j = 0; j < H; j++) {
    const ai = ld(bih, j) + ld(bhh, j) + ld(p, j) * x + dot(at(whh, j * H), h, H);
    const af = ld(bih, H + j) + ld(bhh, H + j) + ld(p, H + j) * x + dot(at(whh, (H + j) * H), h, H);
    const ag = ld(bih, 2 * H + j) + ld(bhh, 2 * H + j) + ld(p, 2 * H + j) * x + dot(at(whh, (2 * H + j) * H), h, H);
    const ao = ld(bih, 3 * H + j) + ld(bhh, 3 * H + j) + ld(p, 3 * H + j) * x + dot(at(whh, (3 * H + j) * H), h, H);
    const i = sigmoid(ai);
    const f = sigmoid(af);
    const gg = tanh(ag);
    const o = sigmoid(ao);
    const cNext = <f32>(f * ld(c, j) + i * gg);
    const tc = tanh(cNext); // of the stored float32 c', as the backward pass sees it
    st(cOut, j, cNext);
    st(hOut, j, <f32>(o * tc));
    st(g, j, <f32>i);
    st(g, H + j, <f32>f);
    st(g, 2 * H + j, <f32>gg);
    st(g, 3 * H + j, <f32>o);
    st(g, 4 * H + j, <f32>tc);
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
    const y = head(wl, bl, hNext, H);
    st(yBase, t, y);
    const e = <f64>y - <f64>ld(target, t);
    loss += e * e;
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
    const dy = <f32>((2 * (ld(yBase, t) - ld(target, t)) / <f32>T) * dLoss);
    const hNext = at(cache, (t + 1) * H);
    const hPrev = at(cache, t * H);
    const cPrev = at(cBase, t * H);
    add(gWl, H, dy);
    axpy(gWl, dy, hNext, H);
    axpy(dh, dy, wl, H);
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
    for (let row = 0; row < 4 * H; row++) {
      const a = ld(dA, row);
      axpy(at(gWhh, row * H), a, hPrev, H);
      axpy(dhPrev, a, at(whh, row * H), H);
    }
    const swap = dh;
    dh = dhPrev;
    dhPrev = swap;
  }
}

/** Closed loop from state and x0; `work` holds 9H floats. */
export function lstmRollout(p: usize, H: i32, x0: f32, state: usize, pred: usize, steps: i32, work: usize): void {
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
  }
}
