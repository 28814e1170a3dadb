// `npm run test:pack` (also `check:pack`): proves the published package works for a
// user. It packs the package (npm pack; its prepack script builds dist/ first), checks
// that the tarball holds what users need, each file once, then
// - installs it into a scratch app with npm (its dependencies come from npm's cache or
//   the registry), checks that no @tensorflow package came with it, resolves every
//   entry of "exports" as Node does, runs `npx rnn-lab --help`, type-checks test/pack/app/main.ts against the
//   installed .d.ts (tsc --strict), bundles the app with esbuild, puts the worker
//   and the .wasm files next to the bundle (esbuild does not follow
//   `new URL(…, import.meta.url)`) and trains one <rnn-trainer> to rnn-done in Chromium;
// - runs the framework apps of test/pack/matrix.mjs (React 19, Vue 3, Svelte 5 on
//   Vite 8; plain TypeScript on Vite 6; React and Vite 6 under `vite dev` too; plain
//   JavaScript on webpack 5): type checks that must pass and lines that must fail,
//   the build, training on cpu and on wasm.
// `node test/pack/check-pack.mjs react vue` runs only those apps (`none`: no app);
// `--prebuilt` packs dist/ as it is instead of building it first.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { serve } from '../../demo/serve.mjs';
import { CHROME_ARGS, findChrome } from '../support/find-chrome.mjs';
import { APPS, buildApp, devWithoutWorker, indexHtml, prepare, serveBuild, train, trainedOk, typeCheck, viteDev } from './matrix.mjs';

const REPO = resolve(new URL('../..', import.meta.url).pathname);
const APP_SOURCES = join(REPO, 'test/pack/app');
/** What the tarball may hold: anything else is a mistake in package.json "files". */
const ALLOWED = [
  /^package\.json$/, /^README\.md$/, /^LICENSE$/, /^custom-elements\.json$/,
  /^dist\/(cdn\/)?(rnn-lab|trainer\.worker)\.js$/,
  /^dist\/cdn\/trainer-(wasm|webgl)-[\w-]+\.js$/,
  /^dist\/cdn\/rnn-lab-[\w-]+\.js$/,
  /^dist\/cdn\/tfjs-backend-wasm(-simd)?\.wasm$/,
  /^dist\/cdn\/(anywidget|scorm-runtime|embed)\.js$/,
  /^dist\/cdn\/embed\.html$/,
  /^bin\/(rnn-lab|lib\/[\w-]+)\.mjs$/,
  /^dist\/types\/.+\.d\.ts$/,
];
const REQUIRED = [
  'package.json', 'README.md', 'LICENSE', 'custom-elements.json', 'dist/rnn-lab.js', 'dist/trainer.worker.js',
  'dist/cdn/rnn-lab.js', 'dist/cdn/trainer.worker.js', 'dist/types/index.d.ts', 'dist/types/react.d.ts', 'dist/types/vue.d.ts', 'dist/types/svelte.d.ts',
  'dist/cdn/anywidget.js', 'dist/cdn/scorm-runtime.js', 'dist/cdn/embed.html', 'dist/cdn/embed.js', 'bin/rnn-lab.mjs',
];
/** Where the framework apps' node_modules are kept between runs (ignored by git). */
const CACHE = join(REPO, '.pack-cache');
const args = process.argv.slice(2);
/** `--prebuilt`: pack dist/ as it is, without the prepack build (CI runs this right after `npm test` built it). */
const prebuilt = args.includes('--prebuilt');
const only = args.filter((arg) => !arg.startsWith('--'));
const apps = Object.keys(APPS).filter((name) => only.length === 0 || only.includes(name));

const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
let failures = 0;
let passes = 0;
function check(name, ok, detail = '') {
  console.log(`${ok ? 'ok' : 'FAIL'} - ${name}${detail && !ok ? `\n  ${detail}` : ''}`);
  if (ok) passes++;
  else failures++;
}

