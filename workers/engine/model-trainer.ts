import * as tf from '@tensorflow/tfjs-core';
import type { RunSpec } from '../../src/core/protocol.js';
import { isRecurrent, type RecurrentKind } from '../../src/core/model-layout.js';
import { splitIndexOf, windowSequences } from '../../src/core/windows.js';
import { CELLS, type CellLayout } from './cells.js';
import {
  ADAM_KERNEL, ROLLOUT_KERNEL, SEQUENCE_GRAD_KERNEL, SEQUENCE_KERNEL, disposeAndRecycle, type AdamAttrs, type CellAttrs,
} from './fused-kernels.js';
import { probeGradients, type SequenceGradients } from './gradient-probe.js';
import { initialParams } from './params.js';
import { referenceAdam, referenceRollout, referenceSequenceLoss } from './reference.js';

/** PyTorch's Adam defaults, as the textbook's `torch.optim.Adam` uses them; the learning rate comes from the run. */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** One sequence's loss, the gradient of every parameter, and the final state (detached). */
export interface LossAndGrad {
  loss: number;
  grad: tf.Tensor1D;
  state: tf.Tensor1D;
}

/** A closed-loop rollout's predictions and, when asked for, its recorded gates ([name][step][unit]; null for the MLP). */
export interface Rollout {
  predictions: Float32Array;
  gates: Float32Array | null;
}

/** How a model's training step is computed: fused kernels, or the plain-op reference. */
export interface StepOps {
  lossAndGrad(attrs: CellAttrs, params: tf.Tensor1D, x: tf.Tensor1D, target: tf.Tensor1D, state: tf.Tensor1D): LossAndGrad;
  adam(params: tf.Tensor, grad: tf.Tensor, m: tf.Tensor, v: tf.Tensor, attrs: AdamAttrs): tf.Tensor[];
  rollout(attrs: CellAttrs, params: tf.Tensor1D, state: tf.Tensor1D, x0: number, steps: number, recordGates: boolean): Rollout;
}

/** Reads and disposes a rollout's output tensors. */
function readRollout(pred: tf.Tensor, gates?: tf.Tensor): Rollout {
  const rollout = { predictions: pred.dataSync() as Float32Array, gates: gates ? gates.dataSync() as Float32Array : null };
  tf.dispose(gates ? [pred, gates] : [pred]);
  return rollout;
}

let one: tf.Scalar | null = null;

/**
 * The fused path calls the sequence kernel and its gradient kernel directly: two
 * dispatches. Recording them on tfjs's tape (`tf.grad`, which the registered
 * gradient supports) gives the same numbers but costs more than the arithmetic.
 */
export const FUSED_OPS: StepOps = {
  lossAndGrad: (attrs, params, x, target, state) => {
    const [loss, stateOut, cache] = tf.engine().runKernel(SEQUENCE_KERNEL, { params, x, target, state }, attrs) as tf.Tensor[];
    one ??= tf.keep(tf.scalar(1));
    const grad = tf.engine().runKernel(SEQUENCE_GRAD_KERNEL, { params, x, target, cache, dLoss: one }, attrs) as tf.Tensor1D;
    const value = loss.dataSync()[0];
    disposeAndRecycle([loss, cache]);
    return { loss: value, grad, state: stateOut as tf.Tensor1D };
  },
  adam: (params, grad, m, v, attrs) => tf.engine().runKernel(ADAM_KERNEL, { params, grad, m, v }, attrs) as tf.Tensor[],
  rollout: (attrs, params, state, x0, steps, recordGates) => {
    const [pred, gates] = tf.engine().runKernel(ROLLOUT_KERNEL, { params, state }, { ...attrs, x0, steps, recordGates }) as tf.Tensor[];
    return readRollout(pred, gates);
  },
};

export const REFERENCE_OPS: StepOps = {
  lossAndGrad: (attrs, params, x, target, state) => {
    let stateOut: tf.Tensor1D | null = null;
    const { value, grads } = tf.valueAndGrads((p: tf.Tensor) => {
      const [loss, s] = referenceSequenceLoss(attrs.kind, attrs.hiddenSize, p as tf.Tensor1D, x, target, state);
      stateOut = tf.keep(s);
      return loss;
    })([params]);
    const loss = value.dataSync()[0];
    value.dispose();
    return { loss, grad: grads[0] as tf.Tensor1D, state: stateOut! };
  },
  adam: referenceAdam,
  rollout: (attrs, params, state, x0, steps, recordGates) =>
    readRollout(...(referenceRollout(attrs.kind, attrs.hiddenSize, params, state, x0, steps, recordGates) as [tf.Tensor, tf.Tensor?])),
};

/** What one epoch's test gives: the rollout, its MSE against the test part, and the gates if asked for. */
export interface Evaluation extends Rollout {
  testLoss: number;
}

/**
 * One model learning one series as the textbook's loop does: its parameters, Adam moments and
 * carried state, and the training sequences as tensors made once. Owns every
 * tensor it makes; `dispose` frees them all.
 */
