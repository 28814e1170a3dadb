import { expect } from '@open-wc/testing';
import * as Comlink from 'comlink';
import type { ModelKind } from '../../src/core/config.js';
import type { RunSpec, TrainerWorkerApi } from '../../src/core/protocol.js';
import type { History } from '../../src/elements/rnn-trainer/training-session.js';

/** test/reference/runs-sine-1000.json, written by make_run_fixture.py with PyTorch 1.13. */
interface RunFixture {
  torch: string;
  data: string;
  epochs: number;
  hidden: number;
  learning_rate: number;
  cases: Array<{ seed: number; models: ModelKind[]; seq_len: number; runs: Record<string, { train: number[]; test: number[] }> }>;
}

const fixture: RunFixture = await (await fetch('/test/reference/runs-sine-1000.json')).json();

/**
 * How far rnn-lab may end from PyTorch, relative: 1%, except the MLP's test MSE.
 * The MLP's closed-loop rollout feeds each prediction back through three ReLU
 * layers, which amplifies float32 differences (summation order) over 199 steps.
 */
const FINAL = { train: 0.01, test: 0.01, mlpTest: 0.06 };

/**
 * Each epoch's loss, every model's, beside the final one: |ours - theirs| <=
 * absolute + relative * theirs. Starting from PyTorch's very weights, the two
 * stay this close all along (the worst seen is about 1e-4 relative, an MLP's
 * test MSE); the fixture's six significant digits are well inside it.
 */
const PER_EPOCH = { relative: 5e-3, absolute: 1e-5 };

const key = (c: RunFixture['cases'][number], model: ModelKind) => `${model}@${c.seed}/${c.models.join('+')}/${c.seq_len}`;

/** Every case's runs, each model built after the ones listed before it, as the case's notebook does. */
function runsOf(): RunSpec[] {
  return fixture.cases.flatMap((c) => c.models.map((model, i) => ({
    key: key(c, model), model, seed: c.seed, builtBefore: c.models.slice(0, i), hiddenSize: fixture.hidden,
    seqLen: c.seq_len, learningRate: fixture.learning_rate, epochs: fixture.epochs, split: 0.8,
  })));
}

/**
 * The textbook's experiment end to end, in the built worker: whole runs on
 * data/sine-1000.csv from `seed`, which is torch.manual_seed, so every run
 * starts from PyTorch's very weights and must end where PyTorch's does.
 */
describe(`run-level parity with PyTorch ${fixture.torch}: ${fixture.data}, ${fixture.epochs} epochs`, () => {
  const history: History = {};

  before(async () => {
    const text = await (await fetch(`/${fixture.data}`)).text();
    const series = Float32Array.from(text.trim().split('\n'), Number);
    const worker = new Worker('/dist/trainer.worker.js', { type: 'module' });
    try {
      const api = Comlink.wrap<TrainerWorkerApi>(worker);
      const job = { id: 'run-parity', series, runs: runsOf(), backend: 'cpu' as const, pace: null };
      const outcome = await api.train(job, Comlink.proxy((batch) => {
        for (const e of batch.epochs) {
          history[e.key] ??= { trainLoss: [], testLoss: [] };
          history[e.key].trainLoss[e.epoch - 1] = e.trainLoss;
          history[e.key].testLoss[e.epoch - 1] = e.testLoss;
        }
      }));
      if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    } finally {
      worker.terminate();
    }
  });

  for (const c of fixture.cases) {
    for (const model of c.models) {
      const name = `seed ${c.seed}, models "${c.models.join(' ')}", seq-len ${c.seq_len}: ${model}`;
      const theirs = c.runs[model];

      it(`${name}: final train and test MSE within ${FINAL.train * 100}% of PyTorch's`, () => {
        const ours = history[key(c, model)];
        const last = fixture.epochs - 1;
        const relative = (a: number, b: number) => Math.abs(a - b) / b;
        const train = relative(ours.trainLoss[last], theirs.train[last]);
        const test = relative(ours.testLoss[last], theirs.test[last]);
        const detail = `rnn-lab train ${ours.trainLoss[last]} test ${ours.testLoss[last]}; PyTorch train ${theirs.train[last]} test ${theirs.test[last]}`;
        expect(train, detail).to.be.at.most(FINAL.train);
        expect(test, detail).to.be.at.most(model === 'mlp' ? FINAL.mlpTest : FINAL.test);
      });

      it(`${name}: every epoch's train and test MSE close to PyTorch's`, () => {
        const ours = history[key(c, model)];
        for (const field of ['train', 'test'] as const) {
          const mine = field === 'train' ? ours.trainLoss : ours.testLoss;
          expect(mine, field).to.have.length(fixture.epochs);
          mine.forEach((value, epoch) => {
            const reference = theirs[field][epoch];
            const allowed = PER_EPOCH.absolute + PER_EPOCH.relative * reference;
            expect(Math.abs(value - reference), `${field} MSE at epoch ${epoch + 1}: rnn-lab ${value}, PyTorch ${reference}`)
              .to.be.at.most(allowed);
          });
        }
      });
    }
  }
});
