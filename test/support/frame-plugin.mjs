// A web-test-runner plugin with one server command, `frame-evaluate`: runs an
// expression in a frame of the test page, found by its URL, through the browser's
// DevTools protocol. A test page cannot read a cross-origin iframe (that is the
// point of embedding from a CDN origin); the runner can, like a person's DevTools.
export function framePlugin() {
  return {
    name: 'rnn-lab-frame-evaluate',
    async executeCommand({ command, payload, session }) {
      if (command !== 'frame-evaluate') return undefined;
      const page = session.browser.getPage(session.id);
      // A cross-origin frame runs in its own process: DevTools may attach to it a moment
      // after the test page saw it load, so wait for it to be listed.
      const frame = await page.waitForFrame((f) => f.url().includes(payload.url), { timeout: 60_000 })
        .catch(() => {
          throw new Error(`no frame whose URL contains ${payload.url}`);
        });
      return frame.evaluate(payload.expression);
    },
  };
}
