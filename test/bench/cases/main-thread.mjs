// The page's main thread while rnn-lab loads and trains, at 1x and 4x CPU throttling
// (4x: a school Chromebook or a mid-range phone). For each case, and each phase:
// the longest task and the total blocking time (the sum of every task's time over
// 50 ms), and the worst click on Pause/Resume (Event Timing `duration`, what INP
// measures); while training, also how many long tasks began within 200 ms of one of
// those four clicks, and how busy the main thread was: the share of the time it spent
// in tasks of any length (from a trace of its top-level tasks), which shows a change in
// the page's work through the noise that decides whether a task crosses 50 ms. Phases:
// load (until the first `rnn-start`), training (from it until 1 s after the last
// `rnn-done`), and for the million rows a drag-zoom and its reset. Training's long tasks
// are also counted apart for its first second (`training.firstSecond`), while V8 has
// compiled little of the page's drawing and the worker's training code is being
// optimised on the cores the page shares, and for the rest (`training.afterFirstSecond`).
// `unseen` is the control: the default page, training as it does, with `display: none` on
// both elements. Its long tasks are what this machine and the work that is not drawing
// (messages, events, renders nobody lays out, the JIT, the GC) cost on their own; the
// default case's long tasks beyond them are the drawing's.
// The budget is 50 ms per task while training, 100 ms per click, 200 ms per task
// while loading; printed, never asserted. BENCH_RATES=1 or BENCH_CASES=default narrow it.
// On a shared machine one run says little: BENCH_REPEAT=5 runs each case and rate five
// times, prints every run, then a summary line with the median and the worst of each number.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const BENCH = 'main-thread';
const RATES = (process.env.BENCH_RATES ?? '1 4').split(/\s+/).map(Number);
const CASES = {
  default: '3-model trainer, its two charts and a bound gate chart, 1000 epochs',
  twelve: '12 three-model trainers with their charts, 150 epochs each',
  million: 'a million-row CSV, one GRU epoch, then a drag-zoom on the prediction chart',
  unseen: 'the default case with its trainer and gate chart not displayed: no clicks, no drawing',
};
const only = (process.env.BENCH_CASES ?? Object.keys(CASES).join(' ')).split(/\s+/);
const MILLION_CSV = '.bench/million.csv';
/** BENCH_EPOCHS=20 shortens every case, for trying the bench out. */
const EPOCHS = process.env.BENCH_EPOCHS ? `&epochs=${process.env.BENCH_EPOCHS}` : '';
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the page: puppeteer's waitForFunction is one protocol call, cut off after 180 s. */
async function until(page, condition, what, timeoutMs = 1_800_000) {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(condition))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}
const round = (value) => Math.round(value);

/** A million rows of a noisy sine, written once to the bench's scratch folder. */
function writeMillionRows() {
  if (existsSync(MILLION_CSV)) return;
  mkdirSync('.bench', { recursive: true });
  const rows = Array.from({ length: 1_000_000 }, (_, t) => (Math.sin(t / 30) + 0.01 * ((t * 7919) % 13)).toFixed(5));
  writeFileSync(MILLION_CSV, `value\n${rows.join('\n')}\n`);
}

/** Longest task, total blocking time and count of long tasks in [from, to). */
function tasksIn(tasks, from, to) {
  const inside = tasks.filter((t) => t.start >= from && t.start < to);
  return {
    longestTaskMs: round(Math.max(0, ...inside.map((t) => t.duration))),
    tbtMs: round(inside.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0)),
    longTasks: inside.length,
  };
}

/**
 * The share of [from, to) (page times, ms) that the page's main thread spent running
 * tasks, in percent, from a trace of top-level tasks. The page's main thread is the
 * renderer thread that ran the most tasks; page time 0 is the trace's last
 * `navigationStart` (the first is about:blank's).
 */
function busyPercent(trace, from, to) {
  const events = JSON.parse(trace).traceEvents;
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasksOf = (thread) => events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid);
  const main = mains.map(tasksOf).sort((a, b) => b.length - a.length)[0] ?? [];
  const origin = events.findLast((e) => e.name === 'navigationStart' && e.pid === main[0]?.pid)?.ts;
  if (origin === undefined) return null;
  const [start, end] = [origin + from * 1000, origin + to * 1000];
  const busy = main.reduce((sum, e) => sum + Math.max(0, Math.min(end, e.ts + e.dur) - Math.max(start, e.ts)), 0);
  return round((100 * busy) / (end - start));
}

/** How long after a click its own tasks may start (`longTasksAtClicks`). */
const CLICK_WINDOW_MS = 200;

/** Clicks a button in trainer `t0`'s shadow root with the mouse, as a reader would; resolves with the page's time just before. */
async function clickButton(page, part) {
  const box = await page.evaluate((p) => {
    const button = document.getElementById('t0').shadowRoot.querySelector(`button[part~="${p}"]`);
    button.scrollIntoView({ block: 'center' });
    const r = button.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2, at: performance.now() };
  }, part);
  await page.mouse.click(box.x, box.y);
  return box.at;
}

