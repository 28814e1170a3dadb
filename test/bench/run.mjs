// `npm run bench`: starts the demo's static server on a free port and a headless
// Chromium, then runs every case module in test/bench/cases/ in turn. A case
// exports `async function run({ browser, origin, log })` and calls `log(obj)` once
// per measurement: one JSON line on stdout. Arguments filter cases by file name
// (`node test/bench/run.mjs engine`). Speeds are printed, never asserted.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { serve } from '../../demo/serve.mjs';
import { CHROME_ARGS, findChrome } from '../support/find-chrome.mjs';

const CASES = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const only = process.argv.slice(2);
const files = readdirSync(CASES)
  .filter((name) => name.endsWith('.mjs'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();

const server = await serve(0, '127.0.0.1');
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
const log = (obj) => console.log(JSON.stringify(obj));
try {
  for (const name of files) {
    const { run } = await import(pathToFileURL(join(CASES, name)).href);
    try {
      await run({ browser, origin, log });
    } catch (error) {
      log({ bench: name.replace(/\.mjs$/, ''), error: String(error?.stack ?? error) });
      process.exitCode = 1;
    }
  }
} finally {
  await browser.close();
  server.close();
}
