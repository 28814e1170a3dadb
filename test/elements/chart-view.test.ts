import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendMouse } from '@web/test-runner-commands';
import '../../dist/rnn-lab.js';
import type { LossChart } from '../../src/elements/loss-chart/loss-chart.js';
import type { PredictionChart } from '../../src/elements/prediction-chart/prediction-chart.js';
import { frames, pixelsOf, plotCanvas, settled, themeColour } from '../support/charts.js';

const HISTORY = () => ({
  gru: { trainLoss: Array.from({ length: 50 }, (_, i) => 1 / (i + 1)), testLoss: Array.from({ length: 50 }, (_, i) => 2 / (i + 1)) },
});

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
    await frames(2);
    expect(chart.uplot!.width).to.equal(320);
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
