// The framework apps of `npm run test:pack` (templates in test/pack/apps/): each is a
// Vite app made from its framework's official template settings (and one webpack 5 app).
// For each app:
// install (once: node_modules is cached in .pack-cache/, keyed by the app's
// package.json and rnn-lab's dependencies; the packed rnn-lab is unpacked over it on
// every run), type-check it with its framework's checker, including the lines that
// must be rejected, build it, and train in Chromium from the build (and from
// `vite dev` where `dev` is set): GRU on cpu, then on wasm, with no fallback.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { serve } from '../../demo/serve.mjs';

const HERE = new URL('.', import.meta.url).pathname;
const TEMPLATES = join(HERE, 'apps');

const README = join(HERE, '../../README.md');

/** The apps without a framework write the elements in their page: a trainer and its three charts. */
const ELEMENTS = `<rnn-trainer id="t" models="gru" seq-len="10" epochs="3" backend="cpu" controls="none" autostart></rnn-trainer>
    <loss-chart for="t" log></loss-chart>
    <prediction-chart for="t"></prediction-chart>
    <gate-chart for="t"></gate-chart>`;

/**
 * `page`: the app's index.html, as `indexHtml` takes it.
 * `check`: the type check, if any (a command in the app's node_modules/.bin, and its arguments).
 * `negative`: the file whose marked lines must be errors, when the checker has no
 * expect-error directive of its own (svelte-check); React's tsc and vue-tsc use theirs.
 * `readme`: README's examples under that heading, written into the app by language
 * (`[language, file]`, in order), so they are checked exactly as written; the Vue app's
 * vite.config.ts is README's.
 * `build`: the app's own build script (node), instead of `vite build`.
 * `dev`: also train under `vite dev`. `devFailure`: then, with the package's worker file
 * deleted, check that the error names the fix.
 */
export const APPS = {
  react: {
    page: { title: 'in React 19', body: '<div id="root"></div>', script: '/src/main.tsx' },
    check: ['tsc', '-p', 'tsconfig.json'], readme: ['### React 19', [['tsx', 'src/ReadmeExample.tsx']]], dev: true,
  },
  vue: {
    page: { title: 'in Vue 3', body: '<div id="app"></div>', script: '/src/main.ts' },
    check: ['vue-tsc', '-p', 'tsconfig.json'],
    readme: ['### Vue 3', [['ts', 'vite.config.ts'], ['vue', 'src/ReadmeExample.vue']]],
  },
  svelte: {
    page: { title: 'in Svelte 5', body: '<div id="app"></div>', script: '/src/main.ts' },
    check: ['svelte-check', '--tsconfig', './tsconfig.json', '--output', 'machine'],
    negative: 'src/Negative.svelte',
    readme: ['### Svelte 5', [['svelte', 'src/ReadmeExample.svelte']]],
  },
  vite6: {
    page: { title: 'with Vite 6, no configuration', body: ELEMENTS, script: '/src/main.ts' },
    check: ['tsc', '-p', 'tsconfig.json'], dev: true, devFailure: true,
  },
  // Plain JavaScript: no type check (no `check`); the probe goes in with its types stripped.
  // webpack's bundle is a classic script, and build.mjs copies the page into dist/.
  webpack: { page: { title: 'with webpack 5', body: ELEMENTS, script: './main.js', classic: true }, build: ['build.mjs'], javascript: true },
};

/**
 * Every app's index.html (written by `prepare`; check-pack's own app uses it too):
 * `title` after "rnn-lab", the `body` markup, then the script that starts the app,
 * a module unless `classic`.
 */
export function indexHtml({ title, body = '', script, classic = false }) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>rnn-lab ${title}</title>
  </head>
  <body>
    ${body}
    <script${classic ? '' : ' type="module"'} src="${script}"></script>
  </body>
</html>
`;
}

/** The code blocks of README's section `heading` (up to the next heading), in order, as `[language, code]`. */
function readmeBlocks(heading) {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no "${heading}"`);
  const section = text.slice(start + heading.length + 2).split(/\n#{2,3} /)[0];
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]]);
}

/** Writes README's examples for `name` into `app`. */
function writeReadmeExamples(name, app) {
  if (!APPS[name].readme) return;
  const [heading, files] = APPS[name].readme;
  const blocks = readmeBlocks(heading);
  for (const [language, file] of files) {
    const index = blocks.findIndex(([lang]) => lang === language);
    if (index < 0) throw new Error(`README's "${heading}" has no ${language} example`);
    writeFileSync(join(app, file), blocks.splice(index, 1)[0][1]);
  }
}

