import { expect } from '@open-wc/testing';

/**
 * max |a - b| / max |b|: how far `a` is from `b`, relative to the size of `b`'s
 * values. Relative to the tensor, not to each element: float32 rounding of a sum
 * scales with its terms, so an element that cancels down to 1e-3 of its
 * neighbours carries their rounding error (PyTorch and tfjs's own plain ops
 * differ there by 3e-8 absolute, 3e-5 of the element).
 */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).to.equal(b.length);
  let error = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    error = Math.max(error, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? error : error / scale;
}

/** Float32 agreement: within 1e-5, relative (see maxRelativeError). */
export function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  expect(maxRelativeError(a, b), what).to.be.below(1e-5);
}
