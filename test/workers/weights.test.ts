import { expect } from '@open-wc/testing';
import * as Comlink from 'comlink';
import type { ModelKind } from '../../src/core/config.js';
import { paramCount } from '../../src/core/model-layout.js';
import type { JobOutcome, ProgressBatch, RunSpec, TrainJob, TrainerWorkerApi } from '../../src/core/protocol.js';
import { fromStateDict, toStateDict, type StateDict } from '../../src/core/state-dict.js';
import { expectClose } from '../support/close.js';

/** test/reference/weights.json, written by make_weights_fixtures.py with PyTorch 1.13. */
interface WeightsFixture {
  torch: string;
  data: string;
  pytorch: Array<{ kind: ModelKind; hidden: number; seed: number; stateDict: StateDict; rollout: number[]; gates: number[] }>;
  rnnLab: { export: string; rollouts: Record<string, number[]>; continued: Record<string, { train: number[]; test: number[] }> };
}

/** test/reference/rnn-lab-export.json, written by make_rnn_lab_export.mjs from the real engine. */
interface ExportFixture {
  data: string;
  runs: RunSpec[];
  models: Record<string, StateDict>;
}

const fixture: WeightsFixture = await (await fetch('/test/reference/weights.json')).json();
const exported: ExportFixture = await (await fetch(`/${fixture.rnnLab.export}`)).json();
const series = Float32Array.from((await (await fetch(`/${fixture.data}`)).text()).trim().split('\n'), Number);

const RUN = { hiddenSize: 16, seqLen: 20, learningRate: 5e-4, epochs: 1, split: 0.8, seed: 0 };

interface Trained {
  outcome: JobOutcome;
  batches: ProgressBatch[];
}

/** Trains `runs` on data/sine-1000.csv in a fresh worker, keeping every batch. */
async function train(runs: RunSpec[], options: Partial<TrainJob> = {}): Promise<Trained> {
  const worker = new Worker('/dist/trainer.worker.js', { type: 'module' });
  try {
    const batches: ProgressBatch[] = [];
    const job: TrainJob = { id: 'weights', series: series.slice(), runs, backend: 'cpu', pace: null, ...options };
    const outcome = await Comlink.wrap<TrainerWorkerApi>(worker).train(job, Comlink.proxy((b: ProgressBatch) => batches.push(b)));
    return { outcome, batches };
  } finally {
    worker.terminate();
  }
}

function parametersOf(outcome: JobOutcome) {
  if (outcome.status === 'error' || !outcome.parameters) throw new Error(`no parameters in ${JSON.stringify(outcome)}`);
  return outcome.parameters;
}

