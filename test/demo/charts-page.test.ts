import { expect } from '@open-wc/testing';
import type { LossChart } from '../../src/elements/loss-chart/loss-chart.js';
import type { PredictionChart } from '../../src/elements/prediction-chart/prediction-chart.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import { axeViolations, openPage } from '../support/demo-page.js';

describe('the charts demo /demo/charts.html', () => {
  it('draws the trainer’s three models in both separate charts once training ends, and passes axe', async () => {
    const win = await openPage('/demo/charts.html', 'prediction-chart');
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
