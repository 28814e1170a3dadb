/**
 * The models written with plain tfjs ops, one op per matrix product and gate.
 * This is the reference the fused kernels are tested against (gradients agree to
 * 1e-5), and what trains on backends whose tensors the fused kernels cannot read
 * (WebGL). Same flat parameter layout (src/core/model-layout.ts), same semantics as
 * PyTorch's nn.GRU / nn.LSTM / nn.RNN and the textbook's training loop.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's index registers no gradients; the reference is trained through them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { ModelKind } from '../../src/core/config.js';
import { paramSpecs, sizeOf } from '../../src/core/model-layout.js';
import { CELLS } from './cells.js';
import type { AdamAttrs } from './fused-kernels.js';

/** The flat vector cut into PyTorch's named tensors (views made with slice + reshape). */
export function unpackParams(kind: ModelKind, hidden: number, params: tf.Tensor1D): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  let offset = 0;
  for (const spec of paramSpecs(kind, hidden)) {
    const size = sizeOf(spec.shape);
    out[spec.name] = tf.reshape(tf.slice(params, [offset], [size]), spec.shape);
    offset += size;
  }
  return out;
}

/** One step's new hidden state, its whole state, and what a recording rollout records (RECORDED_GATES order). */
type Step = (x: tf.Tensor2D, state: tf.Tensor2D[]) => { h: tf.Tensor2D; state: tf.Tensor2D[]; recorded: tf.Tensor2D[] };

/** x [1,1], state rows [1,H] -> the next hidden state, for one recurrent kind. */
function recurrentStep(kind: Exclude<ModelKind, 'mlp'>, w: Record<string, tf.Tensor>): Step {
  const wih = tf.transpose(w[`${kind}.weight_ih_l0`]) as tf.Tensor2D;
  const whh = tf.transpose(w[`${kind}.weight_hh_l0`]) as tf.Tensor2D;
  const bih = w[`${kind}.bias_ih_l0`];
  const bhh = w[`${kind}.bias_hh_l0`];
  const gates = (x: tf.Tensor2D, h: tf.Tensor2D) => [tf.add(tf.matMul(x, wih), bih), tf.add(tf.matMul(h, whh), bhh)];
  if (kind === 'gru') {
    return (x, [h]) => {
      const [gi, gh] = gates(x, h);
      const [ir, iz, inn] = tf.split(gi, 3, 1);
      const [hr, hz, hn] = tf.split(gh, 3, 1);
      const r = tf.sigmoid(tf.add(ir, hr));
      const z = tf.sigmoid(tf.add(iz, hz));
      const n = tf.tanh(tf.add(inn, tf.mul(r, hn)));
      const next = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h)) as tf.Tensor2D;
      return { h: next, state: [next], recorded: [z, r, next] as tf.Tensor2D[] };
    };
  }
  if (kind === 'lstm') {
    return (x, [h, c]) => {
      const [gi, gh] = gates(x, h);
      const [ai, af, ag, ao] = tf.split(tf.add(gi, gh), 4, 1);
      const [i, f, o] = [ai, af, ao].map((a) => tf.sigmoid(a) as tf.Tensor2D);
      const cNext = tf.add(tf.mul(f, c), tf.mul(i, tf.tanh(ag))) as tf.Tensor2D;
      const next = tf.mul(o, tf.tanh(cNext)) as tf.Tensor2D;
      return { h: next, state: [next, cNext], recorded: [i, f, o, cNext] };
    };
  }
  return (x, [h]) => {
    const [gi, gh] = gates(x, h);
    const next = tf.tanh(tf.add(gi, gh)) as tf.Tensor2D;
    return { h: next, state: [next], recorded: [next] };
  };
}

function linearHead(w: Record<string, tf.Tensor>) {
  const weight = tf.transpose(w['linear.weight']) as tf.Tensor2D;
  return (h: tf.Tensor2D) => tf.add(tf.matMul(h, weight), w['linear.bias']) as tf.Tensor2D;
}

function mlpForward(w: Record<string, tf.Tensor>, x: tf.Tensor2D): tf.Tensor2D {
  const dense = (input: tf.Tensor2D, layer: number) =>
    tf.add(tf.matMul(input, w[`${layer}.weight`] as tf.Tensor2D, false, true), w[`${layer}.bias`]) as tf.Tensor2D;
  return dense(tf.relu(dense(tf.relu(dense(x, 0)), 2)), 4);
}

