// Trains the models of a demo page in headless Chromium and saves a screenshot:
//   node demo/screenshot.mjs [page] [out.png] [width] [dark]
//   e.g. node demo/screenshot.mjs /demo/charts.html /tmp/charts.png 1000
// Serves the repository itself (build first), waits for every <rnn-trainer> to be done.
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from '../test/support/find-chrome.mjs';
import { serve } from './serve.mjs';

const [page = '/demo/charts.html', out = 'charts.png', width = '1000', scheme = 'light'] = process.argv.slice(2);
const server = await serve(0, '127.0.0.1');
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
try {
  const tab = await browser.newPage();
  await tab.setViewport({ width: Number(width), height: 900 });
  await tab.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await tab.goto(`http://127.0.0.1:${server.address().port}${page}`);
  await tab.waitForFunction(() => customElements.get('rnn-trainer'));
  await tab.evaluate(() => Promise.all([...document.querySelectorAll('rnn-trainer')].map((t) => t.start())));
  // Two frames: the charts draw the last epochs at the next animation frame.
  await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await tab.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
  server.close();
}
