import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { BackendName } from '../../src/core/config.js';
import { FUSED_BACKENDS, registerFusedKernels } from './fused-kernels.js';
import { FUSED_OPS, REFERENCE_OPS, type StepOps } from './model-trainer.js';
import { cellMathLoaded, loadCellMath } from './wasm/cell-math.js';

export type ConcreteBackend = Exclude<BackendName, 'auto'>;

/**
 * What `auto` means, at every model size: the CPU backend with the fused
 * kernels. `npm run bench` (test/bench/cases/engine.mjs) compares the backends
 * on the GRU; on this project's machines, in epochs/s, cpu / wasm / webgl:
 * H 16: 964 / 383 / 0.3; H 64: 96 / 64 / 0.2; H 256: 5.5 / 3.8 / 0.1. The wasm
 * backend runs the same wasm cell math but pays more per tensor; WebGL runs the
 * plain ops, each a shader dispatch and each loss a GPU read-back.
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
  /** Set when the requested backend failed and `cpu` is used instead. */
  fallbackFrom?: ConcreteBackend;
}

async function activate(name: ConcreteBackend): Promise<void> {
  await LOADERS[name]();
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
}

/**
 * Makes `requested` tfjs's backend, falling back to `cpu` when it cannot start.
 * Throws only when even the CPU backend fails.
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
    return { name, ops: opsFor(name) };
  } catch (error) {
    if (name === 'cpu') throw error;
    await activate('cpu');
    return { name: 'cpu', ops: opsFor('cpu'), fallbackFrom: name };
  }
}