const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The app's folder in the cache, its dependencies installed; rnn-lab unpacked from `tarball`. */
export function prepare(name, { cache, tarball, rnnLabDependencies }) {
  const template = join(TEMPLATES, name);
  const manifest = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8'));
  // rnn-lab's own dependencies are installed with the app's, so unpacking it is enough.
  manifest.dependencies = { ...manifest.dependencies, ...rnnLabDependencies };
  const key = createHash('sha256').update(JSON.stringify(manifest)).digest('hex');
  const app = join(cache, name);
  if (!existsSync(join(app, '.key')) || readFileSync(join(app, '.key'), 'utf8') !== key) {
    rmSync(app, { recursive: true, force: true });
    mkdirSync(app, { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
    run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], app);
    writeFileSync(join(app, '.key'), key);
  }
  // The sources afresh; Vite's and TypeScript's caches would remember the last rnn-lab.
  for (const entry of readdirSync(app)) {
    if (!['node_modules', 'package.json', 'package-lock.json', '.key'].includes(entry)) rmSync(join(app, entry), { recursive: true });
  }
  for (const entry of readdirSync(template)) if (entry !== 'package.json') cpSync(join(template, entry), join(app, entry), { recursive: true });
  writeFileSync(join(app, 'index.html'), indexHtml(APPS[name].page));
  const probe = readFileSync(join(TEMPLATES, 'shared/probe.ts'), 'utf8');
  if (APPS[name].javascript) writeFileSync(join(app, 'src/probe.js'), transformSync(probe, { loader: 'ts' }).code);
  else writeFileSync(join(app, 'src/probe.ts'), probe);
  writeReadmeExamples(name, app);
  for (const stale of ['.vite', '.tmp', 'rnn-lab']) rmSync(join(app, 'node_modules', stale), { recursive: true, force: true });
  mkdirSync(join(app, 'node_modules/rnn-lab'));
  run('tar', ['-xzf', tarball, '-C', join(app, 'node_modules/rnn-lab'), '--strip-components=1'], app);
  return app;
}

/** Runs the app's type check: '' when it passes as expected, else what went wrong. */
export function typeCheck(name, app) {
  const [command, ...args] = APPS[name].check;
  let output = '';
  try {
    output = run(join(app, 'node_modules/.bin', command), args, app);
  } catch (error) {
    output = `${error.stdout}${error.stderr}`;
    if (!APPS[name].negative) return output || String(error);
  }
  if (!APPS[name].negative) return '';
  return unexpectedErrors(output, app, APPS[name].negative);
}

/** svelte-check's machine output against the lines of `negative` marked "expect-error". */
function unexpectedErrors(output, app, negative) {
  const errors = output.split('\n').filter((line) => / ERROR /.test(line));
  const marked = readFileSync(join(app, negative), 'utf8').split('\n')
    .flatMap((line, index) => (line.includes('expect-error:') ? [index + 1] : []));
  const at = (line) => errors.filter((e) => e.includes(`"${negative}" ${line}:`));
  const missed = marked.filter((line) => at(line).length === 0).map((line) => `${negative}:${line} was accepted`);
  const stray = errors.filter((e) => !marked.some((line) => e.includes(`"${negative}" ${line}:`)));
  return [...missed, ...stray].join('\n');
}

/** `vite build`, or the app's own build; returns the files it wrote under dist/. */
export function buildApp(name, app) {
  run(process.execPath, APPS[name].build ?? [join(app, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], app);
  return readdirSync(join(app, 'dist'), { recursive: true }).map(String);
}

/** Serves the build; resolves with its URL and a function that stops it. */
export async function serveBuild(app) {
  const server = await serve(0, '127.0.0.1', join(app, 'dist'));
  return { url: `http://127.0.0.1:${server.address().port}/index.html`, stop: () => server.close() };
}

/** Starts `vite dev` (no options besides the port); resolves with its URL and a function that stops it. */
export function viteDev(app) {
  const child = spawn(process.execPath, [join(app, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1', '--port', '0'], {
    cwd: app, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const onData = (data) => {
      log += data;
      // Vite prints "Local: http://127.0.0.1:PORT/" (with colour codes) once it listens.
      const match = log.replace(/\x1b\[[0-9;]*m/g, '').match(/Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve({ url: match[1], stop: () => child.kill() });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`vite dev exited (${code}): ${log}`)));
  });
}

/** Opens `url` and waits for the probe's window.packResult (or a page error). */
export async function train(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  // An uncaught error on the page (rnn-lab failing to load, say) ends the wait at once.
  const failed = new Promise((_, reject) => page.on('pageerror', (error) => {
    problems.push(String(error));
    reject(error);
  }));
  failed.catch(() => {});
  try {
    await page.goto(url);
    await Promise.race([page.waitForFunction(() => 'packResult' in window, { timeout: 180_000 }), failed]);
    return { ...(await page.evaluate(() => window.packResult)), problems };
  } catch (error) {
    return { error: String(error), problems };
  } finally {
    await page.close();
  }
}

/** Under `vite dev`, with node_modules/rnn-lab/dist/trainer.worker.js gone: the `worker` error, or null. */
export async function devWithoutWorker(browser, app) {
  rmSync(join(app, 'node_modules/rnn-lab/dist/trainer.worker.js'));
  const target = await viteDev(app);
  try {
    return (await train(browser, target.url)).error ?? null;
  } finally {
    target.stop();
  }
}

/** What a good result looks like: cpu then wasm, three epochs each, no fallback, charts bound. */
export function trainedOk(result) {
  const [cpu, wasm] = result.runs ?? [];
  return !result.error && result.runs.length === 2
    && cpu.backend === 'cpu' && wasm.backend === 'wasm'
    && result.runs.every((r) => r.epochs === 3 && !r.fellBack)
    && result.chartsBound?.every(Boolean) && result.registered === true;
}
