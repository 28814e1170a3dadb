// sigmoid and tanh on four float32 lanes at once: a recurrent step's gates cost
// one exp each, and in scalar float64 (Math.exp) those exps were most of the
// forward pass. Cephes' expf and tanhf, whose float32 error is about one ulp,
// as PyTorch's own vectorised float32 functions.

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

/** e^x; x is clamped to [-87.3, 88.3], where e^x is a normal float32. */
@inline export function exp4(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.3)), f32x4.splat(88.3));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
  x = f32x4.sub(f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI))), f32x4.mul(n, f32x4.splat(LN2_LO)));
  let y = f32x4.splat(1.9875691500e-4);
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.3981999507e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(8.3334519073e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(4.1665795894e-2));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.6666665459e-1));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(5.0000001201e-1));
  y = f32x4.add(f32x4.add(f32x4.mul(y, f32x4.mul(x, x)), x), f32x4.splat(1));
  // 2^n, built in the exponent bits.
  const pow2 = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(y, pow2);
}

@inline export function sigmoid4(a: v128): v128 {
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), exp4(f32x4.neg(a))));
}

/** Near 0 an odd polynomial (1 - 2/(e^2a + 1) would cancel there), else through exp. */
@inline export function tanh4(a: v128): v128 {
  const ax = f32x4.abs(a);
  const z = f32x4.mul(a, a);
  let p = f32x4.splat(-5.70498872745e-3);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-3.33332819422e-1));
  const small = f32x4.add(a, f32x4.mul(f32x4.mul(a, z), p));
  const e = exp4(f32x4.add(ax, ax));
  const large = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(e, f32x4.splat(1))));
  const signed = v128.or(large, v128.and(a, f32x4.splat(-0.0))); // |tanh| with a's sign
  return v128.bitselect(small, signed, f32x4.lt(ax, f32x4.splat(0.625)));
}
