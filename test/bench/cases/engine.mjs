// The engine's speed, measured inside the training worker (dist/trainer.worker.js):
// epochs per second as the worker reports them (its active training time; and
// pageEpochsPerSecond, the page's wall clock around the whole job), for
// the textbook's case (seqLen 20, H 16, 150 epochs on data/sine-1000.csv, a
// closed-loop test rollout after every epoch) and two heavier GRUs, each next to
// the PyTorch reference (test/reference/seed_ref.py, Debian's python3-torch) on
// the same case in the same run; then gate and gradient recording off and on,
// alternating (recording must cost nothing when off, and little when on);
// then the backends side by side, which is what `auto` is chosen from
// (workers/engine/backends.ts).
import { spawnSync } from 'node:child_process';

const DATA = 'data/sine-1000.csv';
const REFERENCE = 'test/reference/seed_ref.py';
const TEXTBOOK = { hiddenSize: 16, seqLen: 20, learningRate: 5e-4, epochs: 150, split: 0.8, seed: 0 };
const SPEED_CASES = [
  { model: 'gru' }, { model: 'lstm' }, { model: 'rnn' }, { model: 'mlp' },
  { model: 'gru', hiddenSize: 64 }, { model: 'gru', seqLen: 100 },
];
/** Each rnn-lab case runs this many times after a warm-up; the median is reported. */
const REPEATS = 3;
const BACKENDS = ['cpu', 'wasm', 'webgl'];
/** Long enough (about a second) for the few recordings a second to show their cost. */
const GATES_EPOCHS = 600;
/** Runs of 1000-2000 epochs a second: a few seconds each, so that the noise of a shared machine averages out. */
const GRADIENTS_EPOCHS = 3000;
const BACKEND_SIZES = [16, 64, 256];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value, digits = 1) => Number(value.toFixed(digits));

/** The first Python that imports torch: TORCH_PYTHON, Debian's, python3 on PATH. BENCH_TORCH=0 skips it. */
function findTorchPython() {
  if (process.env.BENCH_TORCH === '0') return null;
  for (const python of [process.env.TORCH_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean)) {
    if (spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}

function runTorch(python, spec) {
  const args = [REFERENCE, spec.model, spec.seqLen, spec.epochs, spec.seed, DATA, spec.hiddenSize].map(String);
  const run = spawnSync(python, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${python} ${args.join(' ')} failed:\n${run.stderr}`);
  const out = JSON.parse(run.stdout.trim().split('\n').pop());
  return { epochsPerSecond: out.epochs_per_s, trainMse: out.train_mse, testMse: out.test_mse, torch: out.torch, threads: out.threads };
}

function caseName({ model, hiddenSize, seqLen }) {
  return `${model} H${hiddenSize} seq${seqLen}`;
}

/** Opens the bench page; returns `train(spec, backend, options)`, which trains one run in its worker. */
export async function enginePage(browser, origin) {
  const page = await browser.newPage();
  await page.goto(`${origin}/test/bench/engine-page.html`);
  await page.waitForFunction('window.benchReady === true');
  const train = async (spec, backend, options = {}) => {
    const { outcome, notice, wallSeconds } = await page.evaluate((s, b, o) => window.trainJob([s], b, o), spec, backend, options);
    if (outcome.status !== 'done') throw new Error(`${caseName(spec)} on ${backend}: ${JSON.stringify(outcome)}`);
    return { ...outcome.result.models[spec.key], notice, wallSeconds };
  };
  return { page, train };
}

/**
 * Recording off and on, alternating, median of REPEATS: gates (textbook GRU) and
 * BPTT gradients (what a bound <gradient-chart> asks for; each recurrent model at
 * seq-len 50, the chapter's vanishing-gradient demo, and the textbook GRU).
 * Recording must cost nothing when off; gradients at most 10% when on.
 */
export async function recordingCosts(train, log) {
  const cases = [
    { what: 'gate', option: 'recordGates', spec: { ...TEXTBOOK, model: 'gru', epochs: GATES_EPOCHS } },
    ...['gru', 'lstm', 'rnn'].map((model) => ({ what: 'gradient', option: 'recordGradients', spec: { ...TEXTBOOK, model, seqLen: 50, epochs: GRADIENTS_EPOCHS } })),
    { what: 'gradient', option: 'recordGradients', spec: { ...TEXTBOOK, model: 'gru', epochs: GRADIENTS_EPOCHS } },
  ];
  for (const { what, option, spec: base } of cases) {
    const spec = { ...base, key: base.model };
    await train({ ...spec, epochs: 20 }, 'cpu', { [option]: true }); // warm-up
    const speeds = { off: [], on: [] };
    for (let i = 0; i < REPEATS; i++) {
      for (const mode of ['off', 'on']) speeds[mode].push((await train(spec, 'cpu', { [option]: mode === 'on' })).epochsPerSecond);
    }
    const [off, on] = [median(speeds.off), median(speeds.on)];
    log({
      bench: `engine-${what}s`, case: `${caseName(spec)}, ${spec.epochs} epochs, ${what} recording off / on`, backend: 'cpu',
      epochsPerSecond: { off: round(off), on: round(on) }, repeats: { off: speeds.off.map((v) => round(v)), on: speeds.on.map((v) => round(v)) },
      ratio: round(on / off, 3),
    });
  }
}

export async function run({ browser, origin, log }) {
  const { page, train } = await enginePage(browser, origin);
  const python = findTorchPython();

  for (const overrides of SPEED_CASES) {
    const spec = { ...TEXTBOOK, ...overrides, key: overrides.model };
    await train({ ...spec, epochs: 20 }, 'cpu'); // warm-up: JIT, backend start
    const runs = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await train(spec, 'cpu'));
    const epochsPerSecond = median(runs.map((r) => r.epochsPerSecond));
    const torch = python ? runTorch(python, spec) : null;
    log({
      bench: 'engine', case: caseName(spec), model: spec.model, hiddenSize: spec.hiddenSize, seqLen: spec.seqLen,
      epochs: spec.epochs, backend: 'cpu', epochsPerSecond: round(epochsPerSecond),
      repeats: runs.map((r) => round(r.epochsPerSecond)),
      pageEpochsPerSecond: round(median(runs.map((r) => spec.epochs / r.wallSeconds))),
      trainMse: runs[0].trainMse, testMse: runs[0].testMse,
      torch, ratio: torch ? round(epochsPerSecond / torch.epochsPerSecond, 2) : null,
    });
  }

  await recordingCosts(train, log);

  for (const hiddenSize of BACKEND_SIZES) {
    for (const backend of BACKENDS) {
      const spec = { ...TEXTBOOK, model: 'gru', key: 'gru', hiddenSize };
      const probe = await train({ ...spec, epochs: 2 }, backend); // warm-up, and how many epochs fit in a few seconds
      const epochs = Math.max(2, Math.min(150, Math.round(probe.epochsPerSecond * 2)));
      const result = await train({ ...spec, epochs }, backend);
      log({
        bench: 'engine-backends', case: `${caseName(spec)} on ${backend}`, model: 'gru', hiddenSize, seqLen: spec.seqLen,
        epochs, backend, used: result.notice?.used ?? backend, epochsPerSecond: round(result.epochsPerSecond),
      });
    }
  }
  await page.close();
}
