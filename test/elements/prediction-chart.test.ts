import { expect, fixture, html } from '@open-wc/testing';
import '../../dist/rnn-lab.js';
import type { PredictionChart } from '../../src/elements/prediction-chart/prediction-chart.js';
import {
  cellNumber, legendLabels, openTable, paintedPixels, pixelsIn, pixelsOf, plotCanvas, plotLabel, settled, shown, themeColour,
} from '../support/charts.js';

/** 100 values of a sine, split at 80, and two made-up rollouts over the 19 values after the split. */
function sample() {
  const series = Float32Array.from({ length: 100 }, (_, t) => Math.sin(t / 8));
  const truth = series.slice(81);
  const predictions = {
    gru: truth.map((v) => v + 0.1),
    mlp: truth.map(() => 0),
  };
  return { series, splitIndex: 80, predictions };
}

async function drawn(data = sample()) {
  const chart = await fixture<PredictionChart>(html`<prediction-chart style="width: 640px"
    .series=${data.series} .splitIndex=${data.splitIndex} .predictions=${data.predictions}></prediction-chart>`);
  await settled(chart);
  return chart;
}

describe('<prediction-chart>', () => {
  it('draws train and test points in their two colours and each rollout in its model’s colour', async () => {
    const chart = await drawn();
    expect(paintedPixels(chart)).to.be.greaterThan(1000);
    for (const name of ['train', 'test', 'gru', 'mlp']) expect(pixelsOf(chart, themeColour(chart, name)), name).to.be.greaterThan(20);
    expect(themeColour(chart, 'train')).to.not.equal(themeColour(chart, 'test'));
    expect(legendLabels(chart)).to.deep.equal(['train data', 'test data', 'GRU prediction', 'MLP prediction']);
  });

  it('draws each data point as a square at its value, and none outside the plot area when zoomed in', async () => {
    const data = sample();
    const chart = await drawn(data);
    const u = chart.uplot!;
    const colour = themeColour(chart, 'train');
    let isTrain = pixelsIn(chart, colour);
    // t = 12 is the top of the sine, clear of the other points' squares.
    const x = Math.round(u.valToPos(12, 'x', true));
    const y = Math.round(u.valToPos(data.series[12], 'y', true));
    const side = 3 * devicePixelRatio;
    const square = [];
    for (let dy = -side; dy <= side; dy++) for (let dx = -side; dx <= side; dx++) if (isTrain(x + dx, y + dy)) square.push([dx, dy]);
    expect(square.length, 'pixels of the point').to.equal(side * side);

    u.setScale('x', { min: 40, max: 60 });
    await settled(chart);
    isTrain = pixelsIn(chart, colour);
    const { left } = u.bbox;
    let outside = 0;
    for (let px = 0; px < left - side; px++) for (let py = 0; py < plotCanvas(chart).height; py++) if (isTrain(px, py)) outside++;
    expect(outside, 'train pixels left of the plot area').to.equal(0);
  });

  it('moves its data points with the y-axis when a new rollout widens it, the series unchanged', async () => {
    const data = sample();
    const chart = await drawn(data);
    const u = chart.uplot!;
    const side = 3 * devicePixelRatio;
    // Train pixels in the square around t = 12, the top of the sine, where the plot puts it now.
    const pointPixels = () => {
      const isTrain = pixelsIn(chart, themeColour(chart, 'train'));
      const x = Math.round(u.valToPos(12, 'x', true));
      const y = Math.round(u.valToPos(data.series[12], 'y', true));
      let count = 0;
      for (let dy = -side; dy <= side; dy++) for (let dx = -side; dx <= side; dx++) if (isTrain(x + dx, y + dy)) count++;
      return count;
    };
    expect(pointPixels(), 'the point before').to.equal(side * side);
    const top = u.scales.y.max!;
    chart.predictions = { ...data.predictions, gru: data.predictions.gru.map(() => 6) };
    await settled(chart);
    expect(chart.uplot, 'the same plot').to.equal(u);
    expect(u.scales.y.max!, 'the y-axis widened').to.be.greaterThan(top + 2);
    expect(pointPixels(), 'the point at its new place').to.equal(side * side);
  });

  it('puts each rollout over the test range only, value i at t = split + 1 + i', async () => {
    const data = sample();
    const chart = await drawn(data);
    const [t, train, test, gru] = chart.uplot!.data;
    expect(t).to.have.length(100);
    expect(train.slice(0, 80).every((v) => v !== null) && train.slice(80).every((v) => v === null)).to.equal(true);
    expect(test.slice(0, 80).every((v) => v === null) && test.slice(80).every((v) => v !== null)).to.equal(true);
    expect(gru.slice(0, 81).every((v) => v === null)).to.equal(true);
    expect(gru[81]).to.equal(data.predictions.gru[0]);
    expect(gru[99]).to.equal(data.predictions.gru[18]);
  });

  it('marks the split with a labelled line', async () => {
    const chart = await drawn();
    const marker = themeColour(chart, 'muted');
    const withMarker = pixelsOf(chart, marker);
    chart.splitIndex = 0;
    chart.predictions = {};
    chart.series = null;
    await settled(chart);
    expect(withMarker).to.be.greaterThan(pixelsOf(chart, marker) + 30);
  });

  it('shows in its table the series and each rollout, and sums up each rollout’s error', async () => {
    const data = sample();
    const chart = await drawn(data);
    expect(plotLabel(chart)).to.equal(
      '100 values, the test part from t = 80; GRU prediction error (MSE) 0.01; MLP prediction error (MSE) '
      + `${Number((data.series.slice(81).reduce((s, v) => s + v * v, 0) / 19).toPrecision(4))}.`);
    const [header, ...rows] = await openTable(chart);
    expect(header).to.deep.equal(['t', 'train data', 'test data', 'GRU prediction', 'MLP prediction']);
    expect(rows).to.have.length(100);
    const expected = (t: number) => [t,
      t < 80 ? shown(data.series[t]) : null, t >= 80 ? shown(data.series[t]) : null,
      t > 80 ? shown(data.predictions.gru[t - 81]) : null, t > 80 ? shown(data.predictions.mlp[t - 81]) : null];
    rows.forEach((row, t) => expect(row.map(cellNumber), `t = ${t}`).to.deep.equal(expected(t)));
    const csv = chart.toCSV().trim().split('\r\n');
    expect(csv[0]).to.equal('t,train data,test data,GRU prediction,MLP prediction');
    expect(csv[1]).to.equal(`0,${data.series[0]},,,`);
    expect(csv[82]).to.equal(`81,,${data.series[81]},${data.predictions.gru[0]},${data.predictions.mlp[0]}`);
  });

  it('follows a trainer: its series, split and every model’s rollout', async () => {
    const root = await fixture<HTMLDivElement>(html`<div>
      <rnn-trainer id="pt" models="gru lstm" epochs="3" charts="none"></rnn-trainer>
      <prediction-chart for="pt"></prediction-chart></div>`);
    const trainer = root.querySelector('rnn-trainer')!;
    const chart = root.querySelector('prediction-chart')!;
    await trainer.start();
    await settled(chart);
    expect(chart.series === trainer.series, 'series followed').to.equal(true);
    expect(chart.splitIndex).to.equal(800);
    expect(chart.predictions === trainer.predictions, 'predictions followed').to.equal(true);
    expect(legendLabels(chart)).to.deep.equal(['train data', 'test data', 'GRU prediction', 'LSTM prediction']);
    expect(pixelsOf(chart, themeColour(chart, 'lstm'))).to.be.greaterThan(20);
    const mse = trainer.history.gru.testLoss[2];
    expect(plotLabel(chart)).to.contain(`GRU prediction error (MSE) ${Number(mse.toPrecision(4))}`);
  });

  it('speaks Simplified Chinese under lang="zh-CN"', async () => {
    const data = sample();
    const root = await fixture<HTMLDivElement>(html`<div lang="zh-CN"><prediction-chart
      .series=${data.series} .splitIndex=${80} .predictions=${{ gru: data.predictions.gru }}></prediction-chart></div>`);
    const chart = root.querySelector('prediction-chart')!;
    await settled(chart);
    expect(plotLabel(chart)).to.equal('共 100 个值，测试集从 t = 80 开始；GRU 的测试损失（MSE）为 0.01。');
    expect(legendLabels(chart)).to.deep.equal(['训练集', '测试集', 'GRU 逐步预测']);
  });

  it('passes axe, with the table open too', async () => {
    const chart = await drawn();
    await expect(chart).to.be.accessible();
    await openTable(chart);
    await expect(chart).to.be.accessible();
  });
});
