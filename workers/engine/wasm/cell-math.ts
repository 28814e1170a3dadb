/**
 * The cell math, compiled from assembly/*.ts to WebAssembly with SIMD. At H = 16
 * its four-lane loops and unchecked loads run a sequence's forward and backward
 * pass about four times faster than the same loops in plain JS.
 *
 * Each call copies its inputs into the module's memory, runs, and copies the
 * results out into arrays the caller owns: the fused kernels keep every tensor
 * an ordinary tfjs tensor, and nothing stays in here between calls.
 */
import type { ModelKind } from '../../../src/core/config.js';
import { CELLS } from '../cells.js';
import { CELL_MATH_WASM } from './cell-math.generated.js';

type Ptr = number;
type Forward = (p: Ptr, H: number, T: number, x: Ptr, target: Ptr, state: Ptr, stateOut: Ptr, cache: Ptr, work: Ptr) => number;
type Backward = (p: Ptr, H: number, T: number, x: Ptr, target: Ptr, cache: Ptr, dLoss: number, grad: Ptr, work: Ptr) => void;
type Rollout = (p: Ptr, H: number, x0: number, state: Ptr, pred: Ptr, steps: number, work: Ptr, gates: Ptr) => void;

type CellMathExports = Record<`${ModelKind}Forward`, Forward> & Record<`${ModelKind}Backward`, Backward>
  & Record<`${ModelKind}Rollout`, Rollout> & {
    memory: WebAssembly.Memory;
    heapBase(): Ptr;
    adam(p: Ptr, g: Ptr, m: Ptr, v: Ptr, n: number, beta1: number, oneMinusBeta1: number, beta2: number,
      oneMinusBeta2: number, epsilon: number, stepSize: number, correction2: number): void;
  };

/** Regions start on 16-byte boundaries, where SIMD loads are fastest. */
const ALIGN = 4;
const PAGE_FLOATS = 65536 / 4;

/** Lays out one call's arrays in the module's memory, from the heap base up. */
class Arena {
  private readonly exports: CellMathExports;
  private heap: Float32Array;
  private top = 0;

  constructor(exports: CellMathExports) {
    this.exports = exports;
    this.heap = new Float32Array(exports.memory.buffer);
  }

  /** Starts a call that needs at most `floats` values in all; grows the memory once, up front. */
  begin(floats: number, regions: number): void {
    const base = Math.ceil(this.exports.heapBase() / 4 / ALIGN) * ALIGN;
    const needed = base + floats + regions * ALIGN;
    if (needed > this.heap.length) {
      this.exports.memory.grow(Math.ceil((needed - this.heap.length) / PAGE_FLOATS));
      this.heap = new Float32Array(this.exports.memory.buffer);
    }
    this.top = base;
  }

  /** Reserves `length` values, as they are (the callee writes them all); returns their address. */
  take(length: number): Ptr {
    const start = this.top;
    this.top += Math.ceil(length / ALIGN) * ALIGN;
    return start * 4;
  }

  /** Copies `values` in; returns their address. */
  copyIn(values: Float32Array): Ptr {
    const ptr = this.take(values.length);
    this.heap.set(values, ptr / 4);
    return ptr;
  }

  /** Reserves `length` zeros (for sums); returns their address. */
  zeros(length: number): Ptr {
    const ptr = this.take(length);
    this.heap.fill(0, ptr / 4, ptr / 4 + length);
    return ptr;
  }

  read(ptr: Ptr, length: number): Float32Array {
    return this.heap.subarray(ptr / 4, ptr / 4 + length);
  }
}

let arena: Arena | null = null;
let math: CellMathExports | null = null;

/**
 * Compiles and instantiates the module, once. Rejects where WebAssembly or its
 * SIMD is missing: the caller then trains with the plain-op reference.
 */
export async function loadCellMath(): Promise<void> {
  if (math) return;
  const bytes = Uint8Array.from(atob(CELL_MATH_WASM), (c) => c.charCodeAt(0));
  const { instance } = await WebAssembly.instantiate(bytes, {});
  math = instance.exports as unknown as CellMathExports;
  arena = new Arena(math);
}

