interface AxeResults {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }>;
}

/** A demo page's window, with axe-core once `axeViolations` has loaded it. */
export type PageWindow = Window & { axe?: { run(context: Document): Promise<AxeResults> } };

/** Opens a demo page in an iframe, as a reader would load it, once `tag` is defined in it. */
export async function openPage(path: string, tag = 'rnn-trainer'): Promise<PageWindow> {
  const frame = document.createElement('iframe');
  frame.style.width = '1000px';
  frame.style.height = '800px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow! as PageWindow;
  await win.customElements.whenDefined(tag);
  return win;
}

/** axe-core's violations on the page, one line each (an empty list passes). */
export async function axeViolations(win: PageWindow): Promise<string[]> {
  if (!win.axe) {
    const script = win.document.createElement('script');
    script.textContent = await (await fetch('/node_modules/axe-core/axe.min.js')).text();
    win.document.head.append(script);
  }
  const results = await win.axe!.run(win.document);
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}
