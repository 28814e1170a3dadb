// Helpers shared by the cells. Every vector is a pointer to float32 values in
// this module's memory; JS lays the memory out (see ../cell-math.ts).

@inline export function at(base: usize, i: i32): usize {
  return base + (<usize>i << 2);
}

@inline export function ld(base: usize, i: i32): f32 {
  return load<f32>(at(base, i));
}

@inline export function st(base: usize, i: i32, value: f32): void {
  store<f32>(at(base, i), value);
}

@inline export function add(base: usize, i: i32, value: f32): void {
  const p = at(base, i);
  store<f32>(p, load<f32>(p) + value);
}

/** a . b over n values, four lanes at a time. */
@inline export function dot(a: usize, b: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    acc = f32x4.add(acc, f32x4.mul(v128.load(at(a, i)), v128.load(at(b, i))));
  }
  let sum = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)
    + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; i < n; i++) sum += ld(a, i) * ld(b, i);
  return sum;
}

/** Four rows' dot products with x, as one vector: rows of length n from w. */
@inline function dot4(w: usize, n: i32, x: usize): v128 {
  const w1 = at(w, n);
  const w2 = at(w1, n);
  const w3 = at(w2, n);
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const xk = v128.load(at(x, k));
    a0 = f32x4.add(a0, f32x4.mul(v128.load(at(w, k)), xk));
    a1 = f32x4.add(a1, f32x4.mul(v128.load(at(w1, k)), xk));
    a2 = f32x4.add(a2, f32x4.mul(v128.load(at(w2, k)), xk));
    a3 = f32x4.add(a3, f32x4.mul(v128.load(at(w3, k)), xk));
  }
  // Transpose-and-add: lane r becomes the sum of a_r's lanes.
  const s01 = f32x4.add(v128.shuffle<f32>(a0, a1, 0, 4, 2, 6), v128.shuffle<f32>(a0, a1, 1, 5, 3, 7));
  const s23 = f32x4.add(v128.shuffle<f32>(a2, a3, 0, 4, 2, 6), v128.shuffle<f32>(a2, a3, 1, 5, 3, 7));
  let sum = f32x4.add(v128.shuffle<f32>(s01, s23, 0, 1, 4, 5), v128.shuffle<f32>(s01, s23, 2, 3, 6, 7));
  for (; k < n; k++) {
    let column = f32x4.splat(ld(w, k));
    column = f32x4.replace_lane(column, 1, ld(w1, k));
    column = f32x4.replace_lane(column, 2, ld(w2, k));
    column = f32x4.replace_lane(column, 3, ld(w3, k));
    sum = f32x4.add(sum, f32x4.mul(column, f32x4.splat(ld(x, k))));
  }
  return sum;
}

/** out = W x + b, for `rows` rows of length n: four rows at a time, sharing the loads of x. */
export function matvec(out: usize, w: usize, rows: i32, n: i32, x: usize, b: usize): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) v128.store(at(out, r), f32x4.add(v128.load(at(b, r)), dot4(at(w, r * n), n, x)));
  for (; r < rows; r++) st(out, r, ld(b, r) + dot(at(w, r * n), x, n));
}

/**
 * Backward through out = W x for `rows` rows of length n, given d(out) = dOut:
 * gW += dOut x^T and dx += W^T dOut. Four columns at a time, so that the running
 * dx and x stay in registers while the rows go by.
 */
export function matvecBackward(gW: usize, w: usize, dOut: usize, rows: i32, n: i32, x: usize, dx: usize): void {
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const xk = v128.load(at(x, k));
    let acc = v128.load(at(dx, k));
    for (let r = 0; r < rows; r++) {
      const a = f32x4.splat(ld(dOut, r));
      const g = at(gW, r * n + k);
      v128.store(g, f32x4.add(v128.load(g), f32x4.mul(a, xk)));
      acc = f32x4.add(acc, f32x4.mul(a, v128.load(at(w, r * n + k))));
    }
    v128.store(at(dx, k), acc);
  }
  for (; k < n; k++) {
    const xk = ld(x, k);
    let acc = ld(dx, k);
    for (let r = 0; r < rows; r++) {
      const a = ld(dOut, r);
      add(gW, r * n + k, a * xk);
      acc += a * ld(w, r * n + k);
    }
    st(dx, k, acc);
  }
}

/** y += a * x over n values. */
@inline export function axpy(y: usize, a: f32, x: usize, n: i32): void {
  const av = f32x4.splat(a);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = at(y, i);
    v128.store(p, f32x4.add(v128.load(p), f32x4.mul(av, v128.load(at(x, i)))));
  }
  for (; i < n; i++) add(y, i, a * ld(x, i));
}

/** Zeroes n values. */
@inline export function zero(y: usize, n: i32): void {
  memory.fill(y, 0, <usize>n << 2);
}

/** Copies n values. */
@inline export function copy(to: usize, from: usize, n: i32): void {
  memory.copy(to, from, <usize>n << 2);
}

/** Four values from base[i]; past the end of a vector the extra lanes are whatever follows, and unused. */
@inline export function ld4(base: usize, i: i32): v128 {
  return v128.load(at(base, i));
}

/** Stores the first `count` lanes of v at base[i] (all four when count >= 4). */
@inline export function st4(base: usize, i: i32, v: v128, count: i32): void {
  const p = at(base, i);
  if (count >= 4) {
    v128.store(p, v);
    return;
  }
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (count > 1) store<f32>(p + 4, f32x4.extract_lane(v, 1));
  if (count > 2) store<f32>(p + 8, f32x4.extract_lane(v, 2));
}

/** The linear head at one step: linear.weight . h + linear.bias. */
@inline export function head(wl: usize, bl: f32, h: usize, n: i32): f32 {
  return bl + dot(wl, h, n);
}

/**
 * The head at step t of a training sequence: stores its output in yBase[t] and
 * returns the squared error against target[t], in f64 as the loss sums it.
 */
@inline export function headForward(wl: usize, bl: f32, h: usize, n: i32, yBase: usize, target: usize, t: i32): f64 {
  const y = head(wl, bl, h, n);
  st(yBase, t, y);
  const e = <f64>y - <f64>ld(target, t);
  return e * e;
}

/**
 * Back through the head at step t of T: d(mean squared error)/dy times dLoss, added
 * to the head's gradient gWl (linear.weight, then linear.bias) and to dh.
 */
@inline export function headBackward(wl: usize, gWl: usize, h: usize, dh: usize, n: i32,
  yBase: usize, target: usize, t: i32, T: i32, dLoss: f32): void {
  const dy = <f32>((2 * (ld(yBase, t) - ld(target, t)) / <f32>T) * dLoss);
  add(gWl, n, dy);
  axpy(gWl, dy, h, n);
  axpy(dh, dy, wl, n);
}
