import { expect, waitUntil } from '@open-wc/testing';
// @ts-expect-error a virtual module of test/support/distribution-plugin.mjs
import { cdnOrigin } from '/__rnn-lab/distribution.js';
import type { GateChart } from '../../src/elements/gate-chart/gate-chart.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import { PATIENT } from '../support/wait.js';
import { distinctColours } from '../support/charts.js';

// Only the CDN build on this page, loaded from the other origin, as a page loads it from a CDN.
const CDN_BUILD = `${cdnOrigin}/dist/cdn/rnn-lab.js`;
const OPTIONAL = ['gate-chart', 'gradient-chart', 'unroll-diagram'];

/** A GRU trainer in the document, `epochs` long, without charts. */
function gruTrainer(id: string, epochs = 2): RnnTrainer {
  const trainer = document.createElement('rnn-trainer');
  trainer.id = id;
  trainer.setAttribute('models', 'gru');
  trainer.setAttribute('epochs', String(epochs));
  trainer.setAttribute('charts', 'none');
  document.body.append(trainer);
  return trainer;
}

/** Waits until `chart` shows a recording, painted in its heatmaps. */
async function drawn(chart: GateChart): Promise<void> {
  await waitUntil(() => (chart.recording?.epoch ?? 0) > 0, 'a recording', PATIENT);
  await chart.updateComplete;
  const heat = () => [...chart.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas.heat')];
  await waitUntil(() => heat().length === 3 && heat().every((canvas) => distinctColours(canvas) > 5), 'painted heatmaps', PATIENT);
}

const chunkRequests = () => performance.getEntriesByType('resource').map((e) => e.name).filter((name) => /\/rnn-lab-[\w-]+\.js$/.test(name));

describe('the optional elements of the CDN build', () => {
  let cdn: { discoverElements(root: ParentNode): void };
  before(async () => {
    cdn = await import(/* @vite-ignore */ CDN_BUILD);
  });

  afterEach(() => {
    for (const element of document.body.querySelectorAll('rnn-trainer, gate-chart, div')) element.remove();
  });

  it('are not loaded by a page that has none of them', async () => {
    await customElements.whenDefined('rnn-trainer');
    for (const tag of OPTIONAL) expect(customElements.get(tag), tag).to.equal(undefined);
    expect(chunkRequests().filter((name) => OPTIONAL.some((tag) => name.includes(`/rnn-lab-${tag}-`)))).to.deep.equal([]);
  });

  it('define <gate-chart> when a page adds one after the script loaded, by markup or by createElement; each draws', async () => {
    const trainer = gruTrainer('t');
    document.body.insertAdjacentHTML('beforeend', '<gate-chart for="t"></gate-chart>');
    // Made before the tag is defined: `source` is an own property of a plain element until its class arrives.
    const made = document.createElement('gate-chart');
    made.source = trainer;
    document.body.append(made);
    const written = document.querySelector('gate-chart')!;
    const GateChartClass = await customElements.whenDefined('gate-chart');
    expect(written).to.be.instanceOf(GateChartClass);
    expect(made).to.be.instanceOf(GateChartClass);
    expect(Object.hasOwn(made, 'source'), "the class's accessor is not hidden").to.equal(false);
    expect(made.source).to.equal(trainer);
    expect(chunkRequests().some((name) => name.startsWith(`${cdnOrigin}/dist/cdn/rnn-lab-gate-chart-`)), 'loaded from beside the script').to.equal(true);
    await trainer.start();
    await drawn(written);
    await drawn(made);
  });

  it("define one in a page's own shadow root once the root is passed to discoverElements", async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<unroll-diagram></unroll-diagram>';
    cdn.discoverElements(root);
    await customElements.whenDefined('unroll-diagram');
    const diagram = root.querySelector('unroll-diagram')!;
    await diagram.updateComplete;
    expect(diagram.shadowRoot!.querySelector('svg'), 'it rendered').to.exist;
  });
});
