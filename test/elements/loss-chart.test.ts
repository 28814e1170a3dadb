import { expect, fixture, html } from '@open-wc/testing';
import '../../dist/rnn-lab.js';
import type { LossChart } from '../../src/elements/loss-chart/loss-chart.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import {
  cellNumber, legendColours, legendLabels, menuItem, openTable, paintedPixels, pixelsOf, plotLabel, settled, shown, themeColour,
} from '../support/charts.js';

/** A trainer and a loss chart bound to it, trained for `epochs`. */
async function trained(models: string, epochs: number, chartAttrs = '') {
  const root = await fixture<HTMLDivElement>(html`<div style="width: 640px">
    <rnn-trainer id="lt" models=${models} epochs=${epochs} charts="none"></rnn-trainer>
    <loss-chart for="lt" ?log=${chartAttrs === 'log'}></loss-chart>
  </div>`);
  const trainer = root.querySelector('rnn-trainer')!;
  const chart = root.querySelector('loss-chart')!;
  await trainer.start();
  await settled(chart);
  return { trainer, chart };
}

const HISTORY = {
  gru: { trainLoss: [0.5, 0.25, 0.125, 0.0625], testLoss: [0.9, 0.6, 0.3, 0.0392] },
  lstm: { trainLoss: [0.4, 0.2, 0.1, 0.05], testLoss: [1.2, 1.1, 0.9, 0.824] },
};

