/**
 * The fused kernels: a whole sequence's forward pass (with its MSE), its backward
 * pass, a closed-loop rollout and a PyTorch Adam step, each one tfjs kernel. At
 * H = 16 a tfjs op costs more in dispatch than in arithmetic (DESIGN §5); as one
 * kernel a sequence costs one dispatch.
 *
 * The kernels run on backends whose tensors live in JS-readable memory: `cpu`
 * (typed arrays) and `wasm` (views of the wasm heap). WebGL keeps its tensors on
 * the GPU and trains with the plain-op reference instead.
 */
import {
  registerGradient, registerKernel, type KernelBackend, type NamedAttrMap, type Tensor, type TensorInfo, engine,
} from '@tensorflow/tfjs-core';
import type { ModelKind } from '../../src/core/config.js';
import { CELLS, type GateRecord } from './cells/index.js';

export const SEQUENCE_KERNEL = 'RnnLabSequence';
export const SEQUENCE_GRAD_KERNEL = 'RnnLabSequenceGrad';
export const ROLLOUT_KERNEL = 'RnnLabRollout';
export const ADAM_KERNEL = 'RnnLabAdam';

export interface CellAttrs extends NamedAttrMap {
  kind: ModelKind;
  hiddenSize: number;
}

export interface AdamAttrs extends NamedAttrMap {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1-based step count, for bias correction. */
  step: number;
}

export interface RolloutAttrs extends CellAttrs {
  x0: number;
  steps: number;
  /** Record the gate activations (the inspector asked for them). */
  record: boolean;
}

type Inputs = Record<string, TensorInfo>;

/** Reads a tensor's values and makes output tensors, on one backend's memory. */
interface TensorIO {
  read(t: TensorInfo): Float32Array;
  /** A zeroed array for an output's values (on the CPU backend, often a recycled one). */
  alloc(length: number): Float32Array;
  /** Outputs are made only after every input was read: making one may move the wasm heap. */
  make(shape: number[], values: Float32Array): TensorInfo;
}

/**
 * Output arrays of disposed CPU tensors, by length, for the next kernel call.
 * A training step makes kilobytes of outputs that die within a step; fresh typed
 * arrays cost about 1 µs per KB in allocation and GC, as much as the arithmetic.
 */
class ArrayRecycler {
  private readonly free = new Map<number, Float32Array[]>();

  take(length: number): Float32Array {
    const array = this.free.get(length)?.pop();
    return array ? array.fill(0) : new Float32Array(length);
  }

  give(array: Float32Array): void {
    const list = this.free.get(array.length) ?? [];
    if (list.length < 16) list.push(array);
    this.free.set(array.length, list);
  }
}

const recycler = new ArrayRecycler();

/**
 * Disposes tensors, and gives the CPU backend's arrays that nobody else shares to
 * the fused kernels' next outputs. Only for tensors the caller alone owns.
 */
export function disposeAndRecycle(tensors: Tensor[]): void {
  const backend = engine().backend as CpuLike;
  const cpu = engine().backendName === 'cpu';
  for (const t of tensors) {
    if (cpu && !t.isDisposed && backend.refCount(t.dataId) === 1) {
      const { values } = backend.data.get(t.dataId);
      if (values instanceof Float32Array && values.length === t.size) recycler.give(values);
    }
    t.dispose();
  }
}

