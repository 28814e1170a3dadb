import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendMouse } from '@web/test-runner-commands';
import '../../dist/rnn-lab.js';
import type { LossChart } from '../../src/elements/loss-chart/loss-chart.js';
import type { PredictionChart } from '../../src/elements/prediction-chart/prediction-chart.js';
import { frames, pixelsOf, plotCanvas, settled, themeColour } from '../support/charts.js';
import { PATIENT } from '../support/wait.js';

const HISTORY = () => ({
  gru: { trainLoss: Array.from({ length: 50 }, (_, i) => 1 / (i + 1)), testLoss: Array.from({ length: 50 }, (_, i) => 2 / (i + 1)) },
});

/** Whether the chart's plot is drawn at its frame's size (it follows at the chart's next draw). */
function fitsFrame(chart: LossChart | PredictionChart): boolean {
  const frame = chart.shadowRoot!.querySelector('.plot')!.getBoundingClientRect();
  return chart.uplot!.width === Math.round(frame.width) && chart.uplot!.height === Math.round(frame.height);
}

function inside(inner: DOMRect, outer: DOMRect): boolean {
  return inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;
}

describe('charts: size, theme and interaction', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
    await resetMouse();
  });

  it('follows its width down to 320 px, the plot staying inside the element', async () => {
    const box = await fixture<HTMLDivElement>(html`<div style="width: 900px">
      <loss-chart .history=${HISTORY()}></loss-chart></div>`);
    const chart = box.querySelector('loss-chart')!;
    await settled(chart);
    expect(chart.uplot!.width).to.equal(900);
    box.style.width = '320px';
    // The plot follows at the chart's next turn in the draw queue; its frame clips it until then.
    await waitUntil(() => chart.uplot!.width === 320, 'the plot follows its frame to 320 px', PATIENT);
    const host = chart.getBoundingClientRect();
    expect(inside(plotCanvas(chart).getBoundingClientRect(), host)).to.equal(true);
    expect(inside(chart.shadowRoot!.querySelector('.u-legend')!.getBoundingClientRect(), host)).to.equal(true);
    const buttons = [...chart.shadowRoot!.querySelectorAll('button')].filter((button) => button.checkVisibility());
    expect(buttons).to.have.length(1); // the menu button; its menu is closed
    for (const button of buttons) expect(inside(button.getBoundingClientRect(), host)).to.equal(true);
    expect(pixelsOf(chart, themeColour(chart, 'gru'))).to.be.greaterThan(20);
  });

  it('draws in the dark scheme’s colours when the page prefers dark', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart .history=${HISTORY()}></loss-chart>`);
    await settled(chart);
    const light = themeColour(chart, 'gru');
    const schemeChanged = oneEvent(matchMedia('(prefers-color-scheme: dark)'), 'change');
    await emulateMedia({ colorScheme: 'dark' });
    await schemeChanged;
    await settled(chart);
    const dark = themeColour(chart, 'gru');
    expect(dark).to.not.equal(light);
    expect(getComputedStyle(chart).backgroundColor).to.equal('rgb(13, 17, 23)');
    expect(pixelsOf(chart, dark)).to.be.greaterThan(20);
    expect(pixelsOf(chart, light)).to.equal(0);
  });

  it('takes --rnn-lab-* custom properties from the page', async () => {
    const box = await fixture<HTMLDivElement>(html`<div style="--rnn-lab-gru: rgb(255, 0, 255); --rnn-lab-test: rgb(0, 200, 0)">
      <loss-chart .history=${HISTORY()}></loss-chart>
      <prediction-chart .series=${Float32Array.from({ length: 50 }, (_, t) => Math.sin(t / 5))} .splitIndex=${40}
        .predictions=${{ gru: new Float32Array(9).fill(0.5) }}></prediction-chart></div>`);
    const loss = box.querySelector('loss-chart')!;
    const prediction = box.querySelector('prediction-chart')!;
    await settled(loss);
    await settled(prediction);
    expect(pixelsOf(loss, 'rgb(255, 0, 255)')).to.be.greaterThan(20);
    expect(pixelsOf(prediction, 'rgb(255, 0, 255)')).to.be.greaterThan(20);
    expect(pixelsOf(prediction, 'rgb(0, 200, 0)')).to.be.greaterThan(20);
    loss.style.setProperty('--rnn-lab-gru', 'rgb(0, 0, 255)');
    loss.refresh();
    await settled(loss);
    expect(pixelsOf(loss, 'rgb(0, 0, 255)')).to.be.greaterThan(20);
  });

  it('exposes its parts to ::part()', async () => {
    const chart = await fixture<PredictionChart>(html`<prediction-chart></prediction-chart>`);
    const parts = [...chart.shadowRoot!.querySelectorAll('[part]')].flatMap((e) => e.getAttribute('part')!.split(' '));
    expect(parts).to.include.members(['plot', 'legend', 'footer', 'button', 'menu', 'menuitem', 'table']);
  });

  it('zooms on a drag, keeps the zoom while data streams in, and resets on a double-click', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart style="width: 600px" .history=${HISTORY()}></loss-chart>`);
    await settled(chart);
    const over = chart.uplot!.over.getBoundingClientRect();
    const y = Math.round(over.top + over.height / 2);
    await sendMouse({ type: 'move', position: [Math.round(over.left + over.width * 0.2), y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(over.left + over.width * 0.4), y] });
    await sendMouse({ type: 'move', position: [Math.round(over.left + over.width * 0.5), y] });
    await sendMouse({ type: 'up' });
    await frames();
    const zoomed = { ...chart.uplot!.scales.x };
    expect(zoomed.max! - zoomed.min!).to.be.lessThan(25);

    chart.history.gru.trainLoss.push(0.01);
    chart.history.gru.testLoss.push(0.02);
    chart.refresh();
    await settled(chart);
    expect(chart.uplot!.data[0]).to.have.length(51);
    expect(chart.uplot!.scales.x.min).to.equal(zoomed.min);
    expect(chart.uplot!.scales.x.max).to.equal(zoomed.max);

    await sendMouse({ type: 'move', position: [Math.round(over.left + over.width / 2), y] });
    chart.uplot!.over.dispatchEvent(new MouseEvent('dblclick', {
      bubbles: true, clientX: over.left + over.width / 2, clientY: y,
    }));
    await settled(chart);
    expect(chart.uplot!.scales.x.min).to.equal(1);
    expect(chart.uplot!.scales.x.max).to.equal(51);
  });

  it('shows cursor values in the legend inside the shadow root', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart style="width: 600px" .history=${HISTORY()}></loss-chart>`);
    await settled(chart);
    const over = chart.uplot!.over.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(over.left + 2), Math.round(over.top + over.height / 2)] });
    await frames();
    const value = chart.shadowRoot!.querySelector('.u-series:nth-child(2) .u-value')!;
    expect(getComputedStyle(value).display).to.not.equal('none');
    expect(value.textContent).to.equal('1');
  });
});

describe('charts in a box of fixed size', () => {
  const THREE = () => Object.fromEntries(['gru', 'lstm', 'mlp'].map((key, k) => [key, {
    trainLoss: Array.from({ length: 80 }, (_, i) => (k + 1) / (i + 1) ** 2),
    testLoss: Array.from({ length: 80 }, (_, i) => (k + 2) / (i + 1)),
  }]));

  /** Every visible box of the element's shadow tree (menus closed), against the host's. */
  function outside(el: HTMLElement): string[] {
    const host = el.getBoundingClientRect();
    return [...el.shadowRoot!.querySelectorAll('*')]
      .filter((e) => e.checkVisibility() && e.localName !== 'style')
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.left < host.left - 0.5 || r.right > host.right + 0.5 || r.top < host.top - 0.5 || r.bottom > host.bottom + 0.5);
      })
      .map((e) => `${e.localName}.${e.className}`);
  }

  it('draws nothing outside 360 x 220 px: legend and footer inside, the plot takes the rest (loss, prediction, gates)', async () => {
    const series = Float32Array.from({ length: 1000 }, (_, t) => Math.sin(t / 30));
    const root = await fixture<HTMLDivElement>(html`<div>
      <rnn-trainer id="boxed" models="gru lstm" epochs="2" charts="none" controls="none"></rnn-trainer>
      <loss-chart log style="width: 360px; height: 220px" .history=${THREE()}></loss-chart>
      <prediction-chart style="width: 360px; height: 220px" .series=${series} .splitIndex=${800}
        .predictions=${{ gru: series.slice(801), lstm: series.slice(801) }}></prediction-chart>
      <gate-chart for="boxed" style="width: 360px; height: 220px"></gate-chart></div>`);
    const loss = root.querySelector('loss-chart')!;
    const prediction = root.querySelector('prediction-chart')!;
    const gates = root.querySelector('gate-chart')!;
    await root.querySelector('rnn-trainer')!.start();
    await Promise.all([settled(loss), settled(prediction), gates.updateComplete]);
    await frames(2);
    await waitUntil(() => [loss, prediction].every((chart) => fitsFrame(chart)), 'the plots fit their frames', PATIENT);
    for (const chart of [loss, prediction, gates]) {
      expect(chart.getBoundingClientRect().height).to.equal(220);
      expect(outside(chart), chart.localName).to.deep.equal([]);
    }
    for (const chart of [loss, prediction]) {
      const plot = chart.shadowRoot!.querySelector('.plot')!.getBoundingClientRect().height;
      expect(plot, `${chart.localName}'s plot`).to.be.above(60);
      expect(chart.uplot!.height).to.equal(Math.round(plot));
    }
  });

  it('keeps the default height with none given: half the width, 12em to 24em', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart style="width: 600px; font-size: 16px" .history=${THREE()}></loss-chart>`);
    await settled(chart);
    expect(chart.shadowRoot!.querySelector('.plot')!.getBoundingClientRect().height).to.equal(300);
  });

  it('labels a log axis at its decades only: 1, 0.1, 0.01, then 10⁻³', async () => {
    const history = { gru: { trainLoss: Array.from({ length: 60 }, (_, i) => 2 * 10 ** (-i / 12)), testLoss: [] } };
    const chart = await fixture<LossChart>(html`<loss-chart log style="width: 600px" .history=${history}></loss-chart>`);
    await settled(chart);
    const labels = chart.uplot!.axes.flatMap((axis) => (axis as { _values?: string[] })._values ?? []).filter(Boolean);
    expect(labels).to.include.members(['1', '0.1', '0.01', '10⁻³', '10⁻⁴']);
    expect(labels.every((label) => /^(1|10|0\.1|0\.01|10⁻[¹²³⁴⁵⁶⁷⁸⁹]+)$/.test(label) || /^\d+$/.test(label)), `${labels}`).to.equal(true);
  });
});
