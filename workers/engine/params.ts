import type { ModelKind } from '../../src/core/config.js';
import { paramCount, paramSpecs, sizeOf } from '../../src/core/model-layout.js';
import { createPrng } from '../../src/core/prng.js';

/**
 * PyTorch's default initialisation, from the library's PRNG: every value of every
 * parameter uniform in +-1/sqrt(fanIn), drawn in `state_dict` order from the stream
 * `(seed, model)`, so a model starts the same whether trained alone or beside others.
 */
export function initialParams(kind: ModelKind, hidden: number, seed: number): Float32Array {
  const prng = createPrng(seed, kind);
  const params = new Float32Array(paramCount(kind, hidden));
  let offset = 0;
  for (const spec of paramSpecs(kind, hidden)) {
    const bound = 1 / Math.sqrt(spec.fanIn);
    const size = sizeOf(spec.shape);
    for (let i = 0; i < size; i++) params[offset + i] = prng.uniform(-bound, bound);
    offset += size;
  }
  return params;
}
