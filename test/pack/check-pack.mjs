// `npm run check:pack`: proves the published package works for a user. It packs the
// package (npm pack; its prepack script builds dist/ first), checks that the tarball
// holds what users need and nothing else, installs it into a scratch app (npm install
// of the tarball: its dependencies come from npm's cache or the registry, so this is
// not part of `npm test`), then
// - resolves every entry of "exports" from the app, as Node does, and runs `npx rnn-lab --help`;
// - type-checks test/pack/app/main.ts against the installed .d.ts (tsc --strict);
// - bundles the app with esbuild (lit, comlink and uplot resolved from the app's
//   node_modules), puts the package's worker files next to the bundle, as a bundler's
//   asset step does, and trains one <rnn-trainer> to rnn-done in Chromium.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { serve } from '../../demo/serve.mjs';
import { CHROME_ARGS, findChrome } from '../support/find-chrome.mjs';

const REPO = resolve(new URL('../..', import.meta.url).pathname);
const APP_SOURCES = join(REPO, 'test/pack/app');
/** What the tarball may hold: anything else is a mistake in package.json "files". */
const ALLOWED = [
  /^package\.json$/, /^README\.md$/, /^LICENSE$/, /^custom-elements\.json$/,
  /^dist\/(cdn\/)?(rnn-lab|trainer\.worker|trainer-(wasm|webgl)-[\w-]+)\.js$/,
  /^dist\/(cdn\/)?tfjs-backend-wasm(-simd)?\.wasm$/,
  /^dist\/cdn\/(anywidget|scorm-runtime)\.js$/,
  /^bin\/(rnn-lab|lib\/[\w-]+)\.mjs$/,
  /^dist\/types\/.+\.d\.ts$/,
];
const REQUIRED = [
  'package.json', 'README.md', 'LICENSE', 'custom-elements.json', 'dist/rnn-lab.js', 'dist/trainer.worker.js',
  'dist/cdn/rnn-lab.js', 'dist/cdn/trainer.worker.js', 'dist/types/index.d.ts',
  'dist/cdn/anywidget.js', 'dist/cdn/scorm-runtime.js', 'bin/rnn-lab.mjs',
];

const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
let failures = 0;
function check(name, ok, detail = '') {
  console.log(`${ok ? 'ok' : 'FAIL'} - ${name}${detail && !ok ? `\n  ${detail}` : ''}`);
  if (!ok) failures++;
}

const scratch = mkdtempSync(join(tmpdir(), 'rnn-lab-pack-'));
let server;
let browser;
try {
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], REPO));
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

  const resolved = run(process.execPath, ['--input-type=module', '-e', `
    const pkg = (await import('rnn-lab/package.json', { with: { type: 'json' } })).default;
    const paths = ['rnn-lab', 'rnn-lab/cdn', 'rnn-lab/custom-elements.json'].map((s) => new URL(import.meta.resolve(s)).pathname);
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
  cpSync(join(app, 'index.html'), join(publicDir, 'index.html'));
  const dist = join(app, 'node_modules/rnn-lab/dist');
  for (const file of readdirSync(dist).filter((f) => /^trainer.*\.js$|\.wasm$/.test(f))) cpSync(join(dist, file), join(publicDir, file));

  server = await serve(0, '127.0.0.1', publicDir);
  browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  const outcome = await page.evaluate(() => window.appResult);
  check('the bundled app trains to rnn-done in Chromium', outcome?.state === 'done' && outcome.epochs === 3 && outcome.registered, JSON.stringify(outcome));
} finally {
  await browser?.close();
  server?.close();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(failures === 0 ? 'pack check: all passed' : `pack check: ${failures} failed`);
process.exitCode = failures === 0 ? 0 : 1;
