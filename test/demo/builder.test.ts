import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import { axeViolations, openPage, type PageWindow } from '../support/demo-page.js';

/** 300 values of a slow sine: data a teacher pastes. */
const PASTED = Array.from({ length: 300 }, (_, t) => Math.sin((2 * Math.PI * t) / 60).toFixed(4)).join('\n');

const snippet = (win: PageWindow, kind: string) =>
  win.document.querySelector<HTMLTextAreaElement>(`.snippet[data-kind="${kind}"] textarea`)!.value;

/** Sets a field of the builder's form as typing does (the form listens for `input`). */
function type(win: PageWindow, name: string, value: string): void {
  const field = win.document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#builder [name="${name}"]:not([type="checkbox"]):not([type="radio"])`)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

const option = (win: PageWindow, name: string, value: string) =>
  win.document.querySelector<HTMLInputElement>(`#builder input[name="${name}"][value="${value}"]`)!;

/** Loads `html` as a blank page in a new iframe; resolves with its window once loaded. */
async function blankPage(html: string): Promise<Window> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 800px; height: 600px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = `<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`;
  document.body.append(frame);
  await loaded;
  return frame.contentWindow!;
}

/** The trainer of a page (inside its first iframe when it has one), trained to the end. */
async function trainIn(win: Window): Promise<RnnTrainer & { lang: string }> {
  await waitUntil(() => win.document.querySelector('rnn-trainer') || win.document.querySelector('iframe'), 'something loaded', { timeout: 20000 });
  const inner = win.document.querySelector('iframe');
  const page = inner ? await waitUntil(() => inner.contentWindow?.document.querySelector('rnn-trainer'), 'embed page', { timeout: 20000 })
    .then(() => inner.contentWindow!) : win;
  await page.customElements.whenDefined('rnn-trainer');
  const trainer = page.document.querySelector('rnn-trainer') as RnnTrainer & { lang: string };
  await trainer.updateComplete;
  await trainer.start();
  return trainer;
}

describe('demo/builder.html', () => {
  let win: PageWindow;
  before(async () => {
    win = await openPage('/demo/builder.html');
    await waitUntil(() => snippet(win, 'script').includes('<rnn-trainer'), 'first snippets', { timeout: 20000 });
  });
  after(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('has no axe-core violations, in English and in Chinese', async () => {
    expect(await axeViolations(win)).to.deep.equal([]);
    win.document.getElementById('ui-lang')!.click();
    expect(win.document.documentElement.lang).to.equal('zh-CN');
    expect(win.document.querySelector('h1')!.textContent).to.contain('嵌入代码生成器');
    expect(await axeViolations(win)).to.deep.equal([]);
    win.document.getElementById('ui-lang')!.click();
    expect(win.document.documentElement.lang).to.equal('en');
  });

  it('is usable from the keyboard: Space on a focused model adds it to the snippets', async () => {
    option(win, 'models', 'lstm').focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => snippet(win, 'script').includes('models="gru lstm"'), 'LSTM added', { timeout: 10000 });
    await sendKeys({ press: 'Space' });
    await waitUntil(() => snippet(win, 'script').includes('models="gru"'), 'LSTM removed', { timeout: 10000 });
  });

  it('gives three snippets that each reproduce the chosen experiment on a blank page', async () => {
    option(win, 'models', 'mlp').click();
    type(win, 'seq-len', '15');
    type(win, 'epochs', '2');
    type(win, 'seed', '3');
    option(win, 'controls', 'seed').click();
    option(win, 'lang', 'zh-CN').click();
    win.document.querySelector<HTMLInputElement>('#builder input[name="gates"]')!.click();
    option(win, 'data', 'csv').click();
    type(win, 'csv', PASTED);
    await waitUntil(() => snippet(win, 'url').includes('seq-len=15') && snippet(win, 'url').includes('data:'), 'snippets follow', { timeout: 10000 });
    const preview = win.document.querySelector<RnnTrainer>('#preview rnn-trainer')!;
    await waitUntil(() => preview.state === 'done', 'the preview trained', { timeout: 60000 });

    const script = await trainIn(await blankPage(snippet(win, 'script')));
    const iframe = await trainIn(await blankPage(snippet(win, 'iframe')));
    const url = await trainIn(await blankPage(`<iframe src="${snippet(win, 'url').replaceAll('"', '&quot;')}" style="width: 100%; height: 900px"></iframe>`));
    for (const [kind, trainer] of Object.entries({ script, iframe, url })) {
      expect(trainer.state, kind).to.equal('done');
      expect(trainer.models, kind).to.equal('gru mlp');
      expect(trainer.seqLen, kind).to.equal(15);
      expect(trainer.series!.length, kind).to.equal(300);
      expect(trainer.controls, kind).to.contain('seed');
      expect(trainer.shadowRoot!.querySelector('button[part~="train"]')!.textContent!.trim(), kind).to.equal('训练');
      expect(trainer.ownerDocument.querySelector('gate-chart'), kind).to.exist;
      // Same data, settings and seed: the same loss curves as the preview, bit for bit.
      expect(trainer.history, kind).to.deep.equal(preview.history);
    }
  });
});