export class ModelTrainer {
  readonly spec: RunSpec;
  readonly cell: CellLayout;
  private readonly ops: StepOps;
  private readonly attrs: CellAttrs;
  private params: tf.Tensor1D;
  private m: tf.Tensor;
  private v: tf.Tensor;
  private state: tf.Tensor1D;
  private step = 0;
  /** The gradients of the last sequence of the last epoch trained with `probe` (null before, and for the MLP). */
  gradients: SequenceGradients | null = null;
  /** Where the current epoch is: its next sequence, and the sum of its losses so far. */
  private nextSequence = 0;
  private epochTotal = 0;
  private readonly inputs: tf.Tensor1D[];
  private readonly targets: tf.Tensor1D[];
  private readonly test: Float32Array;

  constructor(spec: RunSpec, series: Float32Array, ops: StepOps, initial?: Float32Array) {
    this.spec = spec;
    this.cell = CELLS[spec.model];
    this.ops = ops;
    this.attrs = { kind: spec.model, hiddenSize: spec.hiddenSize };
    const splitIndex = splitIndexOf(series.length, spec.split);
    const sequences = windowSequences(series.subarray(0, splitIndex), spec.seqLen);
    this.test = series.slice(splitIndex);
    const values = initial ?? initialParams(spec.model, spec.hiddenSize, spec.seed, spec.builtBefore);
    this.params = tf.tensor1d(values);
    this.m = tf.zeros([values.length]);
    this.v = tf.zeros([values.length]);
    this.state = tf.zeros([this.cell.stateSize(spec.hiddenSize)]);
    const cut = (flat: Float32Array, i: number) =>
      tf.tensor1d(flat.subarray(i * spec.seqLen, (i + 1) * spec.seqLen));
    this.inputs = Array.from({ length: sequences.count }, (_, i) => cut(sequences.inputs, i));
    this.targets = Array.from({ length: sequences.count }, (_, i) => cut(sequences.targets, i));
  }

  /**
   * One epoch: for each sequence in order, forward from the carried state, MSE,
   * backward through this sequence only, one Adam step; the final state is carried,
   * detached, into the next sequence. Returns the mean of the sequences' losses.
   * With `probe`, a recurrent model also keeps in `gradients` what BPTT carries
   * back along the last sequence, from the state carried into it and with the
   * parameters before its step (gradient-probe.ts): the training is unchanged.
   */
  trainEpoch(probe = false): number {
    while (!this.trainSome(Infinity, probe));
    return this.takeEpochLoss();
  }

  /**
   * Trains the epoch's next sequences until `deadline` (performance.now()) has
   * passed, at least one; returns true once the epoch's last sequence is done.
   * The worker calls it in slices, so a long epoch can be paused or stopped
   * between two sequences. `probe` as for `trainEpoch`.
   */
  trainSome(deadline: number, probe = false): boolean {
    const last = this.inputs.length - 1;
    do {
      const i = this.nextSequence++;
      if (probe && i === last && isRecurrent(this.spec.model)) this.gradients = this.probeSequence(i);
      this.epochTotal += this.trainSequence(i);
    } while (this.nextSequence < this.inputs.length && performance.now() < deadline);
    return this.nextSequence >= this.inputs.length;
  }

  /** The finished epoch's mean loss over its sequences; the next call to `trainSome` starts a new epoch. */
  takeEpochLoss(): number {
    const loss = this.epochTotal / this.inputs.length;
    this.nextSequence = 0;
    this.epochTotal = 0;
    return loss;
  }

  private probeSequence(i: number): SequenceGradients {
    const { model, hiddenSize } = this.spec;
    // dataSync may hand out the backend's own array, which the fused kernels recycle: copied.
    const read = (t: tf.Tensor) => (t.dataSync() as Float32Array).slice();
    return probeGradients(model as RecurrentKind, hiddenSize, read(this.params), read(this.state),
      read(this.inputs[i]), read(this.targets[i]));
  }

  private trainSequence(i: number): number {
    const { loss, grad, state } = this.ops.lossAndGrad(this.attrs, this.params, this.inputs[i], this.targets[i], this.state);
    this.step++;
    const [p, m, v] = this.ops.adam(this.params, grad, this.m, this.v, {
      learningRate: this.spec.learningRate, ...ADAM, step: this.step,
    });
    disposeAndRecycle([this.params, grad, this.m, this.v, this.state]);
    this.params = p as tf.Tensor1D;
    this.m = m;
    this.v = v;
    this.state = state;
    return loss;
  }

  /**
   * Closed-loop test from the carried state: input test[0], each prediction fed
   * back, len(test) - 1 steps; MSE against test[1..]. The carried state is unchanged.
   * Recording the gates changes no number: the same steps run, and copy them out.
   */
  evaluate(recordGates = false): Evaluation {
    const steps = this.test.length - 1;
    const rollout = this.ops.rollout(this.attrs, this.params, this.state, this.test[0], steps, recordGates);
    let sum = 0;
    for (let t = 0; t < steps; t++) sum += (rollout.predictions[t] - this.test[t + 1]) ** 2;
    return { testLoss: sum / steps, ...rollout };
  }

  /** The current parameters, flat, in `state_dict` order. */
  parameters(): Float32Array {
    return this.params.dataSync().slice() as Float32Array;
  }

  dispose(): void {
    tf.dispose([this.params, this.m, this.v, this.state, ...this.inputs, ...this.targets]);
  }
}
