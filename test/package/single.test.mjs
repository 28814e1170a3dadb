// The single offline file: `rnn-lab package --single`, opened from file:// in
// Chromium, trains both trainers of the lesson with no request but its own file.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { REPO, launchChromium, packageLesson, recordRequests } from './support.mjs';

let lesson;
let browser;

before(async () => {
  lesson = packageLesson('--single', 'lesson.html');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  lesson?.work.remove();
});

test('prints the size of the file it wrote', () => {
  const kib = Math.round(statSync(lesson.out).size / 1024);
  assert.match(lesson.printed, new RegExp(`\\(${kib} KiB\\)`));
});

test('carries the CPU backend only, and no reference to another file', () => {
  const html = readFileSync(lesson.out, 'utf8');
  // rnn-lab with its worker inside (anywidget.js: no lazy chunks), the page and its small files:
  // the wasm and webgl backends would add 400 KiB or more.
  const library = statSync(join(REPO, 'dist/cdn/anywidget.js')).size;
  assert.ok(html.length < library + 64 * 1024, `${html.length} bytes for ${library} of rnn-lab`);
  for (const reference of ['src="https://unpkg.com/rnn-lab/dist/cdn/rnn-lab.js"', '"lesson.css"', '"img/wave.svg"', '"data/sine.csv"', '"data/gru-5.json"']) {
    assert.ok(!html.includes(reference), reference);
  }
  assert.equal(html.match(/ (src|weights)="data:text\/csv;base64,|weights="data:application\/json;base64,/g).length, 3);
});

test('opened from file://, trains both trainers and draws the gate chart, with zero network requests', async () => {
  const page = await browser.newPage();
  const requests = recordRequests(page);
  const fileUrl = pathToFileURL(lesson.out).href;
  await page.goto(fileUrl);
  await page.waitForFunction(() => customElements.get('rnn-trainer'));
  const results = await page.evaluate(() => Promise.all([...document.querySelectorAll('rnn-trainer')].map(async (trainer) => {
    const result = await trainer.start(); // rejects with the trainer's error
    return { epochs: result.models.gru.epochs, series: trainer.series.length };
  })));
  assert.deepEqual(results, [{ epochs: 3, series: 301 }, { epochs: 2, series: 301 }]);
  // The gate chart (a lazy chunk beside rnn-lab.js on a CDN) is inside the file too, and paints its heatmaps.
  await page.waitForFunction(() => {
    const chart = document.querySelector('gate-chart');
    chart.scrollIntoView(); // an off-screen chart waits to paint
    const heat = [...(chart.shadowRoot?.querySelectorAll('canvas.heat') ?? [])];
    const colours = (canvas) => {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return seen.size;
    };
    return chart.recording?.names.join() === 'z,r,h' && heat.length === 3 && heat.every((canvas) => colours(canvas) > 5);
  }, { timeout: 100_000, polling: 100 });
  // The page's own file, and the data: and blob: URLs that live inside it.
  const outside = requests.filter((url) => url !== fileUrl && !/^(data|blob):/.test(url));
  assert.deepEqual(outside, []);
  await page.close();
});
