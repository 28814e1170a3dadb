import type { ModelKind } from '../../src/core/config.js';
import { paramCount, paramSpecs, sizeOf, type ParamSpec } from '../../src/core/model-layout.js';
import { TorchGenerator } from '../../src/core/torch-generator.js';

/**
 * PyTorch's default bound, computed in double precision as torch.nn.init does:
 * `kaiming_uniform_(a=sqrt(5))` for a Linear weight (gain sqrt(2 / (1 + a^2)),
 * bound sqrt(3) * gain / sqrt(fanIn)), else 1 / sqrt(fanIn).
 */
function initBound(spec: ParamSpec): number {
  if (!spec.kaiming) return 1 / Math.sqrt(spec.fanIn);
  const a = Math.sqrt(5);
  const gain = Math.sqrt(2 / (1 + a * a));
  return Math.sqrt(3) * (gain / Math.sqrt(spec.fanIn));
}

/** Builds `kind` as PyTorch's constructor does: each parameter in `parameters()` order, `uniform_` from `generator`. */
function drawModel(generator: TorchGenerator, kind: ModelKind, hidden: number): Float32Array {
  const params = new Float32Array(paramCount(kind, hidden));
  let offset = 0;
  for (const spec of paramSpecs(kind, hidden)) {
    const size = sizeOf(spec.shape);
    const bound = initBound(spec);
    generator.uniform(params.subarray(offset, offset + size), -bound, bound);
    offset += size;
  }
  return params;
}

/**
 * The initial parameters of `kind`, bit for bit PyTorch's: `torch.manual_seed(seed)`,
 * then the models `builtBefore` constructed in turn from the same generator (the
 * textbook builds its GRU and then its MLP), then this one. So a model's start
 * depends on the models listed before it, exactly as in the notebook.
 */
export function initialParams(
  kind: ModelKind, hidden: number, seed: number, builtBefore: readonly ModelKind[] = [],
): Float32Array {
  const generator = new TorchGenerator(seed);
  for (const earlier of builtBefore) drawModel(generator, earlier, hidden);
  return drawModel(generator, kind, hidden);
}
