// The page's main thread while a GRU trains 150 epochs with both charts visible:
// the longest task after the first epoch (the budget is 50 ms), and before it.
const BENCH = 'main-thread';
const REPEATS = 3;

export async function run({ browser, origin, log }) {
  for (let i = 0; i < REPEATS; i++) {
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setViewport({ width: 1000, height: 900 });
      await page.goto(`${origin}/test/bench/main-thread.html`);
      await page.waitForFunction(() => window.doneAt !== undefined, { timeout: 120000 });
      await new Promise((resolve) => setTimeout(resolve, 200)); // the last frames' tasks
      const { tasks, firstEpochAt, doneAt } = await page.evaluate(() => ({
        tasks: window.longTasks, firstEpochAt: window.firstEpochAt, doneAt: window.doneAt,
      }));
      const longest = (list) => Math.round(Math.max(0, ...list.map((t) => t.duration)));
      const after = tasks.filter((t) => t.start > firstEpochAt);
      log({
        bench: BENCH, case: 'gru 150 epochs, loss and prediction charts visible', run: i + 1,
        longestTaskAfterFirstEpochMs: longest(after), longTasksAfterFirstEpoch: after.length,
        longestTaskBeforeFirstEpochMs: longest(tasks.filter((t) => t.start <= firstEpochAt)),
        trainingMs: Math.round(doneAt - firstEpochAt),
        tasksAfterFirstEpoch: after.map((t) => ({ atMs: Math.round(t.start - firstEpochAt), ms: Math.round(t.duration) })),
      });
    } finally {
      await context.close();
    }
  }
}
