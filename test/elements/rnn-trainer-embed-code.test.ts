import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../dist/cdn/rnn-lab.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';

describe('<rnn-trainer> embed code kinds (CDN build)', () => {
  const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
  afterEach(() => Object.defineProperty(Navigator.prototype, 'clipboard', original));

  it('copies the kind the reader chose in the Export menu', async () => {
    const copied: string[] = [];
    // The system clipboard is outside the page: record what would reach it.
    Object.defineProperty(Navigator.prototype, 'clipboard', {
      configurable: true, get: () => ({ writeText: async (text: string) => { copied.push(text); } }),
    });
    const el = await fixture<RnnTrainer>(html`<div lang="zh-CN"><rnn-trainer models="gru mlp" seq-len="12"></rnn-trainer></div>`)
      .then((box) => box.querySelector('rnn-trainer')!);
    await el.updateComplete;
    const item = (kind: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[role="menuitem"][part~="copy-embed-${kind}"]`)!;
    expect(['script', 'iframe', 'url'].map((kind) => item(kind).textContent!.trim()))
      .to.deep.equal(['复制嵌入代码：脚本标签', '复制嵌入代码：内嵌框架', '复制嵌入代码：网址链接']);
    for (const kind of ['iframe', 'url', 'script'] as const) {
      item(kind).click();
      await waitUntil(() => copied.length > 0, `copied ${kind}`);
      expect(copied.pop()).to.equal(el.embedCode(kind));
    }
  });

  it('gives an iframe with a title in the trainer\'s language, lazy loading and a height that grows with the layout', async () => {
    const box = await fixture(html`<div lang="zh-CN">
      <rnn-trainer id="one" models="gru lstm" controls="none" charts="none"></rnn-trainer>
      <rnn-trainer id="two" models="gru lstm"></rnn-trainer></div>`);
    const [small, large] = [...box.querySelectorAll('rnn-trainer')] as RnnTrainer[];
    await large.updateComplete;
    const height = (t: RnnTrainer) => Number(/height="(\d+)"/.exec(t.embedCode('iframe'))![1]);
    expect(large.embedCode('iframe')).to.contain('title="循环神经网络实验：GRU、LSTM"').and.contain('loading="lazy"');
    expect(height(large)).to.be.greaterThan(height(small) + 800);
    expect(large.embedCode('url')).to.contain('lang=zh-CN').and.contain('models=gru%20lstm');
    expect(large.embedCode('script')).to.contain('lang="zh-CN"');
  });

  it('carries inline data into the link as a data: URL that embed.html can load', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer><script type="text/csv">1\n2\n3</script></rnn-trainer>`);
    const fragment = new URL(el.embedCode('url')).hash;
    const src = new URLSearchParams(fragment.slice(1).replaceAll('+', '%2B')).get('src')!;
    expect(await (await fetch(src)).text()).to.equal('1\n2\n3');
  });
});
