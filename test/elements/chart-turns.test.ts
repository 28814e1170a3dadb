import { expect, fixture, html, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type uPlot from 'uplot';
import '../../dist/rnn-lab.js';
import type { LossChart } from '../../src/elements/loss-chart/loss-chart.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import { pixelsOf, settled } from '../support/charts.js';
import { PATIENT } from '../support/wait.js';

const losses = (epochs: number) => ({
  trainLoss: Array.from({ length: epochs }, (_, i) => 1 / (i + 1)),
  testLoss: Array.from({ length: epochs }, (_, i) => 2 / (i + 1)),
});

/** Calls `record(inFrame)` at every draw of the chart's plot: inFrame is true inside an animation-frame callback. */
function watchDraws(chart: LossChart, record: (inFrame: boolean) => void): () => void {
  const original = window.requestAnimationFrame;
  let inFrame = false;
  window.requestAnimationFrame = (callback) => original.call(window, (time) => {
    inFrame = true;
    try {
      callback(time);
    } finally {
      inFrame = false;
    }
  });
  const hooks = chart.uplot!.hooks as uPlot.Hooks.Arrays;
  hooks.draw = [...(hooks.draw ?? []), () => record(inFrame)];
  return () => {
    window.requestAnimationFrame = original;
  };
}

describe('chart draws take turns', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('draw in a task of their own, after the frame, not inside its callbacks', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart .history=${{ gru: losses(5) }}></loss-chart>`);
    await settled(chart);
    const draws: boolean[] = [];
    const restore = watchDraws(chart, (inFrame) => draws.push(inFrame));
    try {
      for (let epoch = 6; epoch <= 12; epoch++) {
        chart.history = { gru: losses(epoch) };
        await settled(chart);
      }
    } finally {
      restore();
    }
    expect(draws.length, 'a draw per new epoch').to.be.greaterThan(3);
    expect(draws.filter((inFrame) => inFrame), 'draws inside animation-frame callbacks').to.have.length(0);
    expect(chart.uplot!.data[0]).to.have.length(12);
  });

  it('keep the old plot on screen while a new one is made, and show the new one with the latest data', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart .history=${{ gru: losses(5) }}></loss-chart>`);
    await settled(chart);
    const old = chart.uplot!;
    // A second run changes the plot's series: a new plot is made, at one turn, and shown at the next.
    const history = { gru: losses(6), lstm: losses(6) };
    chart.history = history;
    const shown: boolean[] = [];
    let frames = 0;
    while (chart.uplot === old) {
      shown.push(!!chart.uplot?.root.isConnected && chart.shadowRoot!.querySelectorAll('.plot .uplot').length === 1);
      // The data grows while the new plot is being made.
      Object.assign(history, { gru: losses(6 + frames), lstm: losses(6 + frames) });
      chart.refresh();
      await nextFrame();
      expect(++frames, 'frames until the new plot shows').to.be.below(600);
    }
    expect(shown.every(Boolean), 'one plot on screen at every frame').to.equal(true);
    await settled(chart);
    expect(chart.uplot!.series).to.have.length(1 + 4);
    expect(chart.uplot!.data[0]).to.have.length(history.gru.trainLoss.length);
    expect(chart.shadowRoot!.querySelectorAll('.plot .uplot')).to.have.length(1);
    expect(chart.shadowRoot!.querySelectorAll('.legend .u-legend')).to.have.length(1);
  });

  it('make, draw and show a new plot at consecutive turns, not a redraw interval apart', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart .history=${{ gru: losses(5) }}></loss-chart>`);
    await settled(chart);
    const old = chart.uplot!;
    const drawnAt = performance.now();
    // The first turn comes once the last draw is a redraw interval (100 ms) old.
    await waitUntil(() => performance.now() - drawnAt > 100, 'the redraw interval to pass');
    chart.history = { gru: losses(6), lstm: losses(6) };
    // Then three turns (make, draw out of the page, show), one per frame, each of which may
    // wait one frame for the page's layout. Spaced as redraws, ten a second, the three would
    // take twelve frames or more at sixty a second.
    let frames = 0;
    while (chart.uplot === old) {
      await nextFrame();
      frames++;
    }
    expect(frames, 'frames until the new plot shows').to.be.below(8);
  });

  it('take a colour the page sets during a run by the time the run ends', async () => {
    const root = await fixture<HTMLDivElement>(html`<div style="width: 600px">
      <rnn-trainer id="restyled" models="gru" epochs="40" pace="40" charts="none" controls="none"></rnn-trainer>
      <loss-chart for="restyled"></loss-chart></div>`);
    const trainer = root.querySelector<RnnTrainer>('rnn-trainer')!;
    const chart = root.querySelector<LossChart>('loss-chart')!;
    const done = oneEvent(trainer, 'rnn-done');
    trainer.start().catch(() => {});
    await waitUntil(() => (chart.uplot?.data[0].length ?? 0) > 0, 'a first epoch drawn', PATIENT);
    // A paced run (40 epochs a second at most) is still going.
    expect(trainer.state).to.equal('training');
    chart.style.setProperty('--rnn-lab-gru', 'rgb(255, 0, 255)');
    await done;
    await settled(chart);
    expect(pixelsOf(chart, 'rgb(255, 0, 255)')).to.be.greaterThan(20);
  });

  it('draw less when the reader prefers reduced motion, and still draw the last state', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const chart = await fixture<LossChart>(html`<loss-chart .history=${{ gru: losses(5) }}></loss-chart>`);
    await settled(chart);
    let draws = 0;
    const restore = watchDraws(chart, () => draws++);
    const updates = 40;
    const started = performance.now();
    try {
      for (let epoch = 6; epoch < 6 + updates; epoch++) {
        chart.history.gru = losses(epoch);
        chart.refresh();
        await nextFrame();
      }
      await settled(chart);
    } finally {
      restore();
    }
    const seconds = (performance.now() - started) / 1000;
    // A draw a second at most, and the last state; otherwise one every 100 ms, ten a second.
    expect(draws, `draws for ${updates} updates over ${seconds.toFixed(2)} s, one a frame`).to.be.at.most(Math.ceil(seconds) + 1);
    expect(chart.uplot!.data[0], 'the last state').to.have.length(5 + updates);
  });

  it('space out a chart whose draws are slow, so that it spends at most a tenth of the time drawing', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart .history=${{ gru: losses(5) }}></loss-chart>`);
    await settled(chart);
    // Every draw takes 40 ms more, as on a slow machine: the next waits ten times as long.
    const slow = 40;
    let draws = 0;
    const hooks = chart.uplot!.hooks as uPlot.Hooks.Arrays;
    hooks.draw = [...(hooks.draw ?? []), () => {
      draws++;
      const until = performance.now() + slow;
      while (performance.now() < until) { /* busy, as a slow draw is */ }
    }];
    const updates = 60;
    const started = performance.now();
    for (let epoch = 6; epoch < 6 + updates; epoch++) {
      chart.history.gru = losses(epoch);
      chart.refresh();
      await nextFrame();
    }
    await settled(chart);
    const elapsed = performance.now() - started;
    // Two draws are at least 10 x 40 ms apart at their starts, so their hooks at least 9 x 40 ms.
    expect(draws, `draws for ${updates} updates over ${(elapsed / 1000).toFixed(2)} s`).to.be.at.most(Math.floor(elapsed / (9 * slow)) + 2);
    expect(chart.uplot!.data[0], 'the last state').to.have.length(5 + updates);
  });

  it('still draw while other elements render between every two frames', async () => {
    const root = await fixture<HTMLDivElement>(html`<div style="width: 600px">
      <loss-chart id="drawn" .history=${{ gru: losses(5) }}></loss-chart>
      <gate-chart id="busy"></gate-chart></div>`);
    const chart = root.querySelector<LossChart>('#drawn')!;
    const busy = root.querySelector('gate-chart')!;
    await settled(chart);
    // A render in every task between frames: a turn waits for one frame after a render, never more.
    let rendering = true;
    const renderAgain = () => {
      busy.requestUpdate();
      if (rendering) setTimeout(renderAgain, 0);
    };
    renderAgain();
    try {
      for (let epoch = 6; epoch <= 10; epoch++) {
        chart.history = { gru: losses(epoch) };
        await settled(chart);
        expect(chart.uplot!.data[0]).to.have.length(epoch);
      }
    } finally {
      rendering = false;
    }
  });
});
