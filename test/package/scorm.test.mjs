// The SCORM package, end to end: `rnn-lab package --scorm` on a lesson with two
// trainers, the zip unpacked and served, launched in a frame under scorm-again (an
// independent SCORM 1.2 runtime, the LMS's side of the API) in Chromium.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { unzipSync } from 'fflate';
import { serve } from '../../demo/serve.mjs';
import { REPO, launchChromium, packageLesson, recordRequests } from './support.mjs';

let work;
let server;
let browser;
let origin;
let entries;

before(async () => {
  const lesson = packageLesson('--scorm', 'lesson.zip');
  work = lesson.work;
  entries = unzipSync(readFileSync(lesson.out));
  for (const [path, data] of Object.entries(entries)) {
    const file = join(work.dir, 'lesson', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
  mkdirSync(join(work.dir, 'lms'));
  copyFileSync(join(REPO, 'test/package/lms/index.html'), join(work.dir, 'lms/index.html'));
  copyFileSync(join(REPO, 'node_modules/scorm-again/dist/scorm12.min.js'), join(work.dir, 'lms/scorm12.min.js'));
  server = await serve(0, '127.0.0.1', work.dir);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  work?.remove();
});

/** Opens the LMS page (with what it stored before, if anything) and the lesson frame in it. */
async function launch(stored) {
  const page = await browser.newPage();
  const requests = recordRequests(page);
  await page.goto(`${origin}/lms/index.html${stored ? `#${encodeURIComponent(JSON.stringify(stored))}` : ''}`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForFunction(() => customElements.get('rnn-trainer') && document.querySelectorAll('rnn-trainer').length === 2);
  return { page, frame, requests };
}

const status = (page) => page.evaluate(() => API.LMSGetValue('cmi.core.lesson_status'));

/** Changes a trainer's setting the way a reader does: its control in the trainer's shadow root. */
function setControl(frame, trainerId, name, value) {
  return frame.evaluate((id, field, text) => {
    const input = document.getElementById(id).shadowRoot.querySelector(`input[name="${field}"]`);
    input.value = text;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, trainerId, name, value);
}

test('the zip is a SCORM 1.2 package with one SCO, rnn-lab and the lesson\'s files', () => {
  const xml = new TextDecoder().decode(entries['imsmanifest.xml']);
  assert.match(xml, /<schemaversion>1\.2<\/schemaversion>/);
  assert.equal(xml.match(/adlcp:scormtype="sco"/g).length, 1);
  assert.match(xml, /href="lesson\.html"/);
  for (const path of ['lesson.html', 'lesson.css', 'img/wave.svg', 'data/sine.csv', 'data/gru-5.json',
    'rnn-lab/rnn-lab.js', 'rnn-lab/trainer.worker.js', 'rnn-lab/scorm-runtime.js', 'rnn-lab/tfjs-backend-wasm.wasm']) {
    assert.ok(entries[path], `${path} is in the zip`);
  }
  const page = new TextDecoder().decode(entries['lesson.html']);
  assert.match(page, /<script type="module" src="rnn-lab\/rnn-lab\.js"><\/script>/);
  assert.doesNotMatch(page, /unpkg\.com/);
});

test('under an LMS: incomplete, then completed once both trainers finished; settings kept in suspend_data', async () => {
  const { page, frame, requests } = await launch(null);
  await page.waitForFunction(() => lmsCalls.some(([name]) => name === 'LMSCommit'));
  assert.equal(await status(page), 'incomplete');

  await setControl(frame, 'from-csv', 'hidden-size', '3');
  await page.waitForFunction(() => API.cmi.suspend_data.includes('"hidden-size":"3"'));
  const first = await frame.evaluate(() => document.getElementById('from-csv').start());
  assert.equal(first.models.gru.epochs, 3);
  await page.waitForFunction(() => API.cmi.suspend_data.includes('"done":["from-csv"]'));
  assert.equal(await status(page), 'incomplete', 'one trainer of two is not the whole lesson');

  await frame.evaluate(() => document.querySelectorAll('rnn-trainer')[1].start());
  await page.waitForFunction(() => API.cmi.core.lesson_status === 'completed');
  const suspend = JSON.parse(await page.evaluate(() => API.cmi.suspend_data));
  assert.deepEqual(suspend, { settings: { 'from-csv': { 'hidden-size': '3' } }, done: ['from-csv', '1'] });
  // session_time is write-only for the SCO: what was set, as the LMS heard it.
  const times = await page.evaluate(() => lmsCalls.filter(([, el]) => el === 'cmi.core.session_time').map(([, , v]) => v));
  assert.ok(times.length > 0 && times.every((time) => /^\d{4}:\d\d:\d\d\.\d\d$/.test(time)), times.join(' '));
  assert.ok(times.at(-1) > '0000:00:00.00', `the last session time ${times.at(-1)} counts the time spent`);

  const stored = await page.evaluate(() => lmsRecord());
  await frame.goto('about:blank'); // the reader leaves: pagehide
  await page.waitForFunction(() => lmsCalls.some(([name]) => name === 'LMSFinish'));
  assert.equal(await page.evaluate(() => lmsCalls.filter(([, el]) => el === 'cmi.core.exit').at(-1)?.[2]), 'suspend');
  const setValues = await page.evaluate(() => lmsCalls.filter(([name]) => name === 'LMSSetValue').map(([, el, v]) => `${el}=${v}`));
  assert.deepEqual(setValues.filter((call) => call.startsWith('cmi.core.lesson_status')),
    ['cmi.core.lesson_status=incomplete', 'cmi.core.lesson_status=completed']);
  const foreign = requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && url !== 'about:blank');
  assert.deepEqual(foreign, [], 'the lesson needs no other server');
  await page.close();

  // Relaunch: the LMS hands back what it stored; the reader's setting comes back, the status stays.
  const again = await launch(stored);
  await again.frame.waitForFunction(() => document.getElementById('from-csv').getAttribute('hidden-size') === '3');
  await again.page.waitForFunction(() => lmsCalls.some(([name]) => name === 'LMSCommit'));
  assert.equal(await status(again.page), 'completed');
  await again.page.close();
});

test('without an LMS the lesson trains and says nothing', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/lesson/lesson.html`);
  await page.waitForFunction(() => customElements.get('rnn-trainer'));
  const result = await page.evaluate(() => document.getElementById('from-csv').start());
  assert.equal(result.models.gru.epochs, 3);
  assert.deepEqual(errors, []);
  await page.close();
});
