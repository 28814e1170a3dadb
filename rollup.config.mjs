// Builds, each file once:
//   dist/rnn-lab.js              ES module for npm users (lit, comlink, uplot stay imports), one file
//   dist/trainer.worker.js       its worker: one self-contained file (tfjs and every backend), as
//                                bundlers need: Vite 6 and 7 bundle workers as iife, with no chunks
//   dist/cdn/rnn-lab.js          the file for <script type="module"> on any origin, everything bundled;
//   dist/cdn/rnn-lab-*.js        its lazy chunks, imported from beside it on first use: the gate and
//                                gradient charts, the unrolled diagram, and uPlot (the first plot)
//   dist/cdn/trainer.worker.js   its worker: tfjs core and the CPU backend, with the optional
//   dist/cdn/trainer-{wasm,webgl}-*.js  backends as lazy chunks, so a page loads only what it uses
//   dist/cdn/tfjs-backend-wasm*.wasm    the wasm backend's binaries, for both workers
//   dist/cdn/embed.html + embed.js      a page configured by its URL fragment (embed.js imports rnn-lab.js)
//   dist/cdn/anywidget.js        rnn-lab as an anywidget module, the CDN worker's source inside, one
//                                file with no chunks (built last; `rnn-lab package --single` uses it too)
//   dist/cdn/scorm-runtime.js    what `rnn-lab package --scorm` adds to a lesson to report to the LMS
// Each main module starts the worker beside it with `new Worker(new URL('./trainer.worker.js',
// import.meta.url), { type: 'module' })`, written out so that bundlers find it.
// To add a file: a main-thread entry is one line in NPM_ENTRIES or CDN_ENTRIES; a copied
// file is one line in ASSETS (names relative to dist/cdn/).
import { readFileSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { compileCellMath } from './workers/engine/wasm/compile.mjs';

// The worker imports the compiled cell math (WebAssembly, built from source).
await compileCellMath();

/** Main-thread entries: output name (without .js) -> source. */
const NPM_ENTRIES = { 'rnn-lab': 'src/index.ts' };
const CDN_ENTRIES = { 'rnn-lab': 'src/cdn/rnn-lab.ts', embed: 'src/embed/embed-page.ts' };
/** Files copied into dist/cdn/ as they are: [name in dist/cdn/, source]. */
const ASSETS = [
  // The wasm backend's binaries: each worker loads each with `new URL('./x.wasm', import.meta.url)`.
  ['tfjs-backend-wasm.wasm', 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'],
  ['tfjs-backend-wasm-simd.wasm', 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'],
  ['embed.html', 'src/embed/embed.html'],
];

/**
 * The wasm backend without its multi-threaded build. Threads need a cross-origin
 * isolated page, start their own workers from a blob of the glue's source (which CSP
 * and Trusted Types refuse) and carry an `eval` for Node; at H <= 256 and batch 1 they
 * would not help. The stub's one statement makes the backend choose the single-threaded
 * (SIMD when available) binary even on an isolated page.
 */
const THREADED_STUBS = {
  'tfjs-backend-wasm-threaded-simd.worker.js': "export const wasmWorkerContents = '';",
  'tfjs-backend-wasm-threaded-simd.js': [
    "import { env } from '@tensorflow/tfjs-core';",
    "env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);",
    "export default function () { throw new Error('rnn-lab ships the single-threaded wasm backend'); }",
  ].join('\n'),
};

function singleThreadedWasm() {
  const prefix = '\0rnn-lab-stub:';
  return {
    name: 'rnn-lab-single-threaded-wasm',
    resolveId(source, importer) {
      const file = source.split('/').pop();
      if (!importer?.includes('tfjs-backend-wasm') || !(file in THREADED_STUBS)) return null;
      return prefix + file;
    },
    load(id) {
      return id.startsWith(prefix) ? THREADED_STUBS[id.slice(prefix.length)] : null;
    },
  };
}

/**
 * The wasm backend's Emscripten glue reads `__filename` when it exists, for Node; in a
 * browser it never does. Folding that test away leaves no free `__filename`, which
 * webpack 5 would otherwise leave in an ES module and the worker would throw on.
 */
function noNodeFilename() {
  return {
    name: 'rnn-lab-no-node-filename',
    transform(code, id) {
      if (!id.includes('tfjs-backend-wasm') || !code.includes('typeof __filename')) return null;
      return { code: code.replaceAll('typeof __filename', "'undefined'"), map: null };
    },
  };
}

/** Names each lazy chunk after the backend it holds. */
function chunkFileName(chunk) {
  const backend = ['wasm', 'webgl'].find((name) => chunk.moduleIds.some((id) => id.includes(`tfjs-backend-${name}`)));
  return `trainer-${backend ?? chunk.name}-[hash].js`;
}

/** The npm worker, in dist/, finds the .wasm files in dist/cdn/. */
function wasmFromCdnFolder() {
  return {
    name: 'rnn-lab-wasm-from-cdn-folder',
    transform(code, id) {
      if (!id.endsWith('engine/backends.ts')) return null;
      const rewritten = code.replaceAll("new URL('./tfjs-backend-wasm", "new URL('./cdn/tfjs-backend-wasm");
      if (rewritten === code) this.error('backends.ts no longer loads ./tfjs-backend-wasm*.wasm');
      return { code: rewritten, map: null };
    },
  };
}

/** Copies files into the bundle's folder (`[fileName, source path]`). */
function assets(list) {
  return {
    name: 'rnn-lab-assets',
    generateBundle() {
      for (const [fileName, path] of list) this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
    },
  };
}

/** `import text from './x.css'` gives the file's text (uPlot's CSS goes inside shadow roots). */
function cssText() {
  return {
    name: 'rnn-lab-css-text',
    transform(code, id) {
      if (!id.endsWith('.css')) return null;
      return { code: `export default ${JSON.stringify(code)};`, map: { mappings: '' } };
    },
  };
}

/** `import source from 'rnn-lab:worker-source'`: the CDN worker's text, built by the config before. */
function workerSource() {
  const id = 'rnn-lab:worker-source';
  return {
    name: 'rnn-lab-worker-source',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      return `export default ${JSON.stringify(readFileSync('dist/cdn/trainer.worker.js', 'utf8'))};`;
    },
  };
}

const ts = (outDir) => typescript({ tsconfig: './tsconfig.json', outDir, declaration: false, declarationMap: false, sourceMap: false });
const minify = terser({ format: { comments: false }, ecma: 2020 });
/**
 * The page's bundles also ask V8 to compile every function as the file streams in, off
 * the main thread (an explicit compile hint, https://v8.dev/blog/explicit-compile-hints).
 * Left lazy, a function is compiled on the main thread at its first call: the first draw
 * of a chart with data calls most of uPlot for the first time, and at 4x CPU throttling
 * was a task of 80 to 110 ms; compiled ahead, 15 to 60 ms. Browsers without the hint
 * read a comment.
 */
const minifyForPage = terser({ format: { comments: false, preamble: '//# allFunctionsCalledOnLoad' }, ecma: 2020 });
// uPlot's CSS is not external: the charts put it, as text, into their shadow roots.
const external = [/^lit($|\/)/, /^@lit\//, 'comlink', 'uplot', /^uplot\/(?!.*\.css$)/];
const silence = (warning, warn) => {
  // tfjs's ES modules use `this` at top level and have circular imports: harmless.
  if (['THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY'].includes(warning.code)) return;
  warn(warning);
};

const workerPlugins = (dir) => [singleThreadedWasm(), noNodeFilename(), ts(dir), nodeResolve({ browser: true }), commonjs(), minify];

// No source maps: the npm module is readable as it is, and a map the package does not
// hold would make every dev server report a missing file.
export default [
  {
    input: NPM_ENTRIES,
    external,
    plugins: [cssText(), ts('dist'), nodeResolve({ browser: true })],
    // One file: an app's bundler splits the Chinese texts off again if it likes.
    output: { dir: 'dist', format: 'es', inlineDynamicImports: true },
    onwarn: silence,
  },
  {
    input: CDN_ENTRIES,
    // Lets rnn-lab.js hold the modules embed.js shares with it (with extra exports) instead of a third chunk.
    preserveEntrySignatures: 'allow-extension',
    plugins: [cssText(), ts('dist/cdn'), nodeResolve({ browser: true }), minifyForPage],
    // The lazy chunks are named so that `rnn-lab package --scorm` (bin/lib/library.mjs) finds them.
    output: { dir: 'dist/cdn', format: 'es', chunkFileNames: (chunk) => `rnn-lab-${chunk.name.replace(/\.esm$/, '').toLowerCase()}-[hash].js` },
    onwarn: silence,
  },
  {
    input: { 'trainer.worker': 'workers/trainer.worker.ts' },
    plugins: [wasmFromCdnFolder(), ...workerPlugins('dist')],
    output: { dir: 'dist', format: 'es', inlineDynamicImports: true },
    onwarn: silence,
  },
  {
    input: { 'trainer.worker': 'workers/trainer.worker.ts' },
    plugins: [...workerPlugins('dist/cdn'), assets(ASSETS)],
    output: { dir: 'dist/cdn', format: 'es', chunkFileNames: chunkFileName },
    onwarn: silence,
  },
  {
    input: { anywidget: 'src/cdn/anywidget.ts' },
    plugins: [cssText(), workerSource(), ts('dist/cdn'), nodeResolve({ browser: true }), minifyForPage],
    // Self-contained: hosts copy this one file, without the chunks beside it.
    output: { dir: 'dist/cdn', format: 'es', inlineDynamicImports: true },
    onwarn: silence,
  },
  {
    input: { 'scorm-runtime': 'src/cdn/scorm-runtime.ts' },
    plugins: [ts('dist/cdn'), nodeResolve({ browser: true }), minify],
    output: { dir: 'dist/cdn', format: 'es' },
    onwarn: silence,
  },
];
