import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { PATIENT } from '../support/wait.js';
import '../../dist/rnn-lab.js';
import type { LossChart } from '../../src/elements/loss-chart/loss-chart.js';
import type { PredictionChart } from '../../src/elements/prediction-chart/prediction-chart.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import { legendColours, legendLabels, plotLabel, settled } from '../support/charts.js';

/**
 * Asserts that `actual` is `expected` itself. Identity is what binding means, and a
 * failure names the two without chai printing elements (it would walk the trainer's
 * whole object graph).
 */
function same(actual: unknown, expected: unknown, what: string): void {
  const name = (v: unknown) => (v instanceof Element ? `<${v.localName} id="${v.id}">` : v === null ? 'null' : typeof v);
  expect(actual === expected, `${what}: got ${name(actual)}, expected ${name(expected)}`).to.equal(true);
}

function trainer(id: string | null, models = 'gru', epochs = 2): RnnTrainer {
  const el = document.createElement('rnn-trainer');
  if (id) el.id = id;
  el.setAttribute('models', models);
  el.setAttribute('epochs', String(epochs));
  el.setAttribute('charts', 'none');
  return el;
}

/** A <loss-chart> whose `for` names `id`. */
function chartFor(id: string): LossChart {
  const chart = document.createElement('loss-chart') as LossChart;
  chart.htmlFor = id;
  return chart;
}

/** A trainer with that id, then a chart whose `for` names it, in a fresh fixture. */
async function trainerAndChart(id: string) {
  const root = await fixture<HTMLDivElement>(html`<div></div>`);
  const a = trainer(id);
  const chart = chartFor(id);
  root.append(a, chart);
  return { root, a, chart };
}