describe(`weights in and out, round trip with PyTorch ${fixture.torch} (test/reference/weights.json)`, () => {
  it('starts from PyTorch-made weights: the first batch, before any epoch, has PyTorch`s rollout of them and its gates', async () => {
    const runs = fixture.pytorch.map(({ kind, hidden, stateDict }) => ({
      ...RUN, key: `${kind}${hidden}`, model: kind, hiddenSize: hidden, initialParameters: fromStateDict(stateDict, kind, hidden),
    }));
    const { outcome, batches } = await train(runs, { recordGates: true });
    expect(outcome.status).to.equal('done');
    const [first] = batches;
    expect(first.epochs).to.deep.equal([]);
    for (const { kind, hidden, rollout, gates } of fixture.pytorch) {
      const key = `${kind}${hidden}`;
      expectClose(first.predictions[key], rollout, `${key}: rollout at epoch 0`);
      if (kind === 'mlp') {
        expect(first.gates?.[key], key).to.equal(undefined);
        continue;
      }
      const recording = first.gates![key];
      expect(recording).to.include({ epoch: 0, steps: rollout.length, units: hidden });
      const size = rollout.length * hidden;
      recording.names.forEach((name, i) => {
        expectClose(recording.values.subarray(i * size, (i + 1) * size), gates.slice(i * size, (i + 1) * size), `${key}: gate ${name}`);
      });
    }
  });

  it('exports, after the same training, the committed rnn-lab-export.json bit for bit', async () => {
    const { outcome } = await train(exported.runs);
    expect(outcome.status).to.equal('done');
    const parameters = parametersOf(outcome);
    for (const { key, model, hiddenSize } of exported.runs) {
      expect(parameters[key]).to.be.instanceOf(Float32Array);
      expect(JSON.parse(JSON.stringify(toStateDict(model, hiddenSize, parameters[key]))), key).to.deep.equal(exported.models[key]);
    }
  });

  it('rolls out its exported weights as PyTorch does once they are loaded there (from a zero state)', async () => {
    const runs = exported.runs.map((run) => ({ ...run, epochs: 1, initialParameters: fromStateDict(exported.models[run.key], run.model, run.hiddenSize) }));
    const { batches } = await train(runs);
    for (const { key } of exported.runs) expectClose(batches[0].predictions[key], fixture.rnnLab.rollouts[key], `${key}: rollout`);
  });

  it('continues training from its export as PyTorch does once the export is loaded there: every epoch\'s losses', async () => {
    const runs = exported.runs.map((run) => {
      const epochs = fixture.rnnLab.continued[run.key].train.length;
      return { ...run, epochs, initialParameters: fromStateDict(exported.models[run.key], run.model, run.hiddenSize) };
    });
    const { outcome, batches } = await train(runs);
    expect(outcome.status).to.equal('done');
    for (const { key } of exported.runs) {
      const epochs = batches.flatMap((b) => b.epochs).filter((e) => e.key === key);
      const theirs = fixture.rnnLab.continued[key];
      expectClose(epochs.map((e) => e.trainLoss), theirs.train, `${key}: train MSE per epoch`);
      expectClose(epochs.map((e) => e.testLoss), theirs.test, `${key}: test MSE per epoch`);
    }
  });

  it('starts from PyTorch`s default init when given no weights, and its first batch has that model`s rollout', async () => {
    const { outcome, batches } = await train([{ ...RUN, key: 'gru', model: 'gru' }]);
    expect(batches[0].epochs).to.deep.equal([]);
    expect(batches[0].predictions.gru).to.have.length(199);
    expect(batches[0].gates).to.equal(undefined);
    expect(parametersOf(outcome).gru).to.have.length(paramCount('gru', 16));
  });

  it('carries each run`s final parameters in a stopped job`s outcome too', async () => {
    const worker = new Worker('/dist/trainer.worker.js', { type: 'module' });
    try {
      const api = Comlink.wrap<TrainerWorkerApi>(worker);
      const runs = [{ ...RUN, key: 'rnn', model: 'rnn' as const, epochs: 100000 }, { ...RUN, key: 'mlp', model: 'mlp' as const, epochs: 100000 }];
      const outcome = api.train({ id: 'stop', series, runs, backend: 'cpu', pace: null }, Comlink.proxy((b: ProgressBatch) => {
        if (b.epochs.length > 0) api.stop('stop');
      }));
      const result = await outcome;
      expect(result.status).to.equal('stopped');
      const parameters = parametersOf(result);
      expect(parameters.rnn).to.have.length(paramCount('rnn', 16));
      expect(parameters.mlp).to.have.length(paramCount('mlp', 16));
    } finally {
      worker.terminate();
    }
  });

  it('rejects initial parameters of the wrong length or with a non-finite value: invalid-weights, no epoch trained', async () => {
    const short = await train([{ ...RUN, key: 'gru@seq-len=20', model: 'gru', initialParameters: new Float32Array(928) }]);
    expect(short.outcome).to.deep.include({ status: 'error' });
    if (short.outcome.status === 'error') {
      expect(short.outcome.error).to.include({ code: 'invalid-weights', key: 'error.weightsLength' });
      expect(short.outcome.error.params).to.deep.equal({ model: 'gru@seq-len=20', got: 928, expected: 929 });
    }
    expect(short.batches).to.deep.equal([]);
    const nan = new Float32Array(929).fill(0.1);
    nan[100] = NaN;
    const bad = await train([{ ...RUN, key: 'gru', model: 'gru', initialParameters: nan }]);
    expect(bad.outcome.status === 'error' && bad.outcome.error.code).to.equal('invalid-weights');
  });
});
