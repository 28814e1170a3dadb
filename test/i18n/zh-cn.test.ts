import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../dist/rnn-lab.js';
import { zhCN } from '../../src/i18n/zh-cn.js';
import { translate } from '../../src/i18n/translate.js';
import type { GateChart } from '../../src/elements/gate-chart/gate-chart.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';

// What a Chinese reader sees must read like the textbook chapter on recurrent networks:
// its terms, one name per quantity, full-width punctuation next to Chinese text. These
// checks run over the translation table, over every string the elements assemble at
// run time in lang="zh-CN" (through a training run, a gate chart and errors), over the
// CSV headers, and over the Chinese demo page.

/** Chinese characters, and CJK and full-width punctuation. */
const CJK = '\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef';

/** Terms the chapter does not use, with the one it does. */
const DRIFT: [RegExp, string][] = [
  [/隐状态/, '隐藏状态'],
  [/隐藏层大小/, '隐藏单元数'],
  [/训练数据|训练部分/, '训练集'],
  [/测试数据|测试部分/, '测试集'],
  [/最佳测试/, '最低测试损失'],
  [/均方误差/, '训练损失 / 测试损失（MSE）'],
  [/不是有限的数/, '不是有效数值'],
  [/第\s*0\s*个/, 'units counted from 1'],
  [/(?<!隐藏|循环)单元/, '隐藏单元 (bare 单元 clashes with 门控循环单元)'],
  [/(?<!…)…(?!…)|\.\.\./, '……'],
];

/** Every way `text` falls short of the chapter's Chinese, one line each; empty when it is fine. */
function problems(text: string): string[] {
  const found: string[] = [];
  const halfWidth = new RegExp(`[${CJK}]\\s*[,;:()]|[,;:()]\\s*[${CJK}]`, 'u').exec(text);
  if (halfWidth) found.push(`half-width “${halfWidth[0]}”`);
  // An English-style list or clause inside Chinese text: "GRU, LSTM", "“a”, “b”".
  const englishList = /[A-Za-z”)]\s*[,;]\s+[A-Za-z“(]/.exec(text);
  if (englishList) found.push(`English list punctuation “${englishList[0]}”`);
  for (const [term, use] of DRIFT) {
    const match = term.exec(text);
    if (match) found.push(`“${match[0]}” (use ${use})`);
  }
  // Model names are upper-case in text; what the reader typed is quoted and may be anything.
  const lowerModel = /\b(gru|lstm|rnn|mlp)\b/.exec(text.replace(/“[^”]*”|rnn-lab/g, ''));
  if (lowerModel) found.push(`lower-case model name “${lowerModel[0]}”`);
  return found.map((p) => `${p} in: ${text}`);
}

const allProblems = (texts: string[]) => [...new Set(texts)].flatMap(problems);

/** English words: two letters or more, except model names, units, formats and what the reader typed. */
const english = (texts: string[]) => texts.flatMap((text) => (text.replace(/“[^”]*”/g, '').match(/[A-Za-z]{2,}/g) ?? [])
  .filter((w) => !['GRU', 'LSTM', 'RNN', 'MLP', 'JSON', 'CSV', 'PNG', 'PyTorch', 'MSE'].includes(w)));

/**
 * Every string a reader can see or hear in `root`, its shadow roots included: the text
 * of each element (its own text nodes, which Lit splits with markers), the labels that
 * screen readers speak, and the uPlot axis and series labels drawn on canvas.
 */