describe('chart binding (for, source)', () => {
  it('binds to the trainer its for names and follows it live, epoch by epoch', async () => {
    // Paced at 20 epochs a second: an idle fast machine trains 40 GRU epochs in less time than
    // a few frames, which would leave no drawing between the first epoch and the last to see.
    const root = await fixture<HTMLDivElement>(html`<div><rnn-trainer id="a" epochs="40" pace="20" charts="none"></rnn-trainer>
      <loss-chart for="a"></loss-chart></div>`);
    const a = root.querySelector('rnn-trainer')!;
    const chart = root.querySelector('loss-chart')!;
    await settled(chart);
    same(chart.source, a, 'source');
    const seen = new Set<number>();
    a.addEventListener('rnn-epoch', () => requestAnimationFrame(() => requestAnimationFrame(() => {
      seen.add(Number(/after (\d+) epochs/.exec(plotLabel(chart))?.[1]));
    })));
    await a.start();
    await settled(chart);
    same(chart.history, a.history, 'history');
    expect(plotLabel(chart)).to.contain('after 40 epochs');
    // Drawn while training, not only at the end.
    expect([...seen].some((epochs) => epochs > 0 && epochs < 40)).to.equal(true);
  });

  it('binds to a trainer added after it, and to one that gets the id later', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><loss-chart for="late"></loss-chart></div>`);
    const chart = root.querySelector('loss-chart')!;
    same(chart.source, null, 'source');
    const late = trainer('late', 'lstm');
    root.append(late);
    await settled(chart);
    same(chart.source, late, 'source');
    await late.start();
    await settled(chart);
    expect(legendLabels(chart)).to.deep.equal(['LSTM train', 'LSTM test']);

    const renamed = trainer(null, 'rnn');
    root.append(renamed);
    late.id = 'early';
    renamed.id = 'late';
    await settled(chart);
    same(chart.source, renamed, 'source');
  });

  it('binds again when for changes, and no longer follows the old trainer', async () => {
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    const a = trainer('a2', 'gru');
    const b = trainer('b2', 'mlp');
    root.append(a, b);
    const chart = chartFor('a2');
    root.append(chart);
    await a.start();
    await settled(chart);
    expect(chart.getAttribute('for')).to.equal('a2');
    chart.setAttribute('for', 'b2');
    await chart.updateComplete;
    same(chart.source, b, 'source');
    await b.start();
    await a.start();
    await settled(chart);
    same(chart.history, b.history, 'history');
    expect(legendLabels(chart)).to.deep.equal(['MLP train', 'MLP test']);
  });

  it('releases the trainer when the trainer leaves the document, keeping what it drew', async () => {
    const { root, a, chart } = await trainerAndChart('gone');
    await a.start();
    await settled(chart);
    const drawn = chart.history;
    a.remove();
    await settled(chart);
    same(chart.source, null, 'source');
    same(chart.history, drawn, 'history');
    root.append(a);
    await a.start();
    await settled(chart);
    same(chart.source, a, 'source');
    same(chart.history, a.history, 'history');
  });

  it('releases the trainer when the chart leaves the document, and binds again when it comes back', async () => {
    const { root, a, chart } = await trainerAndChart('away');
    await settled(chart);
    chart.remove();
    same(chart.source, null, 'source');
    await a.start();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(chart.history !== a.history, 'history not followed').to.equal(true);
    root.append(chart);
    await settled(chart);
    same(chart.source, a, 'source');
    same(chart.history, a.history, 'history');
  });

  it('looks the id up in its own shadow root, as <label for> does', async () => {
    const outside = trainer('inner', 'mlp');
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.after(outside);
    const shadow = host.attachShadow({ mode: 'open' });
    const inside = trainer('inner', 'gru');
    const chart = chartFor('inner');
    shadow.append(inside, chart);
    await settled(chart);
    same(chart.source, inside, 'source');
    outside.remove();
  });

  it('ignores an element with that id that is not an <rnn-trainer>', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><p id="not-a-trainer"></p>
      <loss-chart for="not-a-trainer"></loss-chart></div>`);
    const chart = root.querySelector('loss-chart')!;
    await settled(chart);
    same(chart.source, null, 'source');
  });

  it('follows a trainer given as source, wherever it is, before for', async () => {
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    const named = trainer('named', 'gru');
    const given = trainer(null, 'rnn');
    const chart = chartFor('named');
    chart.source = given;
    root.append(named, chart);
    await given.start();
    await settled(chart);
    same(chart.source, given, 'source');
    expect(legendLabels(chart)).to.deep.equal(['RNN train', 'RNN test']);
    chart.source = null;
    await settled(chart);
    same(chart.source, named, 'source');
  });

  it('clears with the trainer’s reset, which fires no event', async () => {
    const { a, chart } = await trainerAndChart('r');
    await a.start();
    await settled(chart);
    a.reset();
    await settled(chart);
    expect(chart.history).to.deep.equal({});
    expect(plotLabel(chart)).to.equal('Loss per epoch: no data yet.');
  });

  it('lay out the runs a trainer would train before it starts, and keep that plot when it does', async () => {
    const root = await fixture<HTMLDivElement>(html`<div>
      <rnn-trainer id="planned" models="gru mlp" epochs="3" charts="none" controls="none"></rnn-trainer>
      <loss-chart for="planned"></loss-chart><prediction-chart for="planned"></prediction-chart></div>`);
    const a = root.querySelector<RnnTrainer>('rnn-trainer')!;
    const loss = root.querySelector<LossChart>('loss-chart')!;
    const prediction = root.querySelector<PredictionChart>('prediction-chart')!;
    expect(a.runKeys).to.deep.equal(['gru', 'mlp']);
    await Promise.all([settled(loss), settled(prediction)]);
    expect(legendLabels(loss)).to.deep.equal(['GRU train', 'GRU test', 'MLP train', 'MLP test']);
    expect(legendLabels(prediction)).to.deep.equal(['train data', 'test data', 'GRU prediction', 'MLP prediction']);

    // Another choice before the start is laid out too (the model checkboxes write this attribute).
    a.setAttribute('models', 'lstm gru mlp');
    await waitUntil(() => legendLabels(loss).length === 6, 'the loss chart lays out three runs', PATIENT);
    await waitUntil(() => legendLabels(prediction).length === 5, 'the prediction chart lays out three runs', PATIENT);
    expect(legendLabels(loss).slice(0, 2)).to.deep.equal(['LSTM train', 'LSTM test']);
    const plots = [loss.uplot, prediction.uplot];
    await a.start();
    await Promise.all([settled(loss), settled(prediction)]);
    expect(loss.uplot === plots[0], 'the same loss plot').to.equal(true);
    expect(prediction.uplot === plots[1], 'the same prediction plot').to.equal(true);
    expect(loss.uplot!.data[0]).to.have.length(3);
    expect(plotLabel(loss)).to.contain('after 3 epochs');

    // A sweep's runs are each model at each value.
    a.setAttribute('sweep', 'hidden-size 4 8');
    expect(a.runKeys, 'a finished run keeps its keys until the next').to.deep.equal(['lstm', 'gru', 'mlp']);
    a.reset();
    expect(a.runKeys).to.deep.equal(['lstm@hidden-size=4', 'gru@hidden-size=4', 'mlp@hidden-size=4', 'lstm@hidden-size=8', 'gru@hidden-size=8', 'mlp@hidden-size=8']);
  });
});

