// The command line: its help, and a clear message with a non-zero status for bad input.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LESSON, REPO, rnnLab, scratch } from './support.mjs';

let work;
before(() => {
  work = scratch();
});
after(() => work.remove());

/** Runs the command, expects it to fail, and returns its one-line message. */
function fails(...args) {
  const result = rnnLab(...args);
  assert.equal(result.status, 1, `exit status of rnn-lab ${args.join(' ')}: ${result.stdout}`);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^rnn-lab: .+\n$/, 'one line, no stack trace');
  return result.stderr;
}

test('--help documents the package command and its options', () => {
  const result = rnnLab('--help');
  assert.equal(result.status, 0);
  for (const text of ['rnn-lab package LESSON.html --scorm OUT.zip', '--single OUT.html', '--backends']) {
    assert.ok(result.stdout.includes(text), text);
  }
});

test('a page that loads rnn-lab from a local path gets the packaged copy', () => {
  const page = join(work.dir, 'local.html');
  writeFileSync(page, '<script type="module" src="../node_modules/rnn-lab/dist/cdn/rnn-lab.js"></script><rnn-trainer></rnn-trainer>');
  const zip = join(work.dir, 'local.zip');
  assert.equal(rnnLab('package', page, '--scorm', zip, '--backends', 'cpu').status, 0);
  const files = unzipSync(readFileSync(zip));
  assert.match(new TextDecoder().decode(files['local.html']), /^<script type="module" src="rnn-lab\/rnn-lab\.js"><\/script>\n<script type="module" src="rnn-lab\/scorm-runtime\.js"><\/script><rnn-trainer>/);
  // rnn-lab.js with its lazy chunks (the optional elements, uPlot), whatever the page uses: its script may add any.
  const chunks = readdirSync(join(REPO, 'dist/cdn')).filter((name) => /^rnn-lab-[\w-]+\.js$/.test(name));
  assert.ok(chunks.some((name) => name.startsWith('rnn-lab-gate-chart-')), chunks.join());
  assert.deepEqual(Object.keys(files).filter((path) => path.startsWith('rnn-lab/')).sort(),
    ['rnn-lab/rnn-lab.js', 'rnn-lab/scorm-runtime.js', 'rnn-lab/trainer.worker.js', ...chunks.map((name) => `rnn-lab/${name}`)].sort());
});

test('a lesson that does not exist', () => {
  assert.match(fails('package', join(work.dir, 'nope.html'), '--scorm', join(work.dir, 'a.zip')), /nope\.html does not exist/);
});

test('a page that does not load rnn-lab', () => {
  const page = join(work.dir, 'plain.html');
  writeFileSync(page, '<!doctype html><title>x</title><script type="module" src="app.js"></script><rnn-trainer></rnn-trainer>');
  writeFileSync(join(work.dir, 'app.js'), '');
  assert.match(fails('package', page, '--single', join(work.dir, 'a.html')), /does not load rnn-lab/);
});

test('a referenced file that does not exist', () => {
  const page = join(work.dir, 'missing.html');
  writeFileSync(page, '<script type="module" src="https://unpkg.com/rnn-lab/dist/cdn/rnn-lab.js"></script>\n'
    + '<rnn-trainer src="data/gone.csv"></rnn-trainer>');
  const message = fails('package', page, '--scorm', join(work.dir, 'a.zip'));
  assert.match(message, /references "data\/gone\.csv", but .*gone\.csv does not exist/);
});

test('an output that cannot be written', () => {
  assert.match(fails('package', LESSON, '--scorm', join(work.dir, 'no/such/folder/a.zip')), /cannot write .*a\.zip: its folder does not exist/);
  // A folder where the file should be: refused even to root, who may write anywhere else.
  assert.match(fails('package', LESSON, '--single', work.dir), /cannot write .*: EISDIR/);
});

test('usage mistakes', () => {
  assert.match(fails('package', LESSON), /exactly one of --scorm OUT\.zip or --single OUT\.html/);
  assert.match(fails('package', LESSON, '--scorm'), /--scorm/);
  assert.match(fails('package', LESSON, '--single', 'x.html', '--backends', 'wasm'), /CPU backend only/);
  assert.match(fails('package', LESSON, '--scorm', 'x.zip', '--backends', 'tpu'), /unknown backend tpu/);
  assert.match(fails('publish'), /unknown command "publish"/);
});
