import { expect } from '@open-wc/testing';
import * as Comlink from 'comlink';
import { MODEL_KINDS, type ModelKind } from '../../src/core/config.js';
import type { RunResult, RunSpec, TrainerWorkerApi } from '../../src/core/protocol.js';

/** test/reference/runs-sine-1000.json, written by make_run_fixture.py with PyTorch 1.13. */
interface RunFixture {
  torch: string;
  data: string;
  seq_len: number;
  epochs: number;
  hidden: number;
  learning_rate: number;
  runs: Array<{ cell: ModelKind; seed: number; train_mse: number; test_mse: number }>;
}

const fixture: RunFixture = await (await fetch('/test/reference/runs-sine-1000.json')).json();
const SEEDS = [...new Set(fixture.runs.map((r) => r.seed))];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * The textbook's experiment end to end, in the built worker: every model at
 * every seed of the fixture, 150 epochs on data/sine-1000.csv. Initial weights
 * come from rnn-lab's PRNG, not torch's, so single runs differ; the medians over
 * seeds must land where PyTorch's do.
 */
describe(`run-level parity with PyTorch ${fixture.torch}: ${fixture.data}, seqLen ${fixture.seq_len}, ${fixture.epochs} epochs, seeds ${SEEDS.join(' ')}`, () => {
  const results: Record<string, RunResult> = {};
  const ours = (model: ModelKind, field: 'trainMse' | 'testMse') => median(SEEDS.map((seed) => results[`${model}@${seed}`][field]));
  const theirs = (model: ModelKind, field: 'train_mse' | 'test_mse') =>
    median(fixture.runs.filter((r) => r.cell === model).map((r) => r[field]));

  before(async () => {
    const text = await (await fetch(`/${fixture.data}`)).text();
    const series = Float32Array.from(text.trim().split('\n'), Number);
    const runs: RunSpec[] = MODEL_KINDS.flatMap((model) => SEEDS.map((seed) => ({
      key: `${model}@${seed}`, model, seed, hiddenSize: fixture.hidden, seqLen: fixture.seq_len,
      learningRate: fixture.learning_rate, epochs: fixture.epochs, split: 0.8,
    })));
    const worker = new Worker('/dist/trainer.worker.js', { type: 'module' });
    try {
      const api = Comlink.wrap<TrainerWorkerApi>(worker);
      const outcome = await api.train({ id: 'run-parity', series, runs, backend: 'cpu', pace: null }, Comlink.proxy(() => {}));
      if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
      Object.assign(results, outcome.result.models);
    } finally {
      worker.terminate();
    }
  });

  for (const model of MODEL_KINDS) {
    it(`${model}: the median final train MSE is within 25% of PyTorch's`, () => {
      const [mine, reference] = [ours(model, 'trainMse'), theirs(model, 'train_mse')];
      expect(Math.abs(mine - reference) / reference, `rnn-lab ${mine}, PyTorch ${reference}`).to.be.at.most(0.25);
    });
  }

  it('gru: the median final test MSE is within 2x of PyTorch\'s', () => {
    const [mine, reference] = [ours('gru', 'testMse'), theirs('gru', 'test_mse')];
    expect(mine, `rnn-lab ${mine}, PyTorch ${reference}`).to.be.within(reference / 2, reference * 2);
  });
});
