// What a page pays to use rnn-lab: the gzipped size of each built file (the
// main-thread bundle against its 60 KB budget, its lazy chunks `rnn-lab-*.js` (optional
// elements, uPlot), the worker, its lazy backend chunks, the wasm binaries), and the
// time from the script's request to the first
// `rnn-epoch` on a cold page (a fresh browser context: empty cache, no worker yet).
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BENCH = 'distribution';
const MAIN_BUNDLE = 'dist/cdn/rnn-lab.js';
const BUDGET_GZIP_BYTES = 60 * 1024;
/** Cold loads measured; the median is reported with every run. */
const REPEATS = 3;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value) => Math.round(value);

/** The files a browser may load: the CDN folder's (main bundle, worker, lazy backends, wasm), then the npm build's. */
function builtFiles() {
  const files = (dir) => readdirSync(dir).filter((f) => /\.(js|wasm)$/.test(f)).map((f) => `${dir}/${f}`).sort();
  return [...files('dist/cdn'), ...files('dist')];
}

function measureSizes(log) {
  for (const file of builtFiles()) {
    const bytes = readFileSync(file);
    const gzipBytes = gzipSync(bytes).length;
    const entry = { bench: BENCH, metric: 'size', file, bytes: bytes.length, gzipBytes };
    if (file === MAIN_BUNDLE) Object.assign(entry, { budgetGzipBytes: BUDGET_GZIP_BYTES, withinBudget: gzipBytes <= BUDGET_GZIP_BYTES });
    log(entry);
  }
}

async function coldFirstEpoch(browser, origin) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/test/bench/first-epoch.html`);
    return await page.evaluate(async () => {
      if (window.firstEpochAt === undefined) await new Promise((resolve) => addEventListener('rnn-epoch', resolve, { once: true }));
      const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/dist/cdn/rnn-lab.js'));
      return {
        fromScriptRequestMs: window.firstEpochAt - script.startTime,
        scriptLoadedMs: script.responseEnd - script.startTime,
        fromNavigationMs: window.firstEpochAt,
      };
    });
  } finally {
    await context.close();
  }
}

export async function run({ browser, origin, log }) {
  measureSizes(log);
  const runs = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await coldFirstEpoch(browser, origin));
  const pick = (key) => round(median(runs.map((r) => r[key])));
  log({
    bench: BENCH,
    metric: 'first-epoch',
    page: 'test/bench/first-epoch.html (cold)',
    medianFromScriptRequestMs: pick('fromScriptRequestMs'),
    medianScriptLoadedMs: pick('scriptLoadedMs'),
    medianFromNavigationMs: pick('fromNavigationMs'),
    runsFromScriptRequestMs: runs.map((r) => round(r.fromScriptRequestMs)),
  });
}
