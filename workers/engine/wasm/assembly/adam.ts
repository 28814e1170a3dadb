import { at } from './common';

/**
 * PyTorch 1.13 Adam (single tensor), in float32 as PyTorch computes it:
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p -= stepSize * m / (sqrt(v) / correction2 + eps), eps added after the bias
 * correction of sqrt(v). Updates p, m and v in place. 1 - beta1 and 1 - beta2
 * come from the caller, in float64 then rounded, as PyTorch's Python floats: in
 * float32 arithmetic 1 - 0.999f is 1.3e-5 off 0.001.
 */
export function adam(p: usize, g: usize, m: usize, v: usize, n: i32,
  beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32, epsilon: f32, stepSize: f32, correction2: f32): void {
  const b1 = f32x4.splat(beta1);
  const c1 = f32x4.splat(oneMinusBeta1);
  const b2 = f32x4.splat(beta2);
  const c2 = f32x4.splat(oneMinusBeta2);
  const eps = f32x4.splat(epsilon);
  const size = f32x4.splat(stepSize);
  const corr = f32x4.splat(correction2);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const gi = v128.load(at(g, i));
    const mi = f32x4.add(f32x4.mul(v128.load(at(m, i)), b1), f32x4.mul(gi, c1));
    const vi = f32x4.add(f32x4.mul(v128.load(at(v, i)), b2), f32x4.mul(f32x4.mul(gi, gi), c2));
    const denom = f32x4.add(f32x4.div(f32x4.sqrt(vi), corr), eps);
    v128.store(at(m, i), mi);
    v128.store(at(v, i), vi);
    v128.store(at(p, i), f32x4.sub(v128.load(at(p, i)), f32x4.mul(size, f32x4.div(mi, denom))));
  }
  for (; i < n; i++) {
    const gi = load<f32>(at(g, i));
    const mi = load<f32>(at(m, i)) * beta1 + gi * oneMinusBeta1;
    const vi = load<f32>(at(v, i)) * beta2 + gi * gi * oneMinusBeta2;
    store<f32>(at(m, i), mi);
    store<f32>(at(v, i), vi);
    store<f32>(at(p, i), load<f32>(at(p, i)) - stepSize * (mi / (Mathf.sqrt(vi) / correction2 + epsilon)));
  }
}