export function cellMathLoaded(): boolean {
  return math !== null;
}

function loaded(): [CellMathExports, Arena] {
  if (!math || !arena) throw new Error('The cell math is not loaded: await loadCellMath() first.');
  return [math, arena];
}

/**
 * Runs the sequence `x` from `state`: writes the final state to `stateOut` and
 * what the backward pass needs to `cache`; returns the MSE against `target`.
 */
export function cellForward(kind: ModelKind, H: number, params: Float32Array, x: Float32Array, target: Float32Array,
  state: Float32Array, stateOut: Float32Array, cache: Float32Array): number {
  const [m, a] = loaded();
  const work = CELLS[kind].workSize(H);
  a.begin(params.length + 2 * x.length + 2 * state.length + cache.length + work, 7);
  const p = a.copyIn(params);
  const px = a.copyIn(x);
  const pt = a.copyIn(target);
  const ps = a.copyIn(state);
  const pso = a.take(state.length);
  const pc = a.take(cache.length);
  const loss = m[`${kind}Forward`](p, H, x.length, px, pt, ps, pso, pc, a.take(work));
  stateOut.set(a.read(pso, stateOut.length));
  cache.set(a.read(pc, cache.length));
  return loss;
}

/** Writes d(loss)/d(params), scaled by `dLoss`, to `grad`. */
export function cellBackward(kind: ModelKind, H: number, params: Float32Array, x: Float32Array, target: Float32Array,
  cache: Float32Array, dLoss: number, grad: Float32Array): void {
  const [m, a] = loaded();
  const work = CELLS[kind].workSize(H);
  a.begin(2 * params.length + 2 * x.length + cache.length + work, 6);
  const p = a.copyIn(params);
  const px = a.copyIn(x);
  const pt = a.copyIn(target);
  const pc = a.copyIn(cache);
  const pg = a.zeros(grad.length);
  m[`${kind}Backward`](p, H, x.length, px, pt, pc, dLoss, pg, a.take(work));
  grad.set(a.read(pg, grad.length));
}

/**
 * Closed loop from `state` and input `x0`: `pred.length` steps, each prediction
 * the next input. With `gates`, also records what RECORDED_GATES names
 * (src/core/model-layout.ts) there, [name][step][unit].
 */
export function cellRollout(kind: ModelKind, H: number, params: Float32Array, x0: number, state: Float32Array,
  pred: Float32Array, gates: Float32Array | null): void {
  const [m, a] = loaded();
  const work = CELLS[kind].workSize(H);
  const recorded = gates?.length ?? 0;
  a.begin(params.length + state.length + pred.length + work + recorded, 5);
  const p = a.copyIn(params);
  const ps = a.copyIn(state);
  const pp = a.take(pred.length);
  // Address 0 means "record nothing": the arena starts at the heap base, far above it.
  const pg = gates ? a.take(recorded) : 0;
  m[`${kind}Rollout`](p, H, x0, ps, pp, pred.length, a.take(work), pg);
  pred.set(a.read(pp, pred.length));
  if (gates) gates.set(a.read(pg, recorded));
}

export interface AdamConstants {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** learningRate / (1 - beta1^step) */
  stepSize: number;
  /** sqrt(1 - beta2^step) */
  correction2: number;
}

/** One PyTorch Adam step: reads p, g, m, v; writes the new p, m, v to the `out` arrays. */
export function cellAdam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array,
  out: [Float32Array, Float32Array, Float32Array], c: AdamConstants): void {
  const [cells, a] = loaded();
  const n = p.length;
  a.begin(4 * n, 4);
  const pp = a.copyIn(p);
  const pg = a.copyIn(g);
  const pm = a.copyIn(m);
  const pv = a.copyIn(v);
  cells.adam(pp, pg, pm, pv, n, c.beta1, 1 - c.beta1, c.beta2, 1 - c.beta2, c.epsilon, c.stepSize, c.correction2);
  out[0].set(a.read(pp, n));
  out[1].set(a.read(pm, n));
  out[2].set(a.read(pv, n));
}
