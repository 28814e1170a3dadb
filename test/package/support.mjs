// Shared by the packager's tests (node --test, run by `npm test`): run the CLI, a
// scratch folder, and a headless Chromium (the same one the browser tests use).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from '../support/find-chrome.mjs';

export const REPO = resolve(new URL('../..', import.meta.url).pathname);
export const LESSON = join(REPO, 'test/package/fixtures/lesson/lesson.html');

/** Runs `rnn-lab ARGS` as a user would: a child process; its status and output. */
export function rnnLab(...args) {
  const result = spawnSync(process.execPath, [join(REPO, 'bin/rnn-lab.mjs'), ...args], { encoding: 'utf8', cwd: REPO });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A scratch folder, removed by the returned cleanup. */
export function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'rnn-lab-package-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `rnn-lab package LESSON FLAG OUT`, OUT being `name` in a new scratch folder; the test
 * fails unless the command succeeds. Returns the folder, OUT and what the command printed.
 */
export function packageLesson(flag, name) {
  const work = scratch();
  const out = join(work.dir, name);
  const result = rnnLab('package', LESSON, flag, out);
  assert.equal(result.status, 0, result.stderr);
  return { work, out, printed: result.stdout };
}

export const launchChromium = () => puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });

/** Collects the URL of every request `page` (and its frames and workers) makes. */
export function recordRequests(page) {
  const urls = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}