const scratch = mkdtempSync(join(tmpdir(), 'rnn-lab-pack-'));
let server;
let browser;
try {
  const [packed] = JSON.parse(run('npm', ['pack', '--json', ...(prebuilt ? ['--ignore-scripts'] : []), '--pack-destination', scratch], REPO));
  const files = packed.files.map((f) => f.path);
  const stray = files.filter((f) => !ALLOWED.some((pattern) => pattern.test(f)));
  check('the tarball holds only what users need', stray.length === 0, `unexpected: ${stray.join(', ')}`);
  const missing = REQUIRED.filter((f) => !files.includes(f));
  check('the tarball holds the module, the worker, the CDN build, types and the manifest', missing.length === 0, `missing: ${missing.join(', ')}`);
  console.log(`# ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${files.length} files`);

  const app = join(scratch, 'app');
  cpSync(APP_SOURCES, app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', join(scratch, packed.filename)], app);
  check('installing rnn-lab installs no @tensorflow package (the worker bundles tfjs)', !existsSync(join(app, 'node_modules/@tensorflow')));
  const installed = join(app, 'node_modules/rnn-lab');
  const dangling = files.filter((f) => f.endsWith('.js')).filter((f) => {
    const map = readFileSync(join(installed, f), 'utf8').match(/\/\/# sourceMappingURL=(\S+)\s*$/)?.[1];
    return map && !existsSync(join(installed, f, '..', map));
  });
  check('no file names a source map the package does not hold', dangling.length === 0, dangling.join(', '));
  const byContent = new Map();
  for (const f of files) {
    const hash = createHash('sha256').update(readFileSync(join(installed, f))).digest('hex');
    byContent.set(hash, [...(byContent.get(hash) ?? []), f]);
  }
  const twice = [...byContent.values()].filter((group) => group.length > 1).map((group) => group.join(' = '));
  check('no file is in the package twice', twice.length === 0, twice.join('; '));

  const resolved = run(process.execPath, ['--input-type=module', '-e', `
    const pkg = (await import('rnn-lab/package.json', { with: { type: 'json' } })).default;
    const paths = ['rnn-lab', 'rnn-lab/react', 'rnn-lab/vue', 'rnn-lab/svelte', 'rnn-lab/cdn', 'rnn-lab/worker', 'rnn-lab/custom-elements.json'].map((s) => new URL(import.meta.resolve(s)).pathname);
    console.log(JSON.stringify({ paths, customElements: pkg.customElements }));`], app);
  const { paths, customElements } = JSON.parse(resolved);
  check('every export resolves to a file', paths.every((p) => existsSync(p)), paths.join(', '));
  check('package.json names custom-elements.json', customElements === 'custom-elements.json');
  const help = run('npx', ['--no-install', 'rnn-lab', '--help'], app);
  check('npx rnn-lab --help runs the installed command', help.includes('rnn-lab package LESSON.html --scorm OUT.zip'), help);

  let typeErrors = '';
  try {
    run(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'es2022',
      '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom,dom.iterable', 'main.ts'], app);
  } catch (error) {
    typeErrors = String(error.stdout);
  }
  check('the app type-checks against the installed types', typeErrors === '', typeErrors);

  const publicDir = join(app, 'public');
  await build({ entryPoints: [join(app, 'main.ts')], bundle: true, format: 'esm', outfile: join(publicDir, 'main.js'), logLevel: 'error', absWorkingDir: app });
  writeFileSync(join(publicDir, 'index.html'), indexHtml({ title: 'pack check', script: './main.js' }));
  // What a bundler's asset step would do: the worker beside the bundle, the .wasm files in cdn/.
  cpSync(join(installed, 'dist/trainer.worker.js'), join(publicDir, 'trainer.worker.js'));
  for (const file of readdirSync(join(installed, 'dist/cdn')).filter((f) => f.endsWith('.wasm'))) {
    cpSync(join(installed, 'dist/cdn', file), join(publicDir, 'cdn', file));
  }

  server = await serve(0, '127.0.0.1', publicDir);
  browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  const outcome = await page.evaluate(() => window.appResult);
  check('the bundled app trains to rnn-done in Chromium', outcome?.state === 'done' && outcome.epochs === 3 && outcome.registered, JSON.stringify(outcome));

  const rnnLabDependencies = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).dependencies;
  for (const name of apps) {
    const started = Date.now();
    const appDir = prepare(name, { cache: CACHE, tarball: join(scratch, packed.filename), rnnLabDependencies });
    if (APPS[name].check) {
      const typeProblems = typeCheck(name, appDir);
      check(`${name}: type-checks (and each line marked to fail, fails)`, typeProblems === '', typeProblems);
    }
    const built = buildApp(name, appDir);
    const wasm = built.filter((f) => f.endsWith('.wasm'));
    check(`${name}: the build emits both .wasm files`, wasm.length === 2, built.join(', '));
    const targets = { build: serveBuild, ...(APPS[name].dev ? { 'vite dev': viteDev } : {}) };
    for (const [how, start] of Object.entries(targets)) {
      const target = await start(appDir);
      try {
        const result = await train(browser, target.url);
        check(`${name}: trains on cpu, then on wasm, from ${how}`, trainedOk(result), JSON.stringify(result));
      } finally {
        target.stop();
      }
    }
    if (APPS[name].devFailure) {
      const error = await devWithoutWorker(browser, appDir);
      const fix = "optimizeDeps: { exclude: ['rnn-lab'] }";
      check(`${name}: under vite dev, a worker that cannot load is a worker error that names the fix`,
        error?.code === 'worker' && error.message.includes(fix), JSON.stringify(error));
    }
    console.log(`# ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
} finally {
  await browser?.close();
  server?.close();
  rmSync(scratch, { recursive: true, force: true });
}
// The closing line in the plain form CI logs read: `pack: N passed, N failed`.
console.log(`pack: ${passes} passed, ${failures} failed`);
process.exitCode = failures === 0 ? 0 : 1;
