import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../dist/rnn-lab.js';
import type { GradientChart } from '../../src/elements/gradient-chart/gradient-chart.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import { maxRelativeError } from '../support/close.js';
import type { GradientCase } from '../workers/engine/gradient-probe.test.js';
import { distinctColours } from '../support/charts.js';

const fixtureJson: { torch: string; learningRate: number; cases: GradientCase[] } =
  await (await fetch('/test/reference/gradients.json')).json();

async function page(attrs: { models: string; epochs: number; seqLen?: number; lang?: string }) {
  const root = await fixture<HTMLDivElement>(html`<div lang=${attrs.lang ?? 'en'}>
    <rnn-trainer id="g" models=${attrs.models} epochs=${attrs.epochs} seq-len=${attrs.seqLen ?? 20} charts="none" controls="none"></rnn-trainer>
    <gradient-chart for="g"></gradient-chart></div>`);
  return { trainer: root.querySelector('rnn-trainer') as RnnTrainer, chart: root.querySelector('gradient-chart') as GradientChart };
}

const select = (chart: GradientChart, i: number) => chart.shadowRoot!.querySelectorAll('select')[i];

async function choose(chart: GradientChart, i: number, value: string): Promise<void> {
  const picker = select(chart, i);
  picker.value = value;
  picker.dispatchEvent(new Event('change'));
  await chart.updateComplete;
}

describe('<gradient-chart>', () => {
  it(`makes the trainer record BPTT gradients that match PyTorch ${fixtureJson.torch} (fixed weights, one epoch at lr 1e-9), and draws them`, async () => {
    const { trainer, chart } = await page({ models: 'gru rnn lstm', epochs: 1, seqLen: 50 });
    trainer.setAttribute('src', '/data/sine-1000.csv');
    trainer.setAttribute('hidden-size', '16');
    trainer.setAttribute('learning-rate', String(fixtureJson.learningRate));
    trainer.weights = Object.fromEntries(fixtureJson.cases.map((c) => [c.kind, c.stateDict]));
    await trainer.start();
    await chart.updateComplete;
    for (const c of fixtureJson.cases) {
      const got = trainer.gradients[c.kind];
      expect(got.epoch).to.equal(1);
      const errors = { connectivity: maxRelativeError(got.connectivity, c.connectivity), hiddenGrad: maxRelativeError(got.hiddenGrad, c.hiddenGrad) };
      expect(errors.connectivity, `${c.kind} connectivity`).to.be.below(1e-3);
      expect(errors.hiddenGrad, `${c.kind} hiddenGrad`).to.be.below(1e-3);
    }
    // Drawn: one line per model over the lag, the latest values, last step first.
    const plot = chart.uplot!;
    expect(plot.series.slice(1).map((s) => s.label)).to.deep.equal(['GRU', 'RNN', 'LSTM']);
    expect(plot.data[0]).to.have.length(50);
    expect(plot.data[1][0]).to.equal(trainer.gradients.gru.connectivity[49]);
    expect(plot.data[2][49]).to.equal(trainer.gradients.rnn.connectivity[0] || null);
    expect(distinctColours(chart.shadowRoot!.querySelector<HTMLCanvasElement>('.plot canvas')!)).to.be.greaterThan(4);
    expect(trainer.gradientHistory.gru.map((g) => g.epoch)).to.deep.equal([1]);
  });

  it('says how far back each model remembers, in a summary that screen readers get too', async () => {
    const { trainer, chart } = await page({ models: 'gru rnn', epochs: 2 });
    await trainer.start();
    await chart.updateComplete;
    const label = chart.shadowRoot!.querySelector('[role="img"]')!.getAttribute('aria-label')!;
    expect(label).to.match(/^GRU: the last prediction still depends on inputs \d+ steps back \(within 1\/100 of the strongest\); RNN: \d+ steps\.$/);
    expect(chart.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal(label);
    await choose(chart, 1, 'hidden');
    expect(chart.metric).to.equal('hidden');
    expect(chart.shadowRoot!.querySelector('[role="img"]')!.getAttribute('aria-label')).to.contain('‖∂L/∂h_t‖');
    expect(chart.uplot!.data[1][0]).to.equal(trainer.gradients.gru.hiddenGrad[19]);
  });

  it('records nothing while no gradient chart is bound: before binding, and after the chart is removed', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><rnn-trainer id="n" epochs="2" charts="none" controls="none"></rnn-trainer></div>`);
    const trainer = root.querySelector('rnn-trainer') as RnnTrainer;
    await trainer.start();
    expect(trainer.gradients).to.deep.equal({});
    const chart = document.createElement('gradient-chart');
    chart.htmlFor = 'n';
    root.append(chart);
    await trainer.start();
    expect(Object.keys(trainer.gradients)).to.deep.equal(['gru']);
    chart.remove();
    await trainer.start();
    expect(trainer.gradients).to.deep.equal({});
  });

  it('binds to a trainer that is already training, and records from then on', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><rnn-trainer id="late" models="lstm" epochs="100000" pace="30" charts="none" controls="none"></rnn-trainer></div>`);
    const trainer = root.querySelector('rnn-trainer') as RnnTrainer;
    trainer.start().catch(() => {});
    await waitUntil(() => (trainer.history.lstm?.trainLoss.length ?? 0) >= 2, 'two epochs', { timeout: 60000 });
    const chart = document.createElement('gradient-chart');
    chart.htmlFor = 'late';
    root.append(chart);
    await waitUntil(() => trainer.gradients.lstm !== undefined, 'a recording', { timeout: 60000 });
    expect(trainer.gradients.lstm.epoch).to.be.at.least(3);
    trainer.stop();
  });

  it('shows the epochs as a heatmap for one model, with its table and CSV', async () => {
    const { trainer, chart } = await page({ models: 'gru rnn', epochs: 3 });
    await trainer.start();
    await choose(chart, 0, 'epochs');
    expect(chart.view).to.equal('epochs');
    await choose(chart, 2, 'rnn');
    expect(chart.model).to.equal('rnn');
    await chart.updateComplete;
    const canvas = chart.shadowRoot!.querySelector<HTMLCanvasElement>('.plot canvas')!;
    expect(distinctColours(canvas)).to.be.greaterThan(10);
    const epochs = trainer.gradientHistory.rnn.map((g) => g.epoch);
    const csv = chart.toCSV().trim().split('\r\n');
    expect(csv[0].split(',')).to.have.length(21);
    expect(csv.slice(1).map((row) => Number(row.split(',')[0]))).to.deep.equal(epochs);
    expect(Number(csv.at(-1)!.split(',')[1])).to.equal(trainer.gradients.rnn.connectivity[19]);
    const label = chart.shadowRoot!.querySelector('[role="img"]')!.getAttribute('aria-label')!;
    expect(label).to.contain('RNN').and.contain(`epochs ${epochs[0]} to ${epochs.at(-1)}`);
    const png = await chart.toPNG();
    expect(png!.type).to.equal('image/png');
    expect(png!.size).to.be.greaterThan(1000);
  });

  it('speaks Simplified Chinese and is accessible in both views', async () => {
    const { trainer, chart } = await page({ models: 'gru', epochs: 1, lang: 'zh-CN' });
    await trainer.start();
    await chart.updateComplete;
    expect(chart.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.match(/^GRU：最后一个预测仍依赖 \d+ 个时间步之前的输入（在最强依赖的 1\/100 以内）。$/);
    await expect(chart).to.be.accessible();
    await choose(chart, 0, 'epochs');
    await expect(chart).to.be.accessible();
  });
});
