/**
 * The fused kernels: a whole sequence's forward pass (with its MSE), its backward
 * pass, a closed-loop rollout and a PyTorch Adam step, each one tfjs kernel. At
 * H = 16 a tfjs op costs more in dispatch than in arithmetic; as one
 * kernel a sequence costs one dispatch.
 *
 * The arithmetic is wasm/cell-math.ts. The kernels run on backends whose
 * tensors live in JS-readable memory: `cpu` (typed arrays) and `wasm` (views of
 * its heap). WebGL keeps its tensors on the GPU and trains with the plain-op
 * reference instead.
 */
import {
  registerGradient, registerKernel, type KernelBackend, type NamedAttrMap, type Tensor, type TensorInfo, engine,
} from '@tensorflow/tfjs-core';
import type { ModelKind } from '../../src/core/config.js';
import { RECORDED_GATES } from '../../src/core/model-layout.js';
import { CELLS } from './cells.js';
import { cellAdam, cellBackward, cellForward, cellRollout } from './wasm/cell-math.js';

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
  /** Also output the recorded gates ([name][step][unit]): a second output tensor. */
  recordGates: boolean;
}

type Inputs = Record<string, TensorInfo>;

/** Reads a tensor's values and makes output tensors, on one backend's memory. */
interface TensorIO {
  read(t: TensorInfo): Float32Array;
  /** An array for an output's values, all of which the kernel writes (on the CPU backend, often a recycled one). */
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
    return array ?? new Float32Array(length);
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

const ioOfBackend = new WeakMap<KernelBackend, TensorIO>();

/** One TensorIO per backend instance: made per kernel call, its closures were a steady source of garbage. */
function ioFor(name: string, backend: KernelBackend): TensorIO {
  let io = ioOfBackend.get(backend);
  if (!io) {
    io = TENSOR_IO[name](backend);
    ioOfBackend.set(backend, io);
  }
  return io;
}

/** Backends the fused kernels run on. */
export const FUSED_BACKENDS = Object.keys(TENSOR_IO);

function sequenceForward(io: TensorIO, inputs: Inputs, attrs: CellAttrs): TensorInfo[] {
  const cell = CELLS[attrs.kind];
  const H = attrs.hiddenSize;
  const x = io.read(inputs.x);
  const stateOut = io.alloc(cell.stateSize(H));
  const cache = io.alloc(cell.cacheSize(H, x.length));
  const loss = cellForward(attrs.kind, H, io.read(inputs.params), x, io.read(inputs.target), io.read(inputs.state),
    stateOut, cache);
  const lossOut = io.alloc(1);
  lossOut[0] = loss;
  return [io.make([], lossOut), io.make([stateOut.length], stateOut), io.make([cache.length], cache)];
}

function sequenceBackward(io: TensorIO, inputs: Inputs, attrs: CellAttrs): TensorInfo {
  const params = io.read(inputs.params);
  const grad = io.alloc(params.length);
  cellBackward(attrs.kind, attrs.hiddenSize, params, io.read(inputs.x), io.read(inputs.target),
    io.read(inputs.cache), io.read(inputs.dLoss)[0], grad);
  return io.make([grad.length], grad);
}

function rollout(io: TensorIO, inputs: Inputs, attrs: RolloutAttrs): TensorInfo[] {
  const { kind, hiddenSize, steps } = attrs;
  const pred = new Float32Array(steps);
  const recorded = attrs.recordGates ? RECORDED_GATES[kind].length * steps * hiddenSize : 0;
  const gates = recorded > 0 ? new Float32Array(recorded) : null; // the MLP has no gates: no second output
  cellRollout(kind, hiddenSize, io.read(inputs.params), attrs.x0, io.read(inputs.state), pred, gates);
  const outputs = [io.make([pred.length], pred)];
  if (gates) outputs.push(io.make([gates.length], gates));
  return outputs;
}

/** PyTorch 1.13 Adam (single-tensor): eps is added after the bias correction of sqrt(v). */
function adam(io: TensorIO, inputs: Inputs, attrs: AdamAttrs): TensorInfo[] {
  const { learningRate, beta1, beta2, epsilon, step } = attrs;
  const p = io.read(inputs.params);
  const out: [Float32Array, Float32Array, Float32Array] = [io.alloc(p.length), io.alloc(p.length), io.alloc(p.length)];
  cellAdam(p, io.read(inputs.grad), io.read(inputs.m), io.read(inputs.v), out, {
    beta1, beta2, epsilon, stepSize: learningRate / (1 - beta1 ** step), correction2: Math.sqrt(1 - beta2 ** step),
  });
  return out.map((values) => io.make([p.length], values));
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
          run(ioFor(backendName, backend as KernelBackend), inputs as Inputs, attrs as never),
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
