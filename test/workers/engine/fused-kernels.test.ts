import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { MODEL_KINDS, type ModelKind } from '../../../src/core/config.js';
import { RECORDED_GATES } from '../../../src/core/model-layout.js';
import { createPrng } from '../../../src/core/prng.js';
import { CELLS } from '../../../workers/engine/cells.js';
import { ADAM, FUSED_OPS, REFERENCE_OPS } from '../../../workers/engine/model-trainer.js';
import { SEQUENCE_KERNEL, registerFusedKernels } from '../../../workers/engine/fused-kernels.js';
import { initialParams } from '../../../workers/engine/params.js';
import { loadCellMath } from '../../../workers/engine/wasm/cell-math.js';
import { maxRelativeError } from '../../support/close.js';

function randomVector(length: number, stream: string, scale = 1): Float32Array {
  const prng = createPrng(1, stream);
  return Float32Array.from({ length }, () => prng.uniform(-scale, scale));
}

function lossAndGrad(kind: ModelKind, ops: typeof FUSED_OPS, H: number, p: Float32Array,
  x: Float32Array, y: Float32Array, s: Float32Array) {
  return tf.tidy(() => {
    const out = ops.lossAndGrad({ kind, hiddenSize: H }, tf.tensor1d(p), tf.tensor1d(x), tf.tensor1d(y), tf.tensor1d(s));
    return { loss: out.loss, grad: out.grad.dataSync().slice(), stateOut: out.state.dataSync().slice() };
  });
}

describe('fused kernels against the plain-op reference', () => {
  before(async () => {
    registerFusedKernels();
    await loadCellMath();
    await tf.setBackend('cpu');
  });

  for (const kind of MODEL_KINDS) {
    for (const H of [1, 5, 16]) {
      it(`${kind}, H=${H}: same loss, final state and gradient of every parameter (1e-5)`, () => {
        const cell = CELLS[kind];
        const p = initialParams(kind, H, 3);
        const x = randomVector(12, `${kind}x`);
        const y = randomVector(12, `${kind}y`);
        const s = randomVector(cell.stateSize(H), `${kind}s`, 0.5);
        const fused = lossAndGrad(kind, FUSED_OPS, H, p, x, y, s);
        const reference = lossAndGrad(kind, REFERENCE_OPS, H, p, x, y, s);
        expect(maxRelativeError([fused.loss], [reference.loss])).to.be.below(1e-5);
        expect(maxRelativeError(fused.stateOut, reference.stateOut)).to.be.below(1e-5);
        expect(maxRelativeError(fused.grad, reference.grad)).to.be.below(1e-5);
        expect(fused.grad.some((g) => g !== 0)).to.equal(true);
      });
    }

    it(`${kind}: the closed-loop rollout matches the reference, and so do its recorded gates`, () => {
      const H = kind === 'lstm' ? 5 : 8; // 5: the SIMD loops' tail lanes too
      const p = initialParams(kind, H, 5);
      const s = tf.tensor1d(randomVector(CELLS[kind].stateSize(H), `${kind}r`, 0.5));
      const params = tf.tensor1d(p);
      const attrs = { kind, hiddenSize: H };
      const fused = FUSED_OPS.rollout(attrs, params, s, 0.3, 25, false);
      const reference = REFERENCE_OPS.rollout(attrs, params, s, 0.3, 25, false);
      expect(maxRelativeError(fused.predictions, reference.predictions)).to.be.below(1e-5);
      expect(fused.gates).to.equal(null);
      const fusedGates = FUSED_OPS.rollout(attrs, params, s, 0.3, 25, true);
      const referenceGates = REFERENCE_OPS.rollout(attrs, params, s, 0.3, 25, true);
      expect(Array.from(fusedGates.predictions), 'recording changes no prediction').to.deep.equal(Array.from(fused.predictions));
      if (kind === 'mlp') {
        expect([fusedGates.gates, referenceGates.gates]).to.deep.equal([null, null]);
      } else {
        expect(fusedGates.gates!.length).to.equal(RECORDED_GATES[kind].length * 25 * H);
        expect(maxRelativeError(fusedGates.gates!, referenceGates.gates!)).to.be.below(1e-5);
      }
      tf.dispose([s, params]);
    });
  }

  it('the registered gradient gives tf.grad the same gradient as the direct kernel call', () => {
    const kind = 'lstm';
    const H = 6;
    const p = initialParams(kind, H, 9);
    const x = randomVector(10, 'tx');
    const y = randomVector(10, 'ty');
    const s = randomVector(2 * H, 'ts', 0.5);
    const direct = lossAndGrad(kind, FUSED_OPS, H, p, x, y, s);
    const taped = tf.tidy(() => tf.grad((w: tf.Tensor) =>
      (tf.engine().runKernel(SEQUENCE_KERNEL, { params: w, x: tf.tensor1d(x), target: tf.tensor1d(y), state: tf.tensor1d(s) },
        { kind, hiddenSize: H }) as unknown as tf.Scalar[])[0],
    )(tf.tensor1d(p)).dataSync().slice());
    expect(maxRelativeError(taped, direct.grad)).to.equal(0);
  });

  it('the fused Adam step matches the reference for three steps', () => {
    const n = 50;
    let fused = [tf.tensor1d(randomVector(n, 'p')), tf.zeros([n]), tf.zeros([n])];
    let reference = fused.map((t) => t.clone());
    for (let step = 1; step <= 3; step++) {
      const grad = tf.tensor1d(randomVector(n, `g${step}`));
      const attrs = { learningRate: 0.01, ...ADAM, step };
      const nextFused = FUSED_OPS.adam(fused[0], grad, fused[1], fused[2], attrs);
      const nextReference = REFERENCE_OPS.adam(reference[0], grad, reference[1], reference[2], attrs);
      tf.dispose([...fused, ...reference, grad]);
      fused = nextFused;
      reference = nextReference;
    }
    for (let i = 0; i < 3; i++) {
      expect(maxRelativeError(fused[i].dataSync(), reference[i].dataSync())).to.be.below(1e-5);
    }
    tf.dispose([...fused, ...reference]);
  });
});
