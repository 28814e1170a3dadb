// Tests run in a real headless Chromium (Debian's, or CHROME_PATH), against the
// built dist/ for the elements and the worker, and against the sources for pure
// code and the engine. `npm test` builds first.
import commonjs from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS, findChrome } from './test/support/find-chrome.mjs';
import { changingFile } from './test/support/changing-file.mjs';
import { cspFromQuery, distributionPlugin } from './test/support/distribution-plugin.mjs';
import { framePlugin } from './test/support/frame-plugin.mjs';
import { compileCellMath } from './workers/engine/wasm/compile.mjs';

// The engine's sources import the compiled cell math (WebAssembly, built from source).
await compileCellMath();

/** The backends' single-file ES builds: hundreds of fewer requests than their per-module ones. */
const TFJS_FESM = {
  '@tensorflow/tfjs-backend-cpu': '/node_modules/@tensorflow/tfjs-backend-cpu/dist/tf-backend-cpu.fesm.js',
  '@tensorflow/tfjs-backend-webgl': '/node_modules/@tensorflow/tfjs-backend-webgl/dist/tf-backend-webgl.fesm.js',
};

function tfjsSingleFile() {
  return {
    name: 'tfjs-single-file',
    resolveImport: ({ source }) => TFJS_FESM[source],
  };
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['production'] },
  middleware: [cspFromQuery, changingFile],
  plugins: [
    distributionPlugin(),
    framePlugin(),
    tfjsSingleFile(),
    // tfjs imports two CommonJS packages.
    fromRollup(commonjs)({ include: ['**/node_modules/seedrandom/**', '**/node_modules/long/**', '**/node_modules/papaparse/**'], strictRequires: false }),
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
  ],
  browsers: [
    chromeLauncher({ launchOptions: { executablePath: findChrome(), headless: true, args: CHROME_ARGS } }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 120000 } },
  testsFinishTimeout: 20 * 60 * 1000,
  browserStartTimeout: 60000,
};
