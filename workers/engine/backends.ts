import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { BackendName } from '../../src/core/config.js';
import type { BackendFallback } from '../../src/core/protocol.js';
import { FUSED_BACKENDS, registerFusedKernels } from './fused-kernels.js';
import { FUSED_OPS, REFERENCE_OPS, type StepOps } from './model-trainer.js';
import { cellMathLoaded, loadCellMath } from './wasm/cell-math.js';

export type ConcreteBackend = Exclude<BackendName, 'auto'>;

/**
 * What `auto` means, at every model size: the CPU backend with the fused
 * kernels, the fastest in `npm run bench` (test/bench/cases/engine.mjs, which
 * compares the backends on the GRU; docs/architecture.md has a run's numbers).
 */
export const AUTO_BACKEND: ConcreteBackend = 'cpu';

/** Loads the optional backends only when asked for, so the worker stays small. */
const LOADERS: Record<ConcreteBackend, () => Promise<void>> = {
  cpu: async () => {},
  wasm: async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // The .wasm files are published next to the worker's files. One literal
    // `new URL('./x.wasm', import.meta.url)` per file is what bundlers recognise and
    // copy into an app's build. The threaded binary is never chosen (the build stubs
    // the threaded backend out), but the map must name it.
    const simd = new URL('./tfjs-backend-wasm-simd.wasm', import.meta.url).href;
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': new URL('./tfjs-backend-wasm.wasm', import.meta.url).href,
      'tfjs-backend-wasm-simd.wasm': simd,
      'tfjs-backend-wasm-threaded-simd.wasm': simd,
    });
  },
  webgl: async () => {
    await import('@tensorflow/tfjs-backend-webgl');
  },
};

export interface ActiveBackend {
  name: ConcreteBackend;
  ops: StepOps;
  /** Set when the requested backend could not be used and `cpu` trains instead. */
  fallback?: BackendFallback;
}

/** A WebGL renderer that runs on the CPU: SwiftShader, llvmpipe, Microsoft's Basic Render Driver. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

/** The renderer of the active tfjs WebGL backend's own context, or null when it cannot tell. */
function webglRenderer(): string | null {
  try {
    const gl = (tf.backend() as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}

async function activate(name: ConcreteBackend): Promise<void> {
  await LOADERS[name]();
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
}

/**
 * Makes `requested` tfjs's backend, falling back to `cpu` when it cannot start,
 * or when it is WebGL on a software renderer. Throws only when even the CPU
 * backend fails.
 */
export async function selectBackend(requested: BackendName): Promise<ActiveBackend> {
  registerFusedKernels();
  tf.enableProdMode();
  await loadCellMath().catch(() => undefined); // without WebAssembly SIMD, every backend trains with plain ops
  const name = requested === 'auto' ? AUTO_BACKEND : requested;
  const opsFor = (n: ConcreteBackend) => (cellMathLoaded() && FUSED_BACKENDS.includes(n) ? FUSED_OPS : REFERENCE_OPS);
  try {
    // tfjs names a backend current even when it failed to start: ask for its instance too.
    if (tf.getBackend() !== name || !tf.findBackend(name)) await activate(name);
  } catch (error) {
    if (name === 'cpu') throw error;
    await activate('cpu');
    return { name: 'cpu', ops: opsFor('cpu'), fallback: { requested: name, used: 'cpu' } };
  }
  // WebGL on a software renderer trains at a fraction of an epoch per second, hundreds of times slower than cpu.
  const renderer = name === 'webgl' ? webglRenderer() : null;
  if (renderer && isSoftwareRenderer(renderer)) {
    await activate('cpu');
    return { name: 'cpu', ops: opsFor('cpu'), fallback: { requested: name, used: 'cpu', reason: 'software' } };
  }
  return { name, ops: opsFor(name) };
}