/** Drags across the middle tenth of the prediction chart's plot, then double-clicks back. */
async function zoomPrediction(page) {
  const box = await page.evaluate(() => {
    const chart = document.getElementById('t0').shadowRoot.querySelector('prediction-chart');
    const over = chart.shadowRoot.querySelector('.u-over');
    over.scrollIntoView({ block: 'center' });
    const r = over.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  const at = await page.evaluate(() => performance.now());
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.45, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55, y, { steps: 5 });
  await page.mouse.up();
  await sleep(1500);
  await page.mouse.click(box.x + box.width / 2, y, { clickCount: 2 });
  await sleep(1500);
  return at;
}

async function measure(browser, origin, name, rate) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1000, height: 900 });
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.tracing.start({ categories: ['toplevel', 'blink.user_timing'] });
    await page.goto(`${origin}/test/bench/main-thread.html?case=${name}${EPOCHS}`);
    const bundleEvalMs = await page.evaluate(async () => {
      await customElements.whenDefined('rnn-trainer');
      const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/rnn-lab.js'));
      return performance.now() - script.responseEnd;
    });
    // The clicks go to the first trainer: it starts once its charts have drawn, which on the
    // page of twelve can be after others have started.
    await until(page, () => document.getElementById('t0').state === 'training', 'the first trainer to train');
    await sleep(1000);
    const clicks = [];
    // Nothing to click on a page that shows nothing.
    for (let i = 0; i < (name === 'unseen' ? 0 : 2); i++) {
      clicks.push(await clickButton(page, 'pause'));
      await sleep(500);
      clicks.push(await clickButton(page, 'pause')); // now Resume
      await sleep(500);
    }
    await until(page, () => bench.dones.length >= bench.trainers, 'every rnn-done');
    await sleep(1000);
    const zoomAt = name === 'million' ? await zoomPrediction(page) : null;
    await sleep(300); // the observers deliver
    const { tasks, events, starts, dones } = await page.evaluate(() => bench);
    const trace = Buffer.from(await page.tracing.stop()).toString();
    const start = Math.min(...starts);
    const done = Math.max(...dones);
    const entry = {
      bench: BENCH, case: name, what: CASES[name], cpuThrottling: rate,
      load: tasksIn(tasks, 0, start),
      training: {
        ...tasksIn(tasks, start, done + 1000),
        firstSecond: tasksIn(tasks, start, start + 1000),
        afterFirstSecond: tasksIn(tasks, start + 1000, done + 1000),
        busyPercent: busyPercent(trace, start, done + 1000),
        // Puppeteer's click is a move, a press and a release at once: the browser handles
        // them at the start of one frame, with that frame's style, layout and paint.
        longTasksAtClicks: tasks.filter((t) => clicks.some((at) => t.start >= at && t.start < at + CLICK_WINDOW_MS)).length,
      },
      worstClickMs: round(Math.max(0, ...events.filter((e) => e.start < done).map((e) => e.duration))),
      trainingSeconds: Number(((done - start) / 1000).toFixed(1)),
      bundleEvalMs: round(bundleEvalMs),
    };
    if (zoomAt !== null) {
      entry.zoom = tasksIn(tasks, zoomAt, zoomAt + 3500);
      entry.worstZoomEventMs = round(Math.max(0, ...events.filter((e) => e.start >= zoomAt).map((e) => e.duration)));
    }
    return entry;
  } finally {
    await context.close();
  }
}

/** The median and the worst of each number over the runs of one case and rate. */
function summary(entries) {
  const numbers = (pick) => entries.map(pick).sort((a, b) => a - b);
  const stats = (pick) => {
    const sorted = numbers(pick);
    return { median: sorted[Math.floor((sorted.length - 1) / 2)], worst: sorted[sorted.length - 1] };
  };
  const phase = (key) => ({
    longestTaskMs: stats((e) => e[key].longestTaskMs), tbtMs: stats((e) => e[key].tbtMs), longTasks: stats((e) => e[key].longTasks),
    ...(key === 'training' ? {
      firstSecondLongTasks: stats((e) => e.training.firstSecond.longTasks),
      afterFirstSecondLongTasks: stats((e) => e.training.afterFirstSecond.longTasks),
      longTasksAtClicks: stats((e) => e.training.longTasksAtClicks),
      busyPercent: stats((e) => e.training.busyPercent),
    } : {}),
  });
  const [first] = entries;
  return {
    bench: BENCH, case: first.case, cpuThrottling: first.cpuThrottling, summaryOfRuns: entries.length,
    load: phase('load'), training: phase('training'), worstClickMs: stats((e) => e.worstClickMs), bundleEvalMs: stats((e) => e.bundleEvalMs),
    ...(first.zoom ? { zoom: phase('zoom') } : {}),
  };
}

export async function run({ browser, origin, log }) {
  if (only.includes('million')) writeMillionRows();
  for (const name of Object.keys(CASES).filter((c) => only.includes(c))) {
    for (const rate of RATES) {
      const entries = [];
      for (let i = 0; i < REPEAT; i++) {
        entries.push(await measure(browser, origin, name, rate));
        log(entries[i]);
      }
      if (REPEAT > 1) log(summary(entries));
    }
  }
}
