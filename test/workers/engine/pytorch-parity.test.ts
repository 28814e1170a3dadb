import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { ModelKind } from '../../../src/core/config.js';
import { paramSpecs } from '../../../src/core/model-layout.js';
import { SEQUENCE_KERNEL, registerFusedKernels } from '../../../workers/engine/fused-kernels.js';
import { FUSED_OPS, ModelTrainer, REFERENCE_OPS, type StepOps } from '../../../workers/engine/model-trainer.js';
import { referenceSequence } from '../../../workers/engine/reference.js';
import { loadCellMath } from '../../../workers/engine/wasm/cell-math.js';
import { expectClose } from '../../support/close.js';

/** test/reference/cells.json, written by make_cell_fixtures.py with PyTorch 1.13. */
interface CellFixture {
  kind: ModelKind;
  hidden: number;
  steps: number;
  params: number[];
  sequence: {
    x: number[]; target: number[]; state: number[];
    outputs: number[]; finalState: number[]; loss: number; grads: Record<string, number[]>;
  };
  training: {
    series: number[]; split: number; learningRate: number;
    losses: number[]; params: number[]; rollout: number[]; testLoss: number;
  };
}

const fixture: { torch: string; cases: CellFixture[] } = await (await fetch('/test/reference/cells.json')).json();

const OPS: Array<[string, StepOps]> = [['fused kernels', FUSED_OPS], ['plain-op reference', REFERENCE_OPS]];

/** The per-step outputs: the tail of the fused forward kernel's cache, or the reference model's. */
function outputsOf(name: string, c: CellFixture): Float32Array {
  return tf.tidy(() => {
    const attrs = { kind: c.kind, hiddenSize: c.hidden };
    const [params, x, target, state] = [c.params, c.sequence.x, c.sequence.target, c.sequence.state].map((v) => tf.tensor1d(v));
    if (name === 'plain-op reference') return referenceSequence(c.kind, c.hidden, params, x, state)[0].dataSync() as Float32Array;
    const cache = (tf.engine().runKernel(SEQUENCE_KERNEL, { params, x, target, state }, attrs) as tf.Tensor[])[2];
    return cache.dataSync().slice(-c.steps) as Float32Array;
  });
}

describe(`parity with PyTorch ${fixture.torch} (test/reference/cells.json)`, () => {
  before(async () => {
    registerFusedKernels();
    await loadCellMath();
    await tf.setBackend('cpu');
  });

  for (const c of fixture.cases) {
    describe(`${c.kind}, H=${c.hidden}`, () => {
      it('lays the parameters out in PyTorch state_dict order, with its names and sizes', () => {
        const specs = paramSpecs(c.kind, c.hidden);
        expect(specs.map((s) => s.name)).to.deep.equal(Object.keys(c.sequence.grads));
        expect(specs.map((s) => s.shape.reduce((a, b) => a * b, 1))).to.deep.equal(Object.values(c.sequence.grads).map((g) => g.length));
      });

      for (const [name, ops] of OPS) {
        it(`${name}: outputs, final state, loss and the gradient of every parameter`, () => {
          const { x, target, state, outputs, finalState, loss, grads } = c.sequence;
          expectClose(outputsOf(name, c), outputs, 'outputs');
          const result = tf.tidy(() => {
            const out = ops.lossAndGrad({ kind: c.kind, hiddenSize: c.hidden }, tf.tensor1d(c.params), tf.tensor1d(x),
              tf.tensor1d(target), tf.tensor1d(state));
            return { loss: out.loss, grad: out.grad.dataSync().slice(), state: out.state.dataSync().slice() };
          });
          expectClose([result.loss], [loss], 'loss');
          expectClose(result.state, finalState, 'final state');
          let offset = 0;
          for (const [param, expected] of Object.entries(grads)) {
            expectClose(result.grad.subarray(offset, offset + expected.length), expected, `gradient of ${param}`);
            offset += expected.length;
          }
        });

        it(`${name}: one epoch of the textbook loop (three Adam steps, carried state), then the test rollout`, () => {
          const { series, split, learningRate, losses, params, rollout, testLoss } = c.training;
          const spec = {
            key: c.kind, model: c.kind, hiddenSize: c.hidden, seqLen: c.steps, learningRate, epochs: 1, split, seed: 0,
          };
          const trainer = new ModelTrainer(spec, Float32Array.from(series), ops, Float32Array.from(c.params));
          try {
            const epochLoss = trainer.trainEpoch();
            expectClose([epochLoss], [losses.reduce((a, b) => a + b) / losses.length], 'epoch loss');
            expectClose(trainer.parameters(), params, 'parameters after three Adam steps');
            const evaluation = trainer.evaluate();
            expectClose(evaluation.predictions, rollout, 'test rollout');
            expectClose([evaluation.testLoss], [testLoss], 'test loss');
          } finally {
            trainer.dispose();
          }
        });
      }
    });
  }
});