interface CpuLike extends KernelBackend {
  data: { get(id: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

interface WasmLike extends KernelBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}

const TENSOR_IO: Record<string, (backend: KernelBackend) => TensorIO> = {
  cpu: (backend) => {
    const cpu = backend as CpuLike;
    return {
      read: (t) => cpu.data.get(t.dataId).values as Float32Array,
      alloc: (length) => recycler.take(length),
      make: (shape, values) => cpu.makeTensorInfo(shape, 'float32', values),
    };
  },
  wasm: (backend) => {
    const wasm = backend as WasmLike;
    return {
      read: (t) => wasm.typedArrayFromHeap(t),
      alloc: (length) => new Float32Array(length),
      make: (shape, values) => {
        const out = wasm.makeOutput(shape, 'float32');
        wasm.typedArrayFromHeap(out).set(values);
        return out;
      },
    };
  },
};

/** Backends the fused kernels run on. */
export const FUSED_BACKENDS = Object.keys(TENSOR_IO);

function sequenceForward(io: TensorIO, inputs: Inputs, attrs: CellAttrs): TensorInfo[] {
  const cell = CELLS[attrs.kind];
  const H = attrs.hiddenSize;
  const x = io.read(inputs.x);
  const stateOut = io.alloc(cell.stateSize(H));
  const cache = io.alloc(cell.cacheSize(H, x.length));
  const loss = cell.forward(io.read(inputs.params), H, x, io.read(inputs.target), io.read(inputs.state), stateOut, cache);
  return [io.make([], Float32Array.of(loss)), io.make([stateOut.length], stateOut), io.make([cache.length], cache)];
}

function sequenceBackward(io: TensorIO, inputs: Inputs, attrs: CellAttrs): TensorInfo {
  const params = io.read(inputs.params);
  const grad = io.alloc(params.length);
  CELLS[attrs.kind].backward(params, attrs.hiddenSize, io.read(inputs.x), io.read(inputs.target),
    io.read(inputs.cache), io.read(inputs.dLoss)[0], grad);
  return io.make([grad.length], grad);
}

function rollout(io: TensorIO, inputs: Inputs, attrs: RolloutAttrs): TensorInfo[] {
  const cell = CELLS[attrs.kind];
  const H = attrs.hiddenSize;
  const pred = new Float32Array(attrs.steps);
  const record: GateRecord | undefined = attrs.record
    ? Object.fromEntries(cell.gateNames.map((name) => [name, new Float32Array(attrs.steps * H)]))
    : undefined;
  cell.rollout(io.read(inputs.params), H, attrs.x0, io.read(inputs.state), pred, record);
  const gates = new Float32Array(record ? cell.gateNames.length * attrs.steps * H : 0);
  cell.gateNames.forEach((name, i) => record && gates.set(record[name], i * attrs.steps * H));
  return [io.make([pred.length], pred), io.make([gates.length], gates)];
}

/** PyTorch 1.13 Adam (single-tensor): eps is added after the bias correction of sqrt(v). */
function adam(io: TensorIO, inputs: Inputs, attrs: AdamAttrs): TensorInfo[] {
  const { learningRate, beta1, beta2, epsilon, step } = attrs;
  const p = io.read(inputs.params);
  const g = io.read(inputs.grad);
  const m = io.read(inputs.m);
  const v = io.read(inputs.v);
  const p2 = io.alloc(p.length);
  const m2 = io.alloc(p.length);
  const v2 = io.alloc(p.length);
  const stepSize = learningRate / (1 - beta1 ** step);
  const correction2 = Math.sqrt(1 - beta2 ** step);
  for (let i = 0; i < p.length; i++) {
    const mi = (m2[i] = beta1 * m[i] + (1 - beta1) * g[i]);
    const vi = (v2[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]);
    p2[i] = p[i] - (stepSize * mi) / (Math.sqrt(vi) / correction2 + epsilon);
  }
  return [io.make([p.length], p2), io.make([p.length], m2), io.make([p.length], v2)];
}

let registered = false;

/** Registers the fused kernels on every backend that can run them, and the sequence gradient. */
export function registerFusedKernels(): void {
  if (registered) return;
  registered = true;
  const kernels: Array<[string, (io: TensorIO, inputs: Inputs, attrs: never) => TensorInfo | TensorInfo[]]> = [
    [SEQUENCE_KERNEL, sequenceForward],
    [SEQUENCE_GRAD_KERNEL, sequenceBackward],
    [ROLLOUT_KERNEL, rollout],
    [ADAM_KERNEL, adam],
  ];
  for (const backendName of FUSED_BACKENDS) {
    for (const [kernelName, run] of kernels) {
      registerKernel({
        kernelName, backendName,
        kernelFunc: ({ inputs, backend, attrs }) =>
          run(TENSOR_IO[backendName](backend as KernelBackend), inputs as Inputs, attrs as never),
      });
    }
  }
  registerGradient({
    kernelName: SEQUENCE_KERNEL,
    inputsToSave: ['params', 'x', 'target'],
    outputsToSave: [false, false, true],
    gradFunc: (dys, saved, attrs) => {
      const [params, x, target, cache] = saved;
      const dLoss = (dys as Tensor[])[0];
      return {
        params: () => engine().runKernel(SEQUENCE_GRAD_KERNEL, { params, x, target, cache, dLoss }, attrs) as Tensor,
      };
    },
  });
}