describe('<loss-chart>', () => {
  it('draws each model in its own colour from the theme, two lines per model', async () => {
    const { chart } = await trained('gru lstm mlp', 6);
    expect(paintedPixels(chart)).to.be.greaterThan(1000);
    for (const model of ['gru', 'lstm', 'mlp']) expect(pixelsOf(chart, themeColour(chart, model)), model).to.be.greaterThan(20);
    expect(pixelsOf(chart, themeColour(chart, 'rnn'))).to.equal(0);
    expect(legendLabels(chart)).to.deep.equal(['GRU train', 'GRU test', 'LSTM train', 'LSTM test', 'MLP train', 'MLP test']);
    const styles = ['solid', 'dashed', 'solid', 'dashed', 'solid', 'dashed'];
    expect(chart.uplot!.series.slice(1).map((s) => (s.dash ? 'dashed' : 'solid'))).to.deep.equal(styles);
    const markers = [...chart.shadowRoot!.querySelectorAll('.legend .u-series .u-marker')].slice(1);
    expect(markers.map((m) => getComputedStyle(m).borderTopStyle)).to.deep.equal(styles);
  });

  it('has as many series as the trainer has models, and follows a new run with other models', async () => {
    const { trainer, chart } = await trained('gru', 3);
    expect(legendLabels(chart)).to.have.length(2);
    trainer.models = 'rnn lstm';
    await trainer.start();
    await settled(chart);
    expect(legendLabels(chart)).to.deep.equal(['RNN train', 'RNN test', 'LSTM train', 'LSTM test']);
    expect(pixelsOf(chart, themeColour(chart, 'gru'))).to.equal(0);
  });

  it('shows in its table exactly the numbers of the history', async () => {
    const { trainer, chart } = await trained('gru mlp', 7);
    const [header, ...rows] = await openTable(chart);
    expect(header).to.deep.equal(['epoch', 'GRU train', 'GRU test', 'MLP train', 'MLP test']);
    expect(rows).to.have.length(7);
    rows.forEach((row, i) => {
      const { gru, mlp } = trainer.history;
      expect(row.map(cellNumber)).to.deep.equal(
        [i + 1, shown(gru.trainLoss[i]), shown(gru.testLoss[i]), shown(mlp.trainLoss[i]), shown(mlp.testLoss[i])]);
    });
    expect(chart.shadowRoot!.querySelector('caption')!.textContent).to.equal(plotLabel(chart));
  });

  it('sums up the latest test loss of each run in the plot’s aria-label', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart></loss-chart>`);
    await settled(chart);
    expect(plotLabel(chart)).to.equal('Loss per epoch: no data yet.');
    chart.history = structuredClone(HISTORY);
    await settled(chart);
    const plot = chart.shadowRoot!.querySelector('[part="plot"]')!;
    expect(plot.getAttribute('role')).to.equal('img');
    expect(plotLabel(chart)).to.equal('GRU test loss 0.0392 after 4 epochs; LSTM test loss 0.824 after 4 epochs.');
    chart.history.gru.testLoss.push(0.031);
    chart.history.gru.trainLoss.push(0.03);
    chart.refresh();
    await settled(chart);
    expect(plotLabel(chart)).to.contain('GRU test loss 0.031 after 5 epochs');
  });

  it('names the runs of a sweep and keeps them apart in shades of their model’s colour', async () => {
    const run = (scale: number) => ({ trainLoss: [0.5 * scale, 0.2 * scale], testLoss: [0.9 * scale, 0.4 * scale] });
    const chart = await fixture<LossChart>(html`<loss-chart .history=${{
      'gru@seq-len=10': run(1), 'gru@seq-len=30': run(0.5), 'mlp@seq-len=10': run(2),
    }}></loss-chart>`);
    await settled(chart);
    expect(legendLabels(chart)).to.deep.equal([
      'GRU (sequence length 10) train', 'GRU (sequence length 10) test',
      'GRU (sequence length 30) train', 'GRU (sequence length 30) test',
      'MLP (sequence length 10) train', 'MLP (sequence length 10) test']);
    const strokes = legendColours(chart);
    // The GRU's two runs: its colour (31, 119, 180) mixed toward black, then toward white.
    const [dark, light] = [strokes[0], strokes[2]].map((s) => s.match(/\d+/g)!.map(Number));
    expect(dark.every((c, i) => c < [31, 119, 180][i])).to.equal(true);
    expect(light.every((c, i) => c > [31, 119, 180][i])).to.equal(true);
    expect(strokes[4]).to.equal(themeColour(chart, 'mlp'));
  });

  it('draws the trainer\'s reference as a dotted line per model, in its colour, labelled as the page author\'s', async () => {
    const root = await fixture<HTMLDivElement>(html`<div style="width: 640px">
      <rnn-trainer id="rf" models="gru" epochs="3" charts="none" reference='{"gru": 0.001, "lstm": 0.8}'></rnn-trainer>
      <loss-chart for="rf"></loss-chart>
    </div>`);
    const trainer = root.querySelector('rnn-trainer')!;
    const chart = root.querySelector('loss-chart')!;
    await trainer.start();
    await settled(chart);
    // Only the models that trained get a line; the reference lies below every loss, so the y-axis reaches down to it.
    expect(legendLabels(chart)).to.deep.equal(['GRU train', 'GRU test', 'GRU reference test MSE (page author’s)']);
    const line = chart.uplot!.series[3];
    expect(line.dash).to.deep.equal([2, 4]);
    expect(chart.uplot!.data[3]).to.deep.equal([0.001, 0.001, 0.001]);
    expect(chart.uplot!.scales.y.min!).to.be.at.most(0.001);
    const [header, ...rows] = await openTable(chart);
    expect(header[3]).to.equal('GRU reference test MSE (page author’s)');
    expect(rows.map((row) => cellNumber(row[3]))).to.deep.equal([0.001, 0.001, 0.001]);
    trainer.setAttribute('reference', '{"gru": 0.002}');
    chart.refresh();
    await settled(chart);
    expect(chart.uplot!.data[3]).to.deep.equal([0.002, 0.002, 0.002]);
  });

  it('uses a logarithmic y-axis with the log attribute', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart .history=${structuredClone(HISTORY)}></loss-chart>`);
    await settled(chart);
    expect(chart.uplot!.scales.y.distr).to.equal(1);
    chart.log = true;
    await settled(chart);
    expect(chart.getAttribute('log')).to.equal('');
    expect(chart.uplot!.scales.y.distr).to.equal(3);
    expect(pixelsOf(chart, themeColour(chart, 'gru'))).to.be.greaterThan(20);
  });

  it('keeps its y-axis as wide as it has been, and at least uPlot’s 50 px, so that falling losses do not move the plot', async () => {
    const losses = (train: number[], test: number[]) => ({ gru: { trainLoss: train, testLoss: test } });
    const chart = await fixture<LossChart>(html`<loss-chart .history=${losses([5, 1], [4, 2])}></loss-chart>`);
    await settled(chart);
    const plotLeft = () => chart.uplot!.bbox.left / devicePixelRatio;
    const first = plotLeft();
    // Labels three characters longer ("0.02" after "5") still fit in the least width.
    chart.history = losses([0.09, 0.01], [0.08, 0.02]);
    await settled(chart);
    expect(plotLeft(), 'labels of four characters moved the plot').to.equal(first);
    // Labels that need more room get it...
    chart.history = losses([1e7, 3e7], [2e7, 4e7]);
    await settled(chart);
    const wide = plotLeft();
    expect(wide, 'the axis did not widen for labels of ten characters').to.be.above(first + 20);
    // ...and keep it when they shorten again.
    chart.history = losses([5, 1], [4, 2]);
    await settled(chart);
    expect(plotLeft(), 'the axis narrowed again').to.equal(wide);
  });

  it('exports its data as CSV at full precision and its picture as PNG', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart .history=${structuredClone(HISTORY)}></loss-chart>`);
    await settled(chart);
    const lines = chart.toCSV().trim().split('\r\n');
    expect(lines[0]).to.equal('epoch,GRU train,GRU test,LSTM train,LSTM test');
    expect(lines[4]).to.equal('4,0.0625,0.0392,0.05,0.824');
    const png = (await chart.toPNG())!;
    expect(png.type).to.equal('image/png');
    const image = await createImageBitmap(png);
    expect(image.width).to.equal(chart.uplot!.ctx.canvas.width);
    expect(image.height).to.be.greaterThan(chart.uplot!.ctx.canvas.height);
    // The legend is drawn under the plot, each run in its colour.
    const canvas = new OffscreenCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const legendTop = image.height - 40;
    const legend = ctx.getImageData(0, legendTop, image.width, 40).data;
    const has = (colour: string) => {
      ctx.fillStyle = colour;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
      for (let i = 0; i < legend.length; i += 4) if (legend[i] === r && legend[i + 1] === g && legend[i + 2] === b) return true;
      return false;
    };
    expect(has(themeColour(chart, 'gru')), 'GRU in the legend').to.equal(true);
    expect(has(themeColour(chart, 'lstm')), 'LSTM in the legend').to.equal(true);
  });

  it('downloads loss.png and loss.csv from its buttons', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart .history=${structuredClone(HISTORY)}></loss-chart>`);
    await settled(chart);
    const click = HTMLAnchorElement.prototype.click;
    const saved = new Promise<{ name: string; blob: Blob }[]>((resolve) => {
      const files: Promise<{ name: string; blob: Blob }>[] = [];
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        const name = this.download;
        files.push(fetch(this.href).then((r) => r.blob()).then((blob) => ({ name, blob })));
        if (files.length === 2) resolve(Promise.all(files));
      };
    });
    let downloads: { name: string; blob: Blob }[];
    try {
      menuItem(chart, 'csv').click();
      menuItem(chart, 'png').click();
      downloads = await saved;
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(downloads.map((d) => d.name)).to.deep.equal(['loss.csv', 'loss.png']);
    expect(await downloads[0].blob.text()).to.equal(chart.toCSV());
    expect(downloads[1].blob.type).to.equal('image/png');
  });

  it('speaks Simplified Chinese under lang="zh-CN"', async () => {
    const root = await fixture<HTMLDivElement>(html`<div lang="zh-CN">
      <loss-chart .history=${structuredClone(HISTORY)}></loss-chart></div>`);
    const chart = root.querySelector('loss-chart')!;
    await settled(chart);
    expect(plotLabel(chart)).to.equal('GRU 训练 4 轮后的测试损失为 0.0392；LSTM 训练 4 轮后的测试损失为 0.824。');
    expect(legendLabels(chart)).to.deep.equal(['GRU 训练损失', 'GRU 测试损失', 'LSTM 训练损失', 'LSTM 测试损失']);
    const texts = [...chart.shadowRoot!.querySelectorAll('[role="menuitem"]')].map((b) => b.textContent!.trim());
    expect(texts).to.deep.equal(['以表格显示数据', '下载 PNG', '下载 CSV']);
    expect(chart.shadowRoot!.querySelector('[aria-haspopup="menu"]')!.getAttribute('aria-label')).to.equal('表格与下载');
    const [header] = await openTable(chart);
    expect(header[0]).to.equal('轮次');
  });

  it('speaks the language its page switches to, even right after it wrote in the old one', async () => {
    // An element looks its language up once per turn of work: the lookup must not outlive it.
    const root = await fixture<HTMLDivElement>(html`<div lang="en">
      <loss-chart .history=${structuredClone(HISTORY)}></loss-chart></div>`);
    const chart = root.querySelector('loss-chart')!;
    await settled(chart);
    expect(chart.toCSV().split(/\r?\n/)[0]).to.match(/^epoch,/i);
    root.lang = 'zh-CN';
    await settled(chart);
    expect(plotLabel(chart)).to.equal('GRU 训练 4 轮后的测试损失为 0.0392；LSTM 训练 4 轮后的测试损失为 0.824。');
    expect(chart.toCSV().replace(/^\uFEFF/, '').split(/\r?\n/)[0]).to.match(/^轮次,/);
  });

  it('passes axe, with the table open too', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart .history=${structuredClone(HISTORY)}></loss-chart>`);
    await settled(chart);
    await expect(chart).to.be.accessible();
    await openTable(chart);
    await expect(chart).to.be.accessible();
  });
});
