import { expect, fixture, html } from '@open-wc/testing';
import '../../dist/rnn-lab.js';
import type { PredictionChart } from '../../src/elements/prediction-chart/prediction-chart.js';

describe('<prediction-chart> with a million points', () => {
  it('draws a sample of at most 5,000 points, the rollout on the same x values', async () => {
    const series = Float32Array.from({ length: 1_000_000 }, (_, t) => Math.sin(t / 5000));
    const split = 800_000;
    const rollout = series.slice(split + 1);
    const chart = await fixture<PredictionChart>(html`<prediction-chart style="width: 600px"></prediction-chart>`);
    chart.series = series;
    chart.splitIndex = split;
    chart.predictions = { gru: rollout };
    await chart.updateComplete;
    const [t, train, test, gru] = chart.uplot!.data as unknown as number[][];
    expect(t.length).to.be.within(1000, 5000);
    expect(t[t.length - 1]).to.be.at.least(1_000_000 - Math.ceil(1_000_000 / 5000));
    const j = t.findIndex((x) => x > split + 1);
    expect(gru[j]).to.equal(rollout[t[j] - split - 1]);
    expect(test[j]).to.equal(series[t[j]]);
    expect(train[j]).to.equal(null);
    expect(train[1]).to.equal(series[t[1]]);
  });
});

describe('<prediction-chart> bound to a trainer', () => {
  it('draws the untrained models` rollouts before the first epoch (rnn-data)', async () => {
    const root = await fixture<HTMLDivElement>(html`<div>
      <rnn-trainer id="p" pace="0.5" epochs="3" charts="none"></rnn-trainer><prediction-chart for="p"></prediction-chart></div>`);
    const trainer = root.querySelector('rnn-trainer')!;
    const chart = root.querySelector('prediction-chart') as PredictionChart;
    const data = new Promise((resolve) => trainer.addEventListener('rnn-data', resolve, { once: true }));
    trainer.start().catch(() => {});
    await data;
    await chart.updateComplete;
    expect(trainer.history.gru.trainLoss).to.have.length(0);
    const gru = chart.uplot!.data[3] as (number | null)[];
    expect(gru.filter((v) => v !== null)).to.have.length(199);
    trainer.stop();
  });
});
