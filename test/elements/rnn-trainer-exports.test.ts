import { expect, fixture, html } from '@open-wc/testing';
import '../../dist/cdn/rnn-lab.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';

describe('<rnn-trainer> exports (CDN build)', () => {
  it('copies an embed snippet that reproduces the same history bit for bit on a blank page', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="gru rnn" seq-len="15" hidden-size="8"
      learning-rate="0.002" epochs="4" seed="11" controls="none"></rnn-trainer>`);
    await el.start();
    const snippet = el.embedCode();
    expect(snippet).to.contain(`src="${new URL('/dist/cdn/rnn-lab.js', location.href).href}"`);
    expect(snippet).to.contain('seed="11"').and.contain('seq-len="15"').and.contain('controls="none"');

    const frame = document.createElement('iframe');
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.srcdoc = `<!doctype html><html><body>${snippet}</body></html>`;
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow!;
    await win.customElements.whenDefined('rnn-trainer');
    const copy = win.document.querySelector('rnn-trainer') as RnnTrainer;
    await copy.start();
    expect(copy.history).to.deep.equal(el.history);
    frame.remove();
  });

  it('keeps inline data in the snippet and makes a relative src absolute', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer><script type="text/csv">1\n2\n3</script></rnn-trainer>`);
    expect(el.embedCode()).to.contain('<script type="text/csv">1\n2\n3</script>');
    el.src = '/data/sine-1000.csv';
    expect(el.embedCode()).to.contain(`src="${location.origin}/data/sine-1000.csv"`);
  });

  it('exports config, history and predictions as JSON and as CSV', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="gru mlp" epochs="3"></rnn-trainer>`);
    await el.start();
    const json = JSON.parse(el.exportResults('json'));
    expect(json.config.models).to.deep.equal(['gru', 'mlp']);
    expect(json.history).to.deep.equal(el.history);
    expect(json.predictions.gru).to.deep.equal(Array.from(el.predictions.gru));
    expect(json.result).to.deep.equal(el.result);

    const rows = el.exportResults('csv').trim().split('\r\n');
    expect(rows[0]).to.equal('run,quantity,index,value');
    expect(rows).to.include(`gru,test_loss,3,${el.history.gru.testLoss[2]}`);
    const predictions = rows.filter((r) => r.startsWith('mlp,prediction,'));
    expect(predictions).to.have.length(199);
    expect(predictions[0].split(',')[2]).to.equal('801');
    expect(Math.fround(Number(predictions[0].split(',')[3]))).to.equal(el.predictions.mlp[0]);
  });
});
