import { expect } from '@open-wc/testing';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';

interface AxeResults {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }>;
}

/** Opens a demo page in an iframe, as a reader would load it. */
async function openPage(path: string): Promise<Window & { axe?: { run(context: Document): Promise<AxeResults> } }> {
  const frame = document.createElement('iframe');
  frame.style.width = '1000px';
  frame.style.height = '800px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow!;
  await win.customElements.whenDefined('rnn-trainer');
  await Promise.all([...win.document.querySelectorAll<RnnTrainer>('rnn-trainer')].map((t) => t.updateComplete));
  return win as Window & { axe?: { run(context: Document): Promise<AxeResults> } };
}

async function axeViolations(win: Awaited<ReturnType<typeof openPage>>): Promise<string[]> {
  if (!win.axe) {
    const script = win.document.createElement('script');
    script.textContent = await (await fetch('/node_modules/axe-core/axe.min.js')).text();
    win.document.head.append(script);
  }
  const results = await win.axe!.run(win.document);
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

for (const [path, lang] of [['/demo/index.html', 'en'], ['/demo/zh.html', 'zh-CN']]) {
  describe(`the chapter demo ${path}`, () => {
    let win: Awaited<ReturnType<typeof openPage>>;
    before(async () => {
      win = await openPage(path);
    });

    it(`is in ${lang} and holds the chapter's three experiments`, () => {
      expect(win.document.documentElement.lang).to.equal(lang);
      const trainers = [...win.document.querySelectorAll<RnnTrainer>('rnn-trainer')];
      expect(trainers.map((t) => t.id)).to.deep.equal(['gru-trainer', 'gate-trainer', 'sweep-trainer', 'compare-trainer']);
      expect(trainers[2].sweep).to.equal('seq-len 20 30');
      expect(trainers[3].models).to.equal('gru lstm mlp');
    });

    it('has no axe-core violations, before and after training', async () => {
      expect(await axeViolations(win)).to.deep.equal([]);
      const trainers = [...win.document.querySelectorAll<RnnTrainer>('rnn-trainer')];
      for (const t of trainers) t.epochs = 2;
      await Promise.all(trainers.map((t) => t.start()));
      await Promise.all(trainers.map((t) => t.updateComplete));
      expect(await axeViolations(win)).to.deep.equal([]);
    });
  });
}