describe('the first epoch and the charts', () => {
  it('waits until the charts in view that follow the trainer have drawn its data, and not for charts scrolled away', async () => {
    const root = await fixture<HTMLDivElement>(html`<div style="width: 480px"></div>`);
    // A first run starts the shared worker: the next trainer's data then loads within
    // milliseconds, much sooner than a new chart makes, draws and shows its plot (three
    // turns of the draw queue, a tenth of a second apart).
    const warm = trainer(null);
    root.append(warm);
    await warm.start();

    // A chart far down the page follows the trainer before it exists.
    const far = chartFor('first');
    root.append(Object.assign(document.createElement('div'), { style: 'height: 5000px' }), far);
    window.scrollTo(0, 0);
    await waitUntil(() => far.offscreen, 'the far chart to know it is off-screen', PATIENT);

    const a = document.createElement('rnn-trainer');
    Object.entries({ id: 'first', models: 'gru', epochs: '2', autostart: '' }).forEach(([name, value]) => a.setAttribute(name, value));
    let atStart: { own: boolean[]; points: number; far: boolean } | null = null;
    a.addEventListener('rnn-start', () => {
      const own = [...a.shadowRoot!.querySelectorAll<LossChart | PredictionChart>('loss-chart, prediction-chart')];
      const prediction = a.shadowRoot!.querySelector<PredictionChart>('prediction-chart')!;
      atStart = {
        own: own.map((chart) => chart.uplot !== null),
        points: prediction.uplot?.data[1].filter((y) => y != null).length ?? 0,
        far: far.uplot !== null,
      };
    });
    root.prepend(a);
    await waitUntil(() => a.state === 'done', 'training to end', PATIENT);
    expect(atStart, 'rnn-start fired').to.not.equal(null);
    expect(atStart!.own, 'the trainer\'s own charts had drawn their plots').to.deep.equal([true, true]);
    expect(atStart!.points, 'the prediction chart had drawn the training part of the series').to.be.greaterThan(100);
    expect(atStart!.far, 'the chart scrolled away was not drawn for it').to.equal(false);
  });
});

describe('charts and the run state', () => {
  it('redraw a pause and a resume in the colours they last read, as epochs are, and read them again when the run ends', async () => {
    const root = await fixture<HTMLDivElement>(html`<div>
      <rnn-trainer id="pr" models="gru" epochs="100000" pace="20" charts="none" controls="none"></rnn-trainer>
      <loss-chart for="pr"></loss-chart></div>`);
    const a = root.querySelector<RnnTrainer>('rnn-trainer')!;
    const chart = root.querySelector<LossChart>('loss-chart')!;
    a.start().catch(() => {});
    await waitUntil(() => (a.history.gru?.trainLoss.length ?? 0) > 0, 'a first epoch', PATIENT);
    await settled(chart);
    const [first] = legendColours(chart);

    // Restyled without refresh(): a pause and a resume are part of the stream.
    chart.style.setProperty('--rnn-lab-gru', 'rgb(255, 0, 255)');
    a.pause();
    await waitUntil(() => a.state === 'paused', 'paused', PATIENT);
    await settled(chart);
    expect(legendColours(chart)[0], 'paused').to.equal(first);
    a.resume();
    await waitUntil(() => a.state === 'training', 'training again', PATIENT);
    await settled(chart);
    expect(legendColours(chart)[0], 'resumed').to.equal(first);

    a.stop();
    await waitUntil(() => a.state === 'stopped', 'stopped', PATIENT);
    await settled(chart);
    expect(legendColours(chart)[0], 'stopped').to.equal('rgb(255, 0, 255)');
  });
});
