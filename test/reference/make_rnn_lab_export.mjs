// Writes rnn-lab-export.json: weights exported by rnn-lab's real engine (the built
// dist/trainer.worker.js in headless Chromium, CPU backend) after a short,
// deterministic training, as state_dict JSON (src/core/state-dict.ts). The PyTorch
// side of the round trip (make_weights_fixtures.py) loads them into torch, and
// test/workers/weights.test.ts checks that the same training still exports them
// bit for bit. Run from the repository root, after `npm run build`:
//     node test/reference/make_rnn_lab_export.mjs
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { serve } from '../../demo/serve.mjs';
import { CHROME_ARGS, findChrome } from '../support/find-chrome.mjs';

const EXPORT_JOB = {
  data: 'data/sine-1000.csv',
  runs: ['gru', 'lstm'].map((model) => ({
    key: model, model, hiddenSize: 16, seqLen: 20, learningRate: 5e-4, epochs: 5, split: 0.8, seed: 0,
  })),
};

/** src/core/state-dict.ts, bundled for Node (it is TypeScript). */
async function importStateDict() {
  const { outputFiles } = await build({
    entryPoints: ['src/core/state-dict.ts'], bundle: true, format: 'esm', platform: 'neutral', write: false,
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
}

/** Trains the job in the worker; returns each run's final parameters as plain arrays. */
function trainInPage({ data, runs }) {
  return (async () => {
    const Comlink = await import('/node_modules/comlink/dist/esm/comlink.mjs');
    const text = await (await fetch(`/${data}`)).text();
    const series = Float32Array.from(text.trim().split('\n'), Number);
    const api = Comlink.wrap(new Worker('/dist/trainer.worker.js', { type: 'module' }));
    const job = { id: 'export', series, runs, backend: 'cpu', pace: null };
    const outcome = await api.train(job, Comlink.proxy(() => {}));
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    return Object.fromEntries(Object.entries(outcome.parameters).map(([key, flat]) => [key, Array.from(flat)]));
  })();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { toStateDict } = await importStateDict();
  const server = await serve(0, '127.0.0.1');
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/package.json`); // any document of the origin
    const parameters = await page.evaluate(trainInPage, EXPORT_JOB);
    const models = Object.fromEntries(EXPORT_JOB.runs.map(({ key, model, hiddenSize }) =>
      [key, toStateDict(model, hiddenSize, Float32Array.from(parameters[key]))]));
    const fixture = { script: 'test/reference/make_rnn_lab_export.mjs', backend: 'cpu', ...EXPORT_JOB, models };
    writeFileSync('test/reference/rnn-lab-export.json', `${JSON.stringify(fixture)}\n`);
  } finally {
    await browser.close();
    server.close();
  }
}
