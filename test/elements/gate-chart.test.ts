import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../dist/rnn-lab.js';
import type { GateChart } from '../../src/elements/gate-chart/gate-chart.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import { sequentialColour } from '../../src/elements/gate-chart/heatmap.js';
import { PATIENT } from '../support/wait.js';
import { distinctColours, menuItem } from '../support/charts.js';

async function page(models: string, epochs = 40) {
  const root = await fixture<HTMLDivElement>(html`<div>
    <rnn-trainer id="t" models=${models} epochs=${epochs} charts="none" controls="none"></rnn-trainer>
    <gate-chart for="t"></gate-chart></div>`);
  return { trainer: root.querySelector('rnn-trainer') as RnnTrainer, chart: root.querySelector('gate-chart') as GateChart };
}

describe('<gate-chart>', () => {
  it('draws heatmaps of z, r and h for a GRU, with real pixels, and updates while training', async () => {
    const { trainer, chart } = await page('gru', 400);
    trainer.start().catch(() => {});
    await waitUntil(() => (chart.recording?.epoch ?? 0) > 0, 'a first recording', PATIENT);
    const first = chart.recording!.epoch;
    await waitUntil(() => chart.recording!.epoch > first, 'a later recording', PATIENT);
    trainer.stop();
    await chart.updateComplete;
    const heat = [...chart.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas.heat')];
    expect(chart.recording!.names).to.deep.equal(['z', 'r', 'h']);
    expect(heat).to.have.length(3);
    for (const canvas of heat) expect(distinctColours(canvas)).to.be.greaterThan(10);
    expect(chart.recording!.units).to.equal(16);
    expect(chart.recording!.steps).to.equal(199);
    // Each colour bar runs through its heatmap's colours: viridis for the gates, blue to red for h.
    const bars = [...chart.shadowRoot!.querySelectorAll('.bar')].map((bar) => getComputedStyle(bar).backgroundImage);
    expect(bars).to.have.length(3);
    const ends = (rgb: number[]) => `rgb(${rgb.join(', ')})`;
    for (const bar of bars.slice(0, 2)) expect(bar).to.match(/^linear-gradient/).and.contain(ends(sequentialColour(0))).and.contain(ends(sequentialColour(1)));
    expect(bars[2]).to.contain('rgb(33, 102, 172)').and.contain('rgb(178, 24, 43)');
  });

  it('draws i, f, o and c for an LSTM, offers a model picker, and summarises for screen readers', async () => {
    const { trainer, chart } = await page('gru lstm', 3);
    await trainer.start();
    await chart.updateComplete;
    const select = chart.shadowRoot!.querySelector('select')!;
    expect([...select.options].map((o) => o.value)).to.deep.equal(['gru', 'lstm']);
    select.value = 'lstm';
    select.dispatchEvent(new Event('change'));
    await chart.updateComplete;
    expect(chart.recording!.names).to.deep.equal(['i', 'f', 'o', 'c']);
    const heat = [...chart.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas.heat')];
    expect(heat).to.have.length(4);
    for (const canvas of heat) expect(distinctColours(canvas)).to.be.greaterThan(10);
    const summary = chart.shadowRoot!.querySelector('[role="img"]')!.getAttribute('aria-label')!;
    expect(summary).to.contain('LSTM').and.contain('forget gate f').and.contain('after epoch 3');
  });

  it('paints one canvas pixel per cell, in the colour of its value (the page scales the canvas)', async () => {
    const { trainer, chart } = await page('gru', 3);
    await trainer.start();
    await chart.updateComplete;
    const { values, steps, units } = chart.recording!;
    const z = chart.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.heat')!;
    expect([z.width, z.height]).to.deep.equal([steps, units]);
    const pixels = z.getContext('2d')!.getImageData(0, 0, steps, units).data;
    for (const [unit, step] of [[0, 0], [3, 17], [units - 1, steps - 1]]) {
      // z is a gate: 0..1 on viridis, in 256 levels. The recording is [gate][step][unit].
      const level = Math.round(values[step * units + unit] * 255);
      const at = 4 * (unit * steps + step);
      expect([...pixels.slice(at, at + 3)], `unit ${unit}, step ${step}`).to.deep.equal(sequentialColour(level / 255));
    }
    const box = z.getBoundingClientRect();
    expect(box.width, 'scaled to its box').to.be.greaterThan(steps);
  });

  it('paints the heatmaps over several tasks when painting is slow, and updateComplete waits for the last', async () => {
    const { trainer, chart } = await page('gru lstm', 2);
    await trainer.start();
    await chart.updateComplete;
    // A slow device: each canvas write takes longer than an element may work in one task.
    const put = CanvasRenderingContext2D.prototype.putImageData;
    const channel = new MessageChannel();
    let task = 0;
    channel.port1.onmessage = () => task++;
    const tasks: number[] = [];
    CanvasRenderingContext2D.prototype.putImageData = function (this: CanvasRenderingContext2D, ...args: Parameters<typeof put>) {
      tasks.push(task);
      channel.port2.postMessage(null);
      const until = performance.now() + 15;
      while (performance.now() < until);
      return put.apply(this, args);
    } as typeof put;
    try {
      chart.model = 'lstm';
      await chart.updateComplete;
    } finally {
      CanvasRenderingContext2D.prototype.putImageData = put;
      channel.port1.close();
    }
    expect(tasks.length, 'heatmaps painted').to.equal(4);
    expect(new Set(tasks).size, 'tasks they were painted in').to.be.greaterThan(1);
    // Every gate's canvas shows the LSTM's recording once updateComplete resolves.
    const { names, values, steps, units } = chart.recording!;
    expect(names).to.deep.equal(['i', 'f', 'o', 'c']);
    const heat = [...chart.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas.heat')];
    for (const [g, canvas] of heat.slice(0, 3).entries()) {
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, steps, units).data;
      for (const [unit, step] of [[0, 0], [5, 100], [units - 1, steps - 1]]) {
        const level = Math.round(values[(g * steps + step) * units + unit] * 255);
        const at = 4 * (unit * steps + step);
        expect([...pixels.slice(at, at + 3)], `gate ${names[g]}, unit ${unit}, step ${step}`).to.deep.equal(sequentialColour(level / 255));
      }
    }
  });

  it('shows each gate`s mean per hidden unit in a table, equal to the recording', async () => {
    const { trainer, chart } = await page('rnn', 2);
    await trainer.start();
    await chart.updateComplete;
    menuItem(chart, 'table-toggle').click();
    await chart.updateComplete;
    const rows = [...chart.shadowRoot!.querySelectorAll('table tbody tr')];
    expect(rows).to.have.length(16);
    const { values, steps, units } = trainer.gates.rnn;
    let sum = 0;
    for (let s = 0; s < steps; s++) sum += values[s * units + 3];
    const csv = chart.toCSV().trim().split(/\r?\n/);
    expect(Number(csv[4].split(',')[1])).to.be.closeTo(sum / steps, 1e-12);
  });

  it('records gates only while a gate chart is bound: a lone trainer records none', async () => {
    const alone = await fixture<RnnTrainer>(html`<rnn-trainer epochs="3" charts="none"></rnn-trainer>`);
    await alone.start();
    expect(alone.gates).to.deep.equal({});

    const { trainer, chart } = await page('gru', 100000);
    trainer.start().catch(() => {});
    await waitUntil(() => chart.recording !== null, 'a recording', PATIENT);
    chart.remove(); // unbinds: recording stops
    await oneEvent(trainer, 'rnn-epoch');
    const epoch = trainer.gates.gru.epoch;
    // Recordings come every 250 ms of training: 30 epochs on, one would have come while bound.
    await waitUntil(() => trainer.history.gru.trainLoss.length > epoch + 30, 'more epochs', PATIENT);
    expect(trainer.gates.gru.epoch).to.equal(epoch);
    trainer.stop();
  });

  it('renders new recordings at most once a second while scrolled away, and the latest once in view', async () => {
    const root = await fixture<HTMLDivElement>(html`<div>
      <rnn-trainer id="t" models="gru" epochs="100000" charts="none" controls="none"></rnn-trainer>
      <div style="height: 4000px"></div>
      <gate-chart for="t"></gate-chart></div>`);
    window.scrollTo(0, 0);
    const trainer = root.querySelector('rnn-trainer') as RnnTrainer;
    const chart = root.querySelector('gate-chart') as GateChart;
    const epochShown = () => Number(/after epoch ([\d,]+)/.exec(chart.shadowRoot!.querySelector('.axis')!.textContent!)?.[1].replace(/,/g, '') ?? 0);
    trainer.start().catch(() => {});
    await waitUntil(() => epochShown() > 0, 'a first recording rendered', PATIENT);
    // From here on, the recordings that reach the page, and the renders that show one.
    const recordings = new Set<number>();
    const onEpoch = () => recordings.add(trainer.gates.gru.epoch);
    trainer.addEventListener('rnn-epoch', onEpoch);
    const renders = new Set<number>();
    const axis = new MutationObserver(() => renders.add(epochShown()));
    axis.observe(chart.shadowRoot!, { subtree: true, characterData: true, childList: true });
    const since = performance.now();
    try {
      await waitUntil(() => recordings.size > 12, 'a dozen recordings, four a second', PATIENT);
    } finally {
      trainer.removeEventListener('rnn-epoch', onEpoch);
      axis.disconnect();
    }
    const seconds = (performance.now() - since) / 1000;
    expect(renders.size, `renders in ${seconds.toFixed(1)} s off-screen`).to.be.at.most(Math.ceil(seconds) + 1);
    trainer.stop();
    await waitUntil(() => trainer.state === 'stopped', 'the run to stop', PATIENT);
    chart.scrollIntoView();
    await waitUntil(() => epochShown() === chart.recording!.epoch, 'the latest recording rendered in view', PATIENT);
  });

  it('lays out, in Chinese, the rows the trainer`s first recurrent run will fill, before any training', async () => {
    const root = await fixture<HTMLDivElement>(html`<div lang="zh-CN"><rnn-trainer id="z" charts="none"></rnn-trainer><gate-chart for="z"></gate-chart></div>`);
    const trainer = root.querySelector('rnn-trainer') as RnnTrainer;
    const chart = root.querySelector('gate-chart') as GateChart;
    await chart.updateComplete;
    const names = () => [...chart.shadowRoot!.querySelectorAll('.row .name')].map((e) => e.textContent);
    expect(names()).to.deep.equal(['更新门 z', '重置门 r', '隐藏状态 h']);
    expect(chart.shadowRoot!.querySelector('.axis')!.textContent).to.contain('从第一轮起');
    expect(chart.shadowRoot!.querySelector('[role="img"]')!.getAttribute('aria-label')).to.contain('训练 GRU');
    const box = chart.getBoundingClientRect();

    // A trainer with no recurrent model has nothing to lay out: the chart says what it would show.
    trainer.setAttribute('models', 'mlp');
    await waitUntil(() => names().length === 0, 'the rows go', PATIENT);
    expect(chart.shadowRoot!.textContent).to.contain('训练 GRU');
    trainer.setAttribute('models', 'lstm');
    await waitUntil(() => names().length === 4, 'the LSTM`s rows', PATIENT);

    // The first recording fills the rows in: the chart keeps its size.
    trainer.setAttribute('models', 'gru');
    trainer.setAttribute('epochs', '2');
    await waitUntil(() => names().length === 3, 'the GRU`s rows again', PATIENT);
    await trainer.start();
    await chart.updateComplete;
    expect(chart.recording!.epoch).to.equal(2);
    expect(chart.getBoundingClientRect().height, 'the height before and after the first recording').to.equal(box.height);
    const heat = () => [...chart.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas.heat')];
    expect(heat().every((canvas) => canvas.width > 0), 'painted').to.equal(true);

    // A reset empties the rows again.
    trainer.reset();
    await waitUntil(() => chart.recording === null, 'no recording', PATIENT);
    await chart.updateComplete;
    expect(heat().map((canvas) => canvas.width)).to.deep.equal([0, 0, 0]);
  });
});
