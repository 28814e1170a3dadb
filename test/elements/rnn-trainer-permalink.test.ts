import { expect, waitUntil } from '@open-wc/testing';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';

const PAGE = '/test/elements/fixtures/permalink.html';

/** Opens the fixture with `hash`, as a reader opens a link, once its trainers have rendered. */
async function openPage(frame: HTMLIFrameElement, hash: string): Promise<Window> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `${PAGE}${hash}`;
  if (!frame.isConnected) document.body.append(frame);
  await loaded;
  return ready(frame.contentWindow!);
}

async function ready(win: Window): Promise<Window> {
  await win.customElements.whenDefined('rnn-trainer');
  await Promise.all([...win.document.querySelectorAll<RnnTrainer>('rnn-trainer')].map((t) => t.updateComplete));
  return win;
}

const trainer = (win: Window, id: string) => win.document.getElementById(id) as RnnTrainer;

/** Types into a trainer's control as a reader does: a new value, then change. */
function change(t: RnnTrainer, name: string, value: string): void {
  const input = t.shadowRoot!.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<rnn-trainer permalink>', () => {
  let frame: HTMLIFrameElement;
  beforeEach(() => {
    frame = document.createElement('iframe');
    frame.style.cssText = 'width: 900px; height: 600px';
  });
  afterEach(() => frame.remove());

  it('writes control changes under its id, keeps the rest of the fragment, and adds no history entry', async () => {
    const win = await openPage(frame, '#intro&other=x%20y');
    const entries = win.history.length;
    change(trainer(win, 'p'), 'seq-len', '30');
    await waitUntil(() => win.location.hash.includes('p.seq-len=30'), 'p.seq-len in the fragment');
    change(trainer(win, 'q'), 'seed', '7');
    await waitUntil(() => win.location.hash.includes('q.seed=7'), 'q.seed in the fragment');
    change(trainer(win, 'r'), 'seq-len', '12');
    await trainer(win, 'r').updateComplete;
    expect(win.location.hash).to.equal('#intro&other=x%20y&p.seq-len=30&q.seed=7');
    expect(win.history.length).to.equal(entries);
  });

  it('restores each trainer\'s settings on reload, and replays the same loss curve bit for bit', async () => {
    let win = await openPage(frame, '');
    change(trainer(win, 'p'), 'seq-len', '30');
    trainer(win, 'p').shadowRoot!.querySelector<HTMLInputElement>('input[name="model"]:not(:checked)')!.click();
    change(trainer(win, 'q'), 'seed', '5');
    await waitUntil(() => win.location.hash.includes('q.seed=5') && win.location.hash.includes('p.models='));
    const before = await trainer(win, 'p').start();
    const history = trainer(win, 'p').history;

    const reloaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    win.location.reload();
    await reloaded;
    win = await ready(frame.contentWindow!);
    const p = trainer(win, 'p');
    expect(p.seqLen).to.equal(30);
    expect(p.models).to.equal('gru lstm');
    expect(p.shadowRoot!.querySelector<HTMLInputElement>('input[name="seq-len"]')!.value).to.equal('30');
    expect(trainer(win, 'q').seed).to.equal(5);
    expect(trainer(win, 'r').seqLen).to.equal(20);
    const after = await p.start();
    expect(p.history).to.deep.equal(history);
    expect(after!.models.gru.testMse).to.equal(before!.models.gru.testMse);
  });

  it('carries the restored settings into embedCode, in every kind', async () => {
    const win = await openPage(frame, '#p.seq-len=30&p.seed=4');
    const p = trainer(win, 'p');
    expect(p.seqLen).to.equal(30);
    const url = p.embedCode('url');
    expect(url.startsWith(`${location.origin}/dist/cdn/embed.html#`)).to.equal(true);
    const fragment = new URL(url).hash;
    expect(fragment).to.contain('seq-len=30').and.contain('seed=4').and.contain('epochs=2').and.contain('lang=en');
    expect(p.embedCode('iframe')).to.contain(`src="${url.replaceAll('&', '&amp;')}"`).and.contain('loading="lazy"');
    expect(p.embedCode()).to.contain('seq-len="30"').and.contain('seed="4"');
  });

  it('scrolls to the anchor at the front of the fragment, which the browser cannot find by itself', async () => {
    const win = await openPage(frame, '#later&p.seq-len=25');
    expect(trainer(win, 'p').seqLen).to.equal(25);
    await waitUntil(() => win.scrollY > 2000, 'scrolled to #later');
  });

  it('keeps its keys when the reader follows an in-page link', async () => {
    const win = await openPage(frame, '');
    change(trainer(win, 'p'), 'seq-len', '30');
    await waitUntil(() => win.location.hash === '#p.seq-len=30', 'written');
    const link = win.document.createElement('a');
    link.href = '#later';
    win.document.body.append(link);
    link.click();
    await waitUntil(() => win.location.hash === '#later&p.seq-len=30', 'the anchor, then the trainer\'s keys');
    expect(trainer(win, 'p').seqLen).to.equal(30);
  });

  it('reads a new fragment set from outside (a pasted link) without a reload', async () => {
    const win = await openPage(frame, '');
    win.location.hash = '#p.seq-len=40';
    await waitUntil(() => trainer(win, 'p').seqLen === 40, 'p follows the new fragment');
  });
});
