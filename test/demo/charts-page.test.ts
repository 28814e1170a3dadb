import { expect } from '@open-wc/testing';
import type { LossChart } from '../../src/elements/loss-chart/loss-chart.js';
import type { PredictionChart } from '../../src/elements/prediction-chart/prediction-chart.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';

interface AxeResults {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }>;
}
type PageWindow = Window & { axe?: { run(context: Document): Promise<AxeResults> } };

/** Opens demo/charts.html in an iframe, as a reader would load it (the CDN build). */
async function openPage(): Promise<PageWindow> {
  const frame = document.createElement('iframe');
  frame.style.width = '1000px';
  frame.style.height = '800px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = '/demo/charts.html';
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow! as PageWindow;
  await win.customElements.whenDefined('prediction-chart');
  return win;
}

async function axeViolations(win: PageWindow): Promise<string[]> {
  if (!win.axe) {
    const script = win.document.createElement('script');
    script.textContent = await (await fetch('/node_modules/axe-core/axe.min.js')).text();
    win.document.head.append(script);
  }
  const results = await win.axe!.run(win.document);
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

describe('the charts demo /demo/charts.html', () => {
  it('draws the trainer’s three models in both separate charts once training ends, and passes axe', async () => {
    const win = await openPage();
    const doc = win.document;
    const trainer = doc.querySelector<RnnTrainer>('rnn-trainer#t')!;
    const loss = doc.querySelector<LossChart>('loss-chart[for="t"]')!;
    const prediction = doc.querySelector<PredictionChart>('prediction-chart[for="t"]')!;
    expect(trainer.models).to.equal('gru lstm mlp');
    expect(trainer.charts).to.equal('none');
    trainer.epochs = 3;
    await trainer.start();
    await loss.updateComplete;
    await prediction.updateComplete;

    const label = (chart: Element) => chart.shadowRoot!.querySelector('[part="plot"]')!.getAttribute('aria-label');
    for (const model of ['GRU', 'LSTM', 'MLP']) {
      expect(label(loss)).to.contain(`${model} test loss`);
      expect(label(prediction)).to.contain(`${model} prediction error`);
    }
    expect(label(loss)).to.contain('after 3 epochs');
    expect(loss.uplot!.series).to.have.length(1 + 2 * 3);
    expect(prediction.uplot!.series).to.have.length(1 + 2 + 3);
    expect(await axeViolations(win)).to.deep.equal([]);
  });
});
