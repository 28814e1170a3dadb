import { expect, waitUntil } from '@open-wc/testing';
// @ts-expect-error a virtual module of test/support/distribution-plugin.mjs
import { cdnOrigin } from '/__rnn-lab/distribution.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import { evaluateInFrame } from '../support/frames.js';

/** embed.html on the second origin, the "CDN": this page cannot read it, only the runner can. */
const EMBED = `${cdnOrigin}/dist/cdn/embed.html`;
const DATA = `${cdnOrigin}/data/sine-1000.csv`;

interface EmbedFrame {
  frame: HTMLIFrameElement;
  /** A string only this frame's URL contains (to find it from the runner). */
  marker: string;
  /** Every `rnn-lab:resize` height it posted, in order. */
  heights: number[];
}

let opened = 0;

/** Opens embed.html#fragment in an iframe `width` px wide, as a course page would. */
async function openEmbed(fragment: string, width = 640, src?: string): Promise<EmbedFrame> {
  const marker = `frame=${++opened}`;
  const frame = document.createElement('iframe');
  frame.style.cssText = `width: ${width}px; height: 600px; border: 0`;
  const heights: number[] = [];
  window.addEventListener('message', (event) => {
    if (event.source === frame.contentWindow && event.origin === cdnOrigin && event.data?.type === 'rnn-lab:resize') {
      heights.push(event.data.height);
    }
  });
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = src ?? `${EMBED}?${marker}#${fragment}`;
  document.body.append(frame);
  await loaded;
  return { frame, marker: src ? src.slice(0, src.indexOf('#')) : marker, heights };
}

interface Seen {
  state: string;
  lang: string;
  error: { code: string; message: string } | null;
  alert: string | null;
  models: string[];
  seqLen: number;
  seed: number;
  epochs: number[];
  trainButton: string;
  bodyHeight: number;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  trainerWidth: number;
}

/** The frame's body height now: it still changes after training ends, as charts draw their new plots. */
function bodyHeight(marker: string): Promise<number> {
  return evaluateInFrame<number>(marker, 'Math.ceil(document.body.getBoundingClientRect().height)');
}

/** Waits in the frame until its trainer is done or in error, then reports what a reader sees. */
function settled(marker: string): Promise<Seen> {
  return evaluateInFrame<Seen>(marker, `new Promise((resolve) => {
    const trainer = document.querySelector('rnn-trainer');
    const report = async () => {
      await trainer.updateComplete;
      const root = document.documentElement;
      resolve({
        state: trainer.state, lang: root.lang, error: trainer.error,
        alert: trainer.shadowRoot.querySelector('[role="alert"]')?.textContent.trim() ?? null,
        models: Object.keys(trainer.history), seqLen: trainer.seqLen, seed: trainer.seed,
        epochs: Object.values(trainer.history).map((h) => h.trainLoss.length),
        trainButton: trainer.shadowRoot.querySelector('button[part~="train"]').textContent.trim(),
        bodyHeight: Math.ceil(document.body.getBoundingClientRect().height),
        scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
        scrollHeight: root.scrollHeight, clientHeight: root.clientHeight,
        trainerWidth: trainer.getBoundingClientRect().width,
      });
    };
    const check = () => (['done', 'error'].includes(trainer.state) ? report() : setTimeout(check, 50));
    check();
  })`);
}

