import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { sineSeries } from '../../../src/core/default-series.js';
import type { ProgressBatch, RunSpec, TrainJob } from '../../../src/core/protocol.js';
import { createTrainerApi } from '../../../workers/engine/trainer-api.js';

const GRU: RunSpec = { key: 'gru', model: 'gru', hiddenSize: 4, seqLen: 20, learningRate: 5e-3, epochs: 2, split: 0.8, seed: 0 };
const job = (id: string, backend: TrainJob['backend'] = 'webgl'): TrainJob =>
  ({ id, series: sineSeries({ length: 200 }), runs: [GRU], backend, pace: null });

/** Makes `name` a backend that cannot start; registered first, it wins over tfjs's own. */
function breakBackend(name: string): void {
  if (tf.findBackendFactory(name)) tf.removeBackend(name);
  tf.registerBackend(name, () => {
    throw new Error(`${name} cannot start here`);
  });
}

describe('a backend that fails to start (the trainer API, on this page)', () => {
  const api = createTrainerApi();

  before(() => breakBackend('webgl'));

  it('falls back to cpu, says so once in the progress, and trains', async () => {
    const batches: ProgressBatch[] = [];
    const outcome = await api.train(job('fallback'), (b) => batches.push(b));
    expect(outcome.status).to.equal('done');
    expect(batches[0].fallback).to.deep.equal({ requested: 'webgl', used: 'cpu' });
    expect(batches.filter((b) => b.fallback)).to.have.length(1);
    expect(batches.flatMap((b) => b.epochs)).to.have.length(GRU.epochs);
    expect(api.backend()).to.equal('cpu');
  });

  it('ends in the backend error only when cpu cannot start either', async () => {
    breakBackend('cpu');
    try {
      // Then cpu itself, which tfjs now names as current although it never started.
      for (const [attempt, backend] of [['webgl', 'webgl'], ['then cpu', 'cpu']] as const) {
        const outcome = await api.train(job(attempt, backend), () => {});
        expect(outcome.status, attempt).to.equal('error');
        if (outcome.status === 'error') expect(outcome.error.code, attempt).to.equal('backend');
      }
    } finally {
      tf.removeBackend('cpu');
      tf.registerBackend('cpu', () => new MathBackendCPU(), 1);
    }
  });
});

describe('a WebGL without a GPU', () => {
  it('is recognised by its renderer name, so that training falls back to cpu', async () => {
    const { isSoftwareRenderer } = await import('../../../workers/engine/backends.js');
    for (const name of ['Google SwiftShader', 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)',
      'llvmpipe (LLVM 15.0.6, 256 bits)', 'Microsoft Basic Render Driver']) {
      expect(isSoftwareRenderer(name), name).to.equal(true);
    }
    for (const name of ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)', 'Apple M1', 'Mali-G78']) {
      expect(isSoftwareRenderer(name), name).to.equal(false);
    }
  });
});