function textsOf(root: Element | ShadowRoot, out: string[] = []): string[] {
  const own = (node: Node) => [...node.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)
    .map((n) => n.textContent).join('').replace(/\s+/g, ' ').trim();
  if (own(root)) out.push(own(root));
  for (const el of root.querySelectorAll('*')) {
    if (el.localName === 'style' || el.localName === 'script') continue;
    if (own(el)) out.push(own(el));
    for (const name of ['aria-label', 'aria-valuetext', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
    const plot = (el as Element & { uplot?: { axes: { label?: string }[]; series: { label?: unknown }[] } }).uplot;
    if (plot) out.push(...plot.axes.map((a) => a.label ?? ''), ...plot.series.map((s) => String(s.label ?? '')));
    if (el.shadowRoot) textsOf(el.shadowRoot, out);
  }
  return out.filter(Boolean);
}

/** Opens every table and menu (each button that says it is collapsed), in `root` and its shadow roots. */
async function expandAll(root: Element | ShadowRoot): Promise<void> {
  for (const el of root.querySelectorAll('*')) {
    if (el.localName === 'button' && el.getAttribute('aria-expanded') === 'false') (el as HTMLButtonElement).click();
    if (el.shadowRoot) await expandAll(el.shadowRoot);
  }
  await Promise.all([...root.querySelectorAll('*')].map((el) => (el as Partial<RnnTrainer>).updateComplete));
}

/** Every element with a shadow root under `root`, `root` included when it has one. */
function hosts(root: Element | ShadowRoot, found = new Set<Element>()): Element[] {
  for (const el of root.querySelectorAll('*')) {
    if (!el.shadowRoot || found.has(el)) continue;
    found.add(el);
    hosts(el.shadowRoot, found);
  }
  return [...found];
}

describe('Simplified Chinese: the chapter’s terms and full-width punctuation', () => {
  it('every zh-CN message has the English one’s placeholders, full-width punctuation and the chapter’s terms', async () => {
    const { en } = await import('../../src/i18n/en.js');
    const placeholders = (text: string) => (text.match(/\{[^}]+\}/g) ?? []).sort();
    const differ = Object.keys(en).filter((key) =>
      placeholders(en[key as keyof typeof en]).join() !== placeholders(zhCN[key as keyof typeof zhCN]).join());
    const found = Object.entries(zhCN).flatMap(([key, text]) => problems(text).map((p) => `${key}: ${p}`));
    expect([...differ.map((key) => `${key}: placeholders differ from English`), ...found]).to.deep.equal([]);
  });

  it('names a run, a list and a diverged model in Chinese, model names upper-case', () => {
    const diverged = translate('zh-CN', 'error.diverged', { model: 'gru@seq-len=30', epoch: 3 });
    expect(allProblems([diverged])).to.deep.equal([]);
    expect(diverged).to.contain('GRU（序列长度 30）的训练');
    // A list that goes on is cut with the Chinese ellipsis (the keys are listed as the weights hold them).
    const keys = translate('zh-CN', 'error.weightsUnknownModel', { model: 'lstm', example: 'lstm.weight_ih_l0', keys: ['“a”', '“b”', '…'] });
    expect(allProblems([keys])).to.deep.equal([]);
    expect(keys).to.contain('LSTM 的 state_dict').and.contain('“a”、“b”、……');
  });

  it('says everything of a training run in the chapter’s Chinese: trainer, loss, prediction and gate charts, tables and CSV', async () => {
    const root = await fixture<HTMLDivElement>(html`<div lang="zh-CN">
      <rnn-trainer id="zh-sweep" models="gru rnn" sweep="seq-len 10 20" epochs="2"
        controls="models seq-len hidden-size learning-rate epochs split seed"></rnn-trainer>
      <gate-chart for="zh-sweep"></gate-chart>
      <rnn-trainer id="zh-compare" models="gru lstm mlp" epochs="2"></rnn-trainer></div>`);
    const [sweep, compare] = [...root.querySelectorAll('rnn-trainer')] as RnnTrainer[];
    const gates = root.querySelector('gate-chart') as GateChart;
    const texts = textsOf(root);
    // The live region speaks in passing: what it says is collected as it changes.
    const observer = new MutationObserver(() => texts.push(...textsOf(root)));
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    for (const host of hosts(root)) observer.observe(host.shadowRoot!, { subtree: true, childList: true, characterData: true });
    const firstEpoch = oneEvent(sweep, 'rnn-epoch');
    const done = Promise.all([sweep.start(), compare.start()]);
    await firstEpoch;
    texts.push(...textsOf(root));
    await done;
    observer.disconnect();
    await Promise.all([sweep.updateComplete, compare.updateComplete, gates.updateComplete]);
    await expandAll(root);
    for (const host of hosts(root)) await (host as Partial<RnnTrainer>).updateComplete;
    // Hovering a heatmap names the gate, the hidden unit and the time step.
    const canvas = gates.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.heat')!;
    const box = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new PointerEvent('pointermove', { clientX: box.left + 1, clientY: box.top + 1, bubbles: true }));
    await gates.updateComplete;
    texts.push(...textsOf(root));

    const charts = hosts(root).filter((h) => 'toCSV' in h) as unknown as { toCSV(): string }[];
    expect(charts).to.have.length(5); // two loss charts, two prediction charts, the gate chart
    const headers = [...charts.map((c) => c.toCSV()), sweep.exportResults('csv'), compare.exportResults('csv')]
      .map((csv) => csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]);
    texts.push(...headers.flatMap((h) => h.split(',')));

    expect(allProblems(texts)).to.deep.equal([]);
    for (const header of headers) expect(header, 'a translated CSV header').to.match(new RegExp(`[${CJK}]`, 'u'));
    expect([...new Set(english(texts))]).to.deep.equal([]);
    // The chapter's terms are there, a sweep's runs are named in Chinese, and the hovered unit is counted from 1.
    const all = texts.join('\n');
    const terms = ['隐藏单元数', '隐藏状态', '训练集', '测试集', '训练损失', '测试损失（MSE）', '最低测试损失', '轮次', '时间步',
      '逐步预测', 'GRU（序列长度 10）', '隐藏单元 1，'];
    expect(terms.filter((term) => !all.includes(term))).to.deep.equal([]);
  });

  it('says each error in the chapter’s Chinese, naming the attribute to fix', async () => {
    const root = await fixture<HTMLDivElement>(html`<div lang="zh-CN"></div>`);
    /** The message of the first error of a trainer made from `markup`, after `setup`. */
    async function errorOf(markup: string, setup: (t: RnnTrainer) => void = () => {}): Promise<string> {
      root.innerHTML = markup;
      const trainer = root.querySelector('rnn-trainer') as RnnTrainer;
      const failed = oneEvent(trainer, 'rnn-error');
      setup(trainer);
      trainer.start().catch(() => {});
      const { message } = (await failed).detail;
      await trainer.updateComplete;
      expect(trainer.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim()).to.equal(message);
      return message;
    }
    const messages: Record<string, string> = {};
    const attributes = { 'hidden-size': '-1', 'seq-len': '1.5', 'learning-rate': 'x', models: 'gru foo', sweep: 'foo 1',
      backend: 'foo', controls: 'foo', split: '2' };
    for (const [attribute, value] of Object.entries(attributes)) {
      messages[attribute] = await errorOf(`<rnn-trainer ${attribute}="${value}"></rnn-trainer>`);
    }
    messages.column = await errorOf('<rnn-trainer column="c"><script type="text/csv">a,b\n1,2</script></rnn-trainer>');
    messages.cell = await errorOf('<rnn-trainer><script type="text/csv">1\nx\n3</script></rnn-trainer>');
    messages.short = await errorOf('<rnn-trainer><script type="text/csv">1\n2\n3</script></rnn-trainer>');
    messages.fetch = await errorOf('<rnn-trainer src="/no-such-data.csv"></rnn-trainer>');
    messages.weightsFetch = await errorOf('<rnn-trainer weights="/no-such-weights.json"></rnn-trainer>');
    messages.weightsKeys = await errorOf('<rnn-trainer></rnn-trainer>', (t) => (t.weights = { a: [1], b: [2] }));
    const huge = Array.from({ length: 300 }, (_, i) => (i % 2 ? '3e37' : '-3e37')).join('\n');
    messages.huge = await errorOf(`<rnn-trainer models="gru rnn"><script type="text/csv">${huge}</script></rnn-trainer>`);

    const unnamed = Object.keys(attributes).filter((a) => !messages[a].includes(`（${a}）`));
    expect([...unnamed.map((a) => `does not name （${a}）: ${messages[a]}`), ...allProblems(Object.values(messages))])
      .to.deep.equal([]);
    expect(messages.cell).to.contain('不是有效数值');
    expect(messages.weightsFetch, 'a weights file is not data').not.to.contain('数据');
    expect(messages.column).to.contain('“a”、“b”');
    expect(messages.models).to.contain('GRU、LSTM、RNN、MLP');
    // What a server says ("404 Not Found") is quoted as it is, inside a Chinese sentence.
    expect(messages.fetch).to.match(/服务器返回 HTTP 状态“404[^”]*”。$/);
    expect(messages.weightsFetch).to.match(/^无法从 \S+ 加载权重文件/);
  });

  it('saves every CSV with a UTF-8 BOM and CRLF line ends, so that Excel reads the Chinese headers', async () => {
    const root = await fixture<HTMLDivElement>(html`<div lang="zh-CN">
      <rnn-trainer id="zh-files" models="gru" epochs="1" charts="loss prediction"></rnn-trainer>
      <gate-chart for="zh-files"></gate-chart></div>`);
    const trainer = root.querySelector('rnn-trainer') as RnnTrainer;
    await trainer.start();
    await Promise.all(hosts(root).map((h) => (h as Partial<RnnTrainer>).updateComplete));
    await expandAll(root); // a CSV item may sit in a menu
    const click = HTMLAnchorElement.prototype.click;
    const files: Promise<{ name: string; bytes: Uint8Array }>[] = [];
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      const name = this.download;
      files.push(fetch(this.href).then((r) => r.arrayBuffer()).then((b) => ({ name, bytes: new Uint8Array(b) })));
    };
    try {
      for (const host of hosts(root)) {
        const buttons = [...host.shadowRoot!.querySelectorAll<HTMLElement>('button, [role="menuitem"]')];
        buttons.filter((b) => /CSV/.test(b.textContent ?? '')).forEach((b) => b.click());
      }
      await waitUntil(() => files.length >= 4, 'four CSV downloads: loss, prediction, gates, results');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    for (const { name, bytes } of await Promise.all(files)) {
      expect([...bytes.slice(0, 3)], `${name} starts with a BOM`).to.deep.equal([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
      expect(text.split('\r\n').every((line) => !line.includes('\n')), `${name} has CRLF line ends`).to.equal(true);
      expect(text.split('\r\n')[0], `${name} has a Chinese header`).to.match(new RegExp(`[${CJK}]`, 'u'));
    }
  });

  it('says in Chinese when the browser cannot encode a chart as PNG', async () => {
    const root = await fixture<HTMLDivElement>(html`<div lang="zh-CN"><rnn-trainer id="zh-png" charts="none"></rnn-trainer>
      <loss-chart for="zh-png"></loss-chart></div>`);
    const chart = root.querySelector('loss-chart')!;
    await chart.updateComplete;
    // The encoder fails as a browser's does when the canvas is too large for it: it gives null.
    const toBlob = HTMLCanvasElement.prototype.toBlob;
    HTMLCanvasElement.prototype.toBlob = function (callback: BlobCallback) { callback(null); };
    let message = '';
    try {
      await chart.toPNG();
    } catch (error) {
      message = (error as Error).message;
    } finally {
      HTMLCanvasElement.prototype.toBlob = toBlob;
    }
    expect(message).to.equal(zhCN['chart.error.png']);
  });

  it('copies embed code that keeps the page’s language', async () => {
    const root = await fixture<HTMLDivElement>(html`<div lang="zh-CN"><rnn-trainer seed="3"></rnn-trainer></div>`);
    const trainer = root.querySelector('rnn-trainer') as RnnTrainer;
    expect(trainer.embedCode()).to.match(/<rnn-trainer [^>]*lang="zh-CN"/);
  });

  it('has a demo page in the chapter’s Chinese, whose exercises name only controls the reader has', async () => {
    const page = new DOMParser().parseFromString(await (await fetch('/demo/zh.html')).text(), 'text/html');
    const texts = [page.title, ...textsOf(page.body)];
    expect(allProblems(texts)).to.deep.equal([]);
    const prose = texts.join('\n');
    expect(prose.split('逐步（自回归）预测').length - 1, 'the rollout defined once').to.equal(1);
    expect(prose).not.to.contain('属性'); // readers change controls, not attributes
    // Numbers are grouped as the elements (Intl) group them.
    for (const [number] of prose.matchAll(/(?<![\d.,])\d[\d,]{3,}(?![\d.])/g)) {
      expect(number).to.equal(new Intl.NumberFormat('zh-CN').format(Number(number.replace(/,/g, ''))));
    }
    for (const section of page.querySelectorAll('section')) {
      const controls = section.querySelector('rnn-trainer')?.getAttribute('controls') ?? 'models seq-len hidden-size learning-rate epochs split seed';
      if (/随机种子/.test(section.textContent ?? '')) expect(controls, section.id).to.contain('seed');
    }
  });
});