function splitState(kind: ModelKind, hidden: number, state: tf.Tensor1D): tf.Tensor2D[] {
  const rows = CELLS[kind].stateSize(hidden) / hidden;
  return Array.from({ length: rows }, (_, i) => tf.reshape(tf.slice(state, [i * hidden], [hidden]), [1, hidden]));
}

/** One sequence from `state`: the output at every step, and the final state. */
export function referenceSequence(kind: ModelKind, hidden: number, params: tf.Tensor1D, x: tf.Tensor1D,
  state: tf.Tensor1D): [tf.Tensor1D, tf.Tensor1D] {
  const w = unpackParams(kind, hidden, params);
  const steps = x.shape[0];
  if (kind === 'mlp') return [tf.reshape(mlpForward(w, tf.reshape(x, [steps, 1])), [steps]), state];
  const step = recurrentStep(kind, w);
  const head = linearHead(w);
  let s = splitState(kind, hidden, state);
  const outputs: tf.Tensor2D[] = [];
  for (let t = 0; t < steps; t++) {
    const next = step(tf.reshape(tf.slice(x, [t], [1]), [1, 1]), s);
    s = next.state;
    outputs.push(head(next.h));
  }
  return [tf.reshape(tf.concat(outputs, 0), [steps]), tf.reshape(tf.concat(s, 1), [-1]) as tf.Tensor1D];
}

/** One sequence: MSE of the per-step outputs against `target`, and the final state. */
export function referenceSequenceLoss(kind: ModelKind, hidden: number, params: tf.Tensor1D, x: tf.Tensor1D,
  target: tf.Tensor1D, state: tf.Tensor1D): [tf.Scalar, tf.Tensor1D] {
  const [y, stateOut] = referenceSequence(kind, hidden, params, x, state);
  return [tf.mean(tf.square(tf.sub(y, target))), stateOut];
}

/**
 * Closed loop from `state` and input `x0`: each prediction is the next input.
 * Returns [predictions], or with `recordGates` [predictions, gates], the gates
 * [name][step][unit] flat, as the fused rollout kernel's outputs.
 */
export function referenceRollout(kind: ModelKind, hidden: number, params: tf.Tensor1D, state: tf.Tensor1D,
  x0: number, steps: number, recordGates: boolean): tf.Tensor1D[] {
  return tf.tidy(() => {
    const w = unpackParams(kind, hidden, params);
    const step = kind === 'mlp' ? null : recurrentStep(kind, w);
    const head = step && linearHead(w);
    let s = splitState(kind, hidden, state);
    let x = tf.tensor2d([[x0]]);
    const outputs: tf.Tensor2D[] = [];
    const recorded: tf.Tensor2D[][] = [];
    for (let t = 0; t < steps; t++) {
      if (step && head) {
        const next = step(x, s);
        s = next.state;
        x = head(next.h);
        if (recordGates) recorded.push(next.recorded);
      } else {
        x = mlpForward(w, x);
      }
      outputs.push(x);
    }
    const pred = tf.reshape(tf.concat(outputs, 0), [steps]) as tf.Tensor1D;
    if (!recordGates || recorded.length === 0) return [pred];
    // Step-major [step][name] rows of H -> name-major [name][step][unit].
    const byName = recorded[0].map((_, name) => tf.concat(recorded.map((row) => row[name]), 0));
    return [pred, tf.reshape(tf.concat(byName, 0), [-1]) as tf.Tensor1D];
  });
}

/** PyTorch 1.13 Adam with tfjs ops (the fused kernel's reference). */
export function referenceAdam(params: tf.Tensor, grad: tf.Tensor, m: tf.Tensor, v: tf.Tensor,
  { learningRate, beta1, beta2, epsilon, step }: AdamAttrs): [tf.Tensor, tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const m2 = tf.add(tf.mul(m, beta1), tf.mul(grad, 1 - beta1));
    const v2 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(grad), 1 - beta2));
    const denom = tf.add(tf.div(tf.sqrt(v2), Math.sqrt(1 - beta2 ** step)), epsilon);
    const p2 = tf.sub(params, tf.mul(tf.div(m2, denom), learningRate / (1 - beta1 ** step)));
    return [p2, m2, v2];
  });
}