describe('dist/cdn/embed.html, served from another origin', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('trains the configuration in its fragment, in Chinese, and posts its height to the parent', async () => {
    expect(new URL(EMBED).origin).not.to.equal(location.origin);
    const fragment = `models=gru%20lstm&seq-len=25&seed=3&lang=zh-CN&autostart&epochs=3&src=${encodeURIComponent(DATA)}`;
    const { marker, heights } = await openEmbed(fragment);
    const seen = await settled(marker);
    expect(seen).to.deep.include({ state: 'done', lang: 'zh-CN', error: null, seqLen: 25, seed: 3, trainButton: '训练' });
    expect(seen.models).to.deep.equal(['gru', 'lstm']);
    expect(seen.epochs).to.deep.equal([3, 3]);
    // The height is posted each time it changes (the results appear after training), last the current one.
    await waitUntil(async () => heights.at(-1) === (await bodyHeight(marker)), 'the last rnn-lab:resize is the page height', { timeout: 10000 });
    expect(new Set(heights).size).to.be.greaterThan(1);
  });

  it('shows an unknown key as the trainer\'s own coded error, in the page\'s language, and does not train', async () => {
    const { marker } = await openEmbed('models=gru&seqlen=25&autostart&lang=zh-CN');
    const seen = await settled(marker);
    expect(seen.state).to.equal('error');
    expect(seen.error?.code).to.equal('invalid-attribute');
    expect(seen.alert).to.contain('seqlen').and.contain('不是可用的设置');
    expect(seen.epochs).to.deep.equal([]);
  });

  it('shows an invalid value the same way, and a bad page key (lang) in English', async () => {
    const bad = await settled((await openEmbed('seq-len=abc&lang=zh-CN')).marker);
    expect(bad.error?.code).to.equal('invalid-attribute');
    expect(bad.alert).to.contain('序列长度').and.contain('abc');
    const lang = await settled((await openEmbed('models=gru&lang=fr')).marker);
    expect(lang.error?.code).to.equal('invalid-attribute');
    expect(lang.alert).to.contain('language').and.contain('fr');
  });

  it('passes weights to the trainer like any attribute: wrong ones are its invalid-weights error', async () => {
    const weights = encodeURIComponent('data:application/json,{"gru.weight_ih_l0": [[1]]}');
    const seen = await settled((await openEmbed(`models=gru&epochs=2&autostart&weights=${weights}`)).marker);
    expect(seen.state).to.equal('error');
    expect(seen.error?.code).to.equal('invalid-weights');
  });

  it('forces a theme whatever the reader prefers, and shows a title', async () => {
    const { marker } = await openEmbed(`models=gru&theme=dark&title=${encodeURIComponent('练习 2：GRU')}`);
    const seen = await evaluateInFrame<{ background: string; title: string; heading: string }>(marker, `(async () => {
      const trainer = document.querySelector('rnn-trainer');
      await trainer.updateComplete;
      return { background: getComputedStyle(trainer).backgroundColor, title: document.title,
        heading: document.querySelector('h1').textContent };
    })()`);
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(false);
    expect(seen).to.deep.equal({ background: 'rgb(13, 17, 23)', title: '练习 2：GRU', heading: '练习 2：GRU' });
  });

  for (const width of [320, 480, 1000]) {
    it(`fills a ${width} px frame with no horizontal scrollbar`, async () => {
      const { marker } = await openEmbed(`models=gru%20lstm%20rnn%20mlp&autostart&epochs=2&gates&title=${encodeURIComponent('A long title for a narrow frame')}`, width);
      const seen = await settled(marker);
      expect(seen.state).to.equal('done');
      expect(seen.scrollWidth).to.be.at.most(seen.clientWidth);
      expect(seen.trainerWidth).to.be.greaterThan(seen.clientWidth - 20);
    });
  }

  it("embedCode('iframe') is a snippet that loads that page with the trainer's settings, tall enough for it", async () => {
    // The CDN build knows it is on the CDN: its snippets point beside it.
    await import(/* @vite-ignore */ `${cdnOrigin}/dist/cdn/rnn-lab.js`);
    const trainer = document.createElement('rnn-trainer') as RnnTrainer;
    for (const [name, value] of Object.entries({ models: 'gru lstm', 'seq-len': '25', seed: '3', epochs: '2', autostart: '' })) {
      trainer.setAttribute(name, value);
    }
    const snippet = trainer.embedCode('iframe');
    expect(snippet).to.match(/^<iframe src="[^"]+embed\.html#[^"]+" title="[^"]+" width="100%" height="\d+"[^>]* loading="lazy"><\/iframe>\n$/);
    const holder = document.createElement('div');
    holder.style.width = '640px';
    holder.innerHTML = snippet;
    const frame = holder.querySelector('iframe')!;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(holder);
    await loaded;
    const seen = await settled(frame.src.slice(0, frame.src.indexOf('#')));
    expect(seen).to.deep.include({ state: 'done', seqLen: 25, seed: 3, lang: 'en' });
    expect(seen.models).to.deep.equal(['gru', 'lstm']);
    // Without any listener on this page, the snippet's own height shows it all.
    expect(seen.scrollHeight).to.be.at.most(seen.clientHeight);
    expect(seen.bodyHeight).to.be.at.most(Number(frame.getAttribute('height')));
    holder.remove();
  });

  // Last: the listener stays on this page.
  it("README's six-line listener makes the iframe follow the page's height", async () => {
    const readme = await (await fetch('/README.md')).text();
    const section = readme.slice(readme.indexOf('### `embed.html`'));
    const listener = /```html\n(<script>\n[\s\S]*?<\/script>)\n```/.exec(section)![1];
    expect(listener.split('\n')).to.have.length(6);
    const script = document.createElement('script');
    script.textContent = listener.replace(/<\/?script>/g, '');
    document.head.append(script);
    const { frame, marker } = await openEmbed('models=gru&autostart&epochs=2', 480);
    const seen = await settled(marker);
    expect(seen.bodyHeight).to.be.greaterThan(600);
    await waitUntil(async () => frame.style.height === `${await bodyHeight(marker)}px`, 'the frame follows', { timeout: 10000 });
  });
});
