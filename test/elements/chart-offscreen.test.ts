import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import '../../dist/rnn-lab.js';
import type { LossChart } from '../../src/elements/loss-chart/loss-chart.js';

const history = (epochs: number) => ({
  gru: {
    trainLoss: Array.from({ length: epochs }, (_, i) => 1 / (i + 1)),
    testLoss: Array.from({ length: epochs }, (_, i) => 2 / (i + 1)),
  },
});

describe('charts off-screen', () => {
  it('wait to redraw while scrolled away, and draw the latest data once they come into view', async () => {
    const root = await fixture<HTMLDivElement>(html`<div style="width: 480px">
      <div class="spacer" style="height: 4000px"></div>
      <loss-chart .history=${history(5)}></loss-chart>
    </div>`);
    const chart = root.querySelector<LossChart>('loss-chart')!;
    window.scrollTo(0, 0);
    await chart.updateComplete; // someone awaits the draw: it happens even off-screen
    const epochsDrawn = () => chart.uplot?.data[0].length ?? 0;
    expect(epochsDrawn()).to.equal(5);
    await waitUntil(() => chart.offscreen, 'the chart to know it is off-screen');

    chart.history = history(12);
    chart.refresh();
    // Many frames pass, more than the draw queue needs to reach a visible chart.
    for (let frame = 0; frame < 30; frame++) await nextFrame();
    expect(epochsDrawn(), 'no draw while nobody can see it').to.equal(5);

    chart.scrollIntoView();
    await waitUntil(() => epochsDrawn() === 12, 'the latest data drawn once in view');
  });
});
