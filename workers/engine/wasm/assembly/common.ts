// Helpers shared by the cells. Every vector is a pointer to float32 values in
// this module's memory; JS lays the memory out (see ../cell-wasm.ts).

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

@inline export function sigmoid(a: f64): f64 {
  return 1 / (1 + Math.exp(-a));
}

/** tanh through one exp, exact in float64 (a series near 0, where e - 1 would cancel). */
export function tanh(a: f64): f64 {
  if (a > 20) return 1;
  if (a < -20) return -1;
  if (a < 0.01 && a > -0.01) {
    const a2 = a * a;
    return a * (1 - a2 * (1.0 / 3 - a2 * (2.0 / 15 - (a2 * 17) / 315)));
  }
  const e = Math.exp(2 * a);
  return (e - 1) / (e + 1);
}

/** The linear head at one step: linear.weight . h + linear.bias. */
@inline export function head(wl: usize, bl: f32, h: usize, n: i32): f32 {
  return bl + dot(wl, h, n);
}
