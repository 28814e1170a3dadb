// Builds (DESIGN §3):
//   dist/rnn-lab.js           ES module for npm users (lit, comlink, uplot stay imports)
//   dist/trainer.worker.js    the training worker, self-contained (tfjs bundled), + lazy backend chunks
//   dist/cdn/rnn-lab.js       one file for <script type="module"> on any origin, everything bundled
//   dist/cdn/embed.html       a page configured by its URL fragment (+ embed.js, its script)
//   dist/cdn/trainer.worker.js  the same worker, next to it
//   dist/cdn/anywidget.js     rnn-lab as an anywidget module, the worker's source inside (built last)
//   dist/cdn/scorm-runtime.js what `rnn-lab package --scorm` adds to a lesson to report to the LMS
// The .wasm files of the wasm backend are copied next to each worker. The backends other
// than the CPU one are lazy chunks (trainer-wasm-*.js, trainer-webgl-*.js), loaded only when chosen.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { compileCellMath } from './workers/engine/wasm/compile.mjs';

// The worker imports the compiled cell math (WebAssembly, built from source).
await compileCellMath();

const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];

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

/** Names each lazy chunk after the backend it holds. */
function chunkFileName(chunk) {
  const backend = ['wasm', 'webgl'].find((name) => chunk.moduleIds.some((id) => id.includes(`tfjs-backend-${name}`)));
  return `trainer-${backend ?? chunk.name}-[hash].js`;
}

/** Emits the wasm backend's binaries as assets of the worker build. */
function wasmBinaries() {
  return {
    name: 'rnn-lab-wasm-binaries',
    generateBundle() {
      for (const fileName of WASM_FILES) {
        const source = readFileSync(`node_modules/@tensorflow/tfjs-backend-wasm/dist/${fileName}`);
        this.emitFile({ type: 'asset', fileName, source });
      }
    },
  };
}

/** Writes the bundle's files to `dir` too: the CDN folder gets the same worker, built once. */
function copyTo(dir) {
  return {
    name: 'rnn-lab-copy-to',
    writeBundle(options, bundle) {
      mkdirSync(dir, { recursive: true });
      for (const fileName of Object.keys(bundle)) copyFileSync(`${options.dir}/${fileName}`, `${dir}/${fileName}`);
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

/** dist/cdn/embed.html: the page configured by its URL fragment, beside the script it loads. */
function embedPage() {
  return {
    name: 'rnn-lab-embed-page',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'embed.html', source: readFileSync('src/embed/embed.html', 'utf8') });
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

const ts = (outDir) => typescript({ tsconfig: './tsconfig.json', outDir, declaration: false, declarationMap: false });
const minify = terser({ format: { comments: false }, ecma: 2020 });
// uPlot's CSS is not external: the charts put it, as text, into their shadow roots.
const external = [/^lit($|\/)/, /^@lit\//, 'comlink', 'uplot', /^uplot\/(?!.*\.css$)/];
const silence = (warning, warn) => {
  // tfjs's ES modules use `this` at top level and have circular imports: harmless.
  if (['THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY'].includes(warning.code)) return;
  warn(warning);
};

export default [
  {
    input: { 'rnn-lab': 'src/index.ts' },
    external,
    plugins: [cssText(), ts('dist'), nodeResolve({ browser: true })],
    output: { dir: 'dist', format: 'es', sourcemap: true },
    onwarn: silence,
  },
  {
    // embed.js (embed.html's script) imports rnn-lab.js rather than holding a second copy.
    input: { 'rnn-lab': 'src/index.ts', embed: 'src/embed/embed-page.ts' },
    // Lets rnn-lab.js hold the modules both share (with extra exports) instead of a third chunk.
    preserveEntrySignatures: 'allow-extension',
    plugins: [cssText(), ts('dist/cdn'), nodeResolve({ browser: true }), minify, embedPage()],
    output: { dir: 'dist/cdn', format: 'es', sourcemap: true },
    onwarn: silence,
  },
  {
    input: { 'trainer.worker': 'workers/trainer.worker.ts' },
    plugins: [singleThreadedWasm(), ts('dist'), nodeResolve({ browser: true }), commonjs(), minify, wasmBinaries(), copyTo('dist/cdn')],
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: chunkFileName },
    onwarn: silence,
  },
  {
    input: { anywidget: 'src/cdn/anywidget.ts', 'scorm-runtime': 'src/cdn/scorm-runtime.ts' },
    plugins: [cssText(), workerSource(), ts('dist/cdn'), nodeResolve({ browser: true }), minify],
    output: { dir: 'dist/cdn', format: 'es', sourcemap: true },
    onwarn: silence,
  },
];
