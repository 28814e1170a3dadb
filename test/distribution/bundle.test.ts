import { expect } from '@open-wc/testing';
// @ts-expect-error a virtual module of test/support/distribution-plugin.mjs
import { builtScripts, cdnOrigin } from '/__rnn-lab/distribution.js';

/** The main-thread bundle: elements, lit, comlink and uPlot in one file. */
const MAIN_BUNDLE = '/dist/cdn/rnn-lab.js';
const NPM_MODULE = '/dist/rnn-lab.js';
const WORKER = '/dist/cdn/trainer.worker.js';
/** The npm build's worker: one file, for bundlers. */
const NPM_WORKER = '/dist/trainer.worker.js';
/**
 * What one <script> costs a page before anything renders: the trainer with its loss and
 * prediction charts, lit, comlink, both languages' strings, the embed and permalink code.
 * The gate and gradient charts, the unrolled diagram and uPlot are lazy chunks beside it
 * (dist/cdn/rnn-lab-*.js), fetched when an element needs them.
 */
const BUDGET_GZIP_BYTES = 60 * 1024;

/**
 * Strings that survive minification, one per part of tfjs: each is checked to be in
 * the worker build, so a marker that stops matching fails here instead of passing silently.
 */
const TFJS_MARKERS = {
  core: 'tfjsflags',
  cpu: 'The reported memory is an upper bound',
  wasm: 'WASM_HAS_SIMD_SUPPORT',
  webgl: 'WEBGL_VERSION',
} as const;

const UPLOT_MARKER = 'rangeAsinh';

/** `eval` or the Function constructor used as code, not as a word inside a longer name. */
const DYNAMIC_CODE = /(?<![\w$.])eval(?![\w$])|(?<![\w$.])Function\s*\(/;

// Read from the plain static server: the test runner's own server rewrites the scripts it serves.
const text = async (path: string) => (await fetch(cdnOrigin + path)).text();

async function gzipSize(path: string): Promise<number> {
  const body = (await fetch(cdnOrigin + path)).body!.pipeThrough(new CompressionStream('gzip'));
  return (await new Response(body).arrayBuffer()).byteLength;
}

/** The files `worker` loads with `import("./…")`, by the backend in their name. */
function lazyChunks(worker: string): Record<string, string> {
  const names = [...worker.matchAll(/import\("\.\/(trainer-[\w-]+\.js)"\)/g)].map((m) => m[1]);
  return Object.fromEntries(names.map((name) => [name.split('-')[1], `/dist/cdn/${name}`]));
}

describe('the built files', () => {
  it('keep the main-thread bundle at most 60 KB gzipped', async () => {
    const size = await gzipSize(MAIN_BUNDLE);
    expect(size, `${MAIN_BUNDLE}: ${size} bytes gzipped`).to.be.at.most(BUDGET_GZIP_BYTES);
  });

  it('leave the optional elements and uPlot to lazy chunks that the main-thread bundle imports from beside itself', async () => {
    const main = await text(MAIN_BUNDLE);
    const chunks = [...main.matchAll(/import\("\.\/(rnn-lab-[\w-]+\.js)"\)/g)].map((m) => m[1]);
    const named = (prefix: string) => chunks.filter((name) => name.startsWith(`rnn-lab-${prefix}-`));
    for (const prefix of ['gate-chart', 'gradient-chart', 'unroll-diagram', 'uplot']) expect(named(prefix), prefix).to.have.length(1);
    // A static property of uPlot's class, a name minifiers keep.
    expect(main).not.to.contain(UPLOT_MARKER);
    expect(await text(`/dist/cdn/${named('uplot')[0]}`)).to.contain(UPLOT_MARKER);
  });

  it('ask V8 to compile the page bundles and their chunks as they stream in', async () => {
    const main = await text(MAIN_BUNDLE);
    const chunks = [...main.matchAll(/import\("\.\/(rnn-lab-[\w-]+\.js)"\)/g)].map((m) => `/dist/cdn/${m[1]}`);
    for (const path of [MAIN_BUNDLE, ...chunks, '/dist/cdn/anywidget.js']) {
      // V8 looks for the hint at the top of the file (a minified file is one long line: compare its start only).
      expect((await text(path)).startsWith('//# allFunctionsCalledOnLoad\n'), `${path} opens with the hint`).to.equal(true);
    }
  });

  it('keep tfjs out of the main-thread bundle and the npm module', async () => {
    const worker = await text(WORKER);
    expect(worker).to.contain(TFJS_MARKERS.core).and.contain(TFJS_MARKERS.cpu);
    for (const path of [MAIN_BUNDLE, NPM_MODULE]) {
      const code = await text(path);
      for (const marker of Object.values(TFJS_MARKERS)) expect(code, `${path} holds "${marker}"`).not.to.contain(marker);
      expect(code).not.to.match(/from\s*["']@tensorflow\//);
    }
  });

  it('load only tfjs core and the CPU backend in the worker; wasm and webgl come in lazy chunks', async () => {
    const worker = await text(WORKER);
    expect(worker, 'the worker has no static import').not.to.match(/^import\s|[;}]import\s*[{*\w]/m);
    expect(worker).not.to.contain(TFJS_MARKERS.wasm);
    expect(worker).not.to.contain(TFJS_MARKERS.webgl);
    const chunks = lazyChunks(worker);
    expect(Object.keys(chunks).sort()).to.deep.equal(['wasm', 'webgl']);
    expect(await text(chunks.wasm)).to.contain(TFJS_MARKERS.wasm).and.not.contain(TFJS_MARKERS.webgl);
    expect(await text(chunks.webgl)).to.contain(TFJS_MARKERS.webgl).and.not.contain(TFJS_MARKERS.wasm);
  });

  it("give the npm build one worker file with every backend, and literal URLs bundlers follow", async () => {
    // Vite 6 and 7 bundle a worker as one file (format iife) and fail on a worker that splits.
    const worker = await text(NPM_WORKER);
    expect(/^import\s|[;}]import\s*[{*\w]/m.test(worker), 'a static import').to.equal(false);
    expect(/\bimport\(\s*["'`]/.test(worker), 'a dynamic import of a chunk').to.equal(false);
    for (const marker of Object.values(TFJS_MARKERS)) expect(worker).to.contain(marker);
    for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
      expect(worker).to.contain(`new URL("./cdn/${file}",import.meta.url)`);
    }
    expect(await text(NPM_MODULE)).to.contain("new Worker(new URL('./trainer.worker.js', import.meta.url), { type: 'module' })");
  });

  it('contain no eval and no new Function', async () => {
    expect('x=(0,eval)(s)').to.match(DYNAMIC_CODE);
    expect('f=new Function("a","return a")').to.match(DYNAMIC_CODE);
    expect('this.evaluateFlag(e);isFunction(x)').not.to.match(DYNAMIC_CODE);
    const scripts = builtScripts as string[];
    expect(scripts).to.include.members([MAIN_BUNDLE, NPM_MODULE, WORKER, NPM_WORKER]);
    for (const path of scripts) {
      const match = (await text(path)).match(DYNAMIC_CODE);
      expect(match && `${path}: …${match.input!.slice(match.index! - 60, match.index! + 40)}…`).to.equal(null);
    }
  });
});
