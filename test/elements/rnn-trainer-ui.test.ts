import { expect, fixture, html, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import '../../dist/rnn-lab.js';
import { PATIENT } from '../support/wait.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';

const shadow = (el: RnnTrainer) => el.shadowRoot!;
const button = (el: RnnTrainer, part: string) => shadow(el).querySelector<HTMLButtonElement>(`button[part~="${part}"]`)!;


/** Presses Tab until `target` (inside the trainer's shadow root) has focus. */
async function tabTo(el: RnnTrainer, target: Element): Promise<void> {
  for (let i = 0; i < 30 && shadow(el).activeElement !== target; i++) await sendKeys({ press: 'Tab' });
  expect(shadow(el).activeElement).to.equal(target);
}

describe('<rnn-trainer> controls and keyboard', () => {
  it('lets the keyboard alone change seq-len, start, pause, resume and stop', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer epochs="100000"></rnn-trainer>`);
    const seqLen = shadow(el).querySelector<HTMLInputElement>('input[name="seq-len"]')!;
    await tabTo(el, seqLen);
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'a' });
    await sendKeys({ up: 'Control' });
    await sendKeys({ type: '30' });
    await sendKeys({ press: 'Tab' }); // commits the field (change event)
    expect(el.seqLen).to.equal(30);

    await tabTo(el, button(el, 'train'));
    const started = oneEvent(el, 'rnn-start');
    await sendKeys({ press: 'Enter' });
    expect((await started).detail.seqLen).to.equal(30);
    await oneEvent(el, 'rnn-epoch');

    await tabTo(el, button(el, 'pause'));
    await sendKeys({ press: 'Space' });
    expect(el.state).to.equal('paused');
    await el.updateComplete;
    expect(shadow(el).activeElement).to.equal(button(el, 'pause')); // the same button now resumes
    expect(button(el, 'pause').textContent!.trim()).to.equal('Resume');
    await sendKeys({ press: 'Space' });
    expect(el.state).to.equal('training');

    await tabTo(el, button(el, 'stop'));
    const stopped = oneEvent(el, 'rnn-stop');
    await sendKeys({ press: 'Enter' });
    await stopped;
    expect(el.state).to.equal('stopped');
    await el.updateComplete;
    expect(shadow(el).activeElement).to.equal(button(el, 'train'));
  });

  it('moves the learning rate on a log scale with the arrow keys', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer learning-rate="0.001"></rnn-trainer>`);
    const slider = shadow(el).querySelector<HTMLInputElement>('input[type="range"]')!;
    await tabTo(el, slider);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Tab' });
    expect(el.learningRate).to.equal(0.0011); // 10^-2.95, to two significant digits
  });

  it('restarts training with the new value when a control changes during training', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer epochs="100000"></rnn-trainer>`);
    el.start().catch(() => {});
    await oneEvent(el, 'rnn-epoch');
    const restarted = oneEvent(el, 'rnn-start');
    const hidden = shadow(el).querySelector<HTMLInputElement>('input[name="hidden-size"]')!;
    hidden.value = '8';
    hidden.dispatchEvent(new Event('change'));
    expect((await restarted).detail.hiddenSize).to.equal(8);
    el.stop();
  });

  it('toggles models with checkboxes and never unchecks the last one', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer></rnn-trainer>`);
    const box = (m: number) => shadow(el).querySelectorAll<HTMLInputElement>('input[name="model"]')[m];
    expect(box(0).disabled).to.equal(true); // gru alone
    box(1).click();
    expect(el.models).to.equal('gru lstm');
    await el.updateComplete;
    box(0).click();
    expect(el.models).to.equal('lstm');
  });

  it('shows only the listed controls, and none with controls="none" (the buttons stay)', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer controls="epochs"></rnn-trainer>`);
    expect([...shadow(el).querySelectorAll('input')].map((i) => i.name)).to.deep.equal(['epochs']);
    el.controls = 'none';
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('input')).to.have.length(0);
    expect(button(el, 'train')).to.exist;
  });

  it('has a progress bar and announces start, every 10% and the end, not every epoch', async () => {
    // Paced over 1.5 s: unpaced, a fast machine trains it between two renders of the status.
    const el = await fixture<RnnTrainer>(html`<rnn-trainer epochs="150" models="rnn" pace="100"></rnn-trainer>`);
    const region = () => shadow(el).querySelector('[role="status"][aria-live="polite"]')!.textContent!.trim();
    const said: string[] = [];
    const observer = new MutationObserver(() => region() && said[said.length - 1] !== region() && said.push(region()));
    observer.observe(shadow(el), { subtree: true, characterData: true, childList: true });
    await el.start();
    await nextFrame();
    observer.disconnect();
    const bar = shadow(el).querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).to.equal('150');
    expect(bar.getAttribute('aria-valuemax')).to.equal('150');
    expect(said[0]).to.match(/^Training started: RNN/);
    expect(said[said.length - 1]).to.match(/^Training finished\. RNN test loss/);
    expect(said.length).to.be.within(3, 12);
  });
});

describe('<rnn-trainer> compare and sweep', () => {
  it('trains several models side by side, keyed by model name, with a results table', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="gru lstm mlp" epochs="3"></rnn-trainer>`);
    const result = (await el.start())!;
    for (const key of ['gru', 'lstm', 'mlp']) {
      expect(result.models[key].epochs).to.equal(3);
      expect(el.history[key].testLoss).to.have.length(3);
      expect(el.predictions[key]).to.have.length(199);
    }
    await el.updateComplete;
    const rows = [...shadow(el).querySelectorAll('table[part="results"] tbody tr')];
    expect(rows.map((r) => r.querySelector('th')!.textContent)).to.deep.equal(['GRU', 'LSTM', 'MLP']);
  });

  it('lays out its progress line and results table before the first epoch, so that nothing moves when training starts', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="gru mlp" epochs="100000"></rnn-trainer>`);
    // The charts' plots (with their legends) are drawn in turns after the trainer renders.
    await Promise.all([...shadow(el).querySelectorAll<LitElement>('loss-chart, prediction-chart')].map((chart) => chart.updateComplete));
    const table = shadow(el).querySelector('table[part="results"]')!;
    const cells = () => [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent!.trim()));
    expect(cells()).to.deep.equal([['GRU', '–', '–', '–', '–', '–'], ['MLP', '–', '–', '–', '–', '–']]);
    expect(shadow(el).querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')).to.equal('0');
    const tops = () => ['[part="charts"]', 'table[part="results"]'].map((part) => shadow(el).querySelector(part)!.getBoundingClientRect().top);
    const before = tops();
    const epoch = oneEvent(el, 'rnn-epoch');
    void el.start();
    await epoch;
    await el.updateComplete;
    el.stop();
    expect(cells()[0][1], 'the GRU row shows its figures').to.match(/^\d/);
    expect(tops()).to.deep.equal(before);
  });

  it('re-renders at most once a second while scrolled away', async () => {
    // Paced, so that both train for the same two seconds whatever the machine.
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <rnn-trainer id="near" models="gru" epochs="100" pace="50"></rnn-trainer>
      <div style="height: 5000px"></div>
      <rnn-trainer id="far" models="gru" epochs="100" pace="50"></rnn-trainer>
    </div>`);
    const [near, far] = ['near', 'far'].map((id) => wrapper.querySelector<RnnTrainer>(`#${id}`)!);
    // The fixture is a plain div: each trainer renders in a render slice of its own, maybe later.
    await Promise.all([near.updateComplete, far.updateComplete]);
    const renders = new Map<RnnTrainer, number>([[near, 0], [far, 0]]);
    const observers = [near, far].map((el) => {
      const observer = new MutationObserver(() => renders.set(el, renders.get(el)! + 1));
      observer.observe(shadow(el).querySelector('.progress-text')!, { characterData: true, subtree: true, childList: true });
      return observer;
    });
    const started = performance.now();
    await Promise.all([near.start(), far.start()]);
    const seconds = (performance.now() - started) / 1000;
    observers.forEach((observer) => observer.disconnect());
    // At most one a second while training, and the last state.
    expect(renders.get(far), `renders of the trainer out of view in ${seconds.toFixed(1)} s`).to.be.at.most(Math.ceil(seconds) + 2);
    expect(renders.get(near), 'renders of the trainer in view').to.be.above(renders.get(far)!);
    expect(shadow(far).querySelector('.progress-text')!.textContent, 'the last state').to.match(/^epoch 100 of 100/);
  });

  it('leaves its insides unrendered while far out of view, and keeps its size when it comes and goes', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <div style="height: 5000px"></div>
      <rnn-trainer models="gru" epochs="100000"></rnn-trainer>
    </div>`);
    const el = wrapper.querySelector<RnnTrainer>('rnn-trainer')!;
    await el.updateComplete; // rendered in a render slice of its own, maybe after the fixture's
    const toolbar = shadow(el).querySelector('[part="toolbar"]')!;
    // `contentVisibilityAuto`: false while the browser skips the trainer's content.
    const rendered = () => toolbar.checkVisibility({ contentVisibilityAuto: true });
    await waitUntil(() => !rendered(), 'the trainer 5000 px down is not rendered', PATIENT);
    const train = oneEvent(el, 'rnn-epoch');
    void el.start();
    await train;
    el.scrollIntoView();
    await waitUntil(rendered, 'scrolled into view, it is rendered', PATIENT);
    await Promise.all([...shadow(el).querySelectorAll<LitElement>('loss-chart, prediction-chart')].map((chart) => chart.updateComplete));
    expect(shadow(el).querySelector('loss-chart')!.uplot, 'its loss chart has drawn').to.not.equal(null);
    const height = el.getBoundingClientRect().height;
    el.stop();
    window.scrollTo(0, 0);
    await waitUntil(() => !rendered(), 'scrolled away again, it is not rendered', PATIENT);
    expect(el.getBoundingClientRect().height, 'the height it had when last shown').to.equal(height);
  });

  it('lists the page author\'s reference beside each model\'s results', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="lstm gru" epochs="2" reference='{"gru": 0.0202, "lstm": 0.8241}'></rnn-trainer>`);
    await el.start();
    await el.updateComplete;
    const table = shadow(el).querySelector('table[part="results"]')!;
    expect([...table.querySelectorAll('thead th')].at(-1)!.textContent).to.equal('Reference test MSE (page author’s)');
    const cells = [...table.querySelectorAll('tbody tr')].map((r) => [r.querySelector('th')!.textContent, r.lastElementChild!.textContent]);
    expect(cells).to.deep.equal([['LSTM', '0.8241'], ['GRU', '0.0202']]);
  });

  it('ends the sweep table with the page author\'s reference, one cell per model', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="gru mlp" sweep="seq-len 20 30" epochs="1" reference='{"mlp": 0.5354}'></rnn-trainer>`);
    await el.start();
    await el.updateComplete;
    const rows = [...shadow(el).querySelectorAll('table[part="sweep"] tbody tr')];
    expect(rows).to.have.length(3);
    expect([...rows[2].children].map((c) => c.textContent!.trim())).to.deep.equal(['Reference test MSE (page author’s)', '–', '0.5354']);
  });

  it('sweeps a parameter: one run per value and model, keyed MODEL@PARAM=VALUE, and a table of final test MSE', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="gru mlp" sweep="seq-len 10 20" epochs="2"></rnn-trainer>`);
    const result = (await el.start())!;
    const keys = ['gru@seq-len=10', 'mlp@seq-len=10', 'gru@seq-len=20', 'mlp@seq-len=20'];
    expect(Object.keys(result.models)).to.have.members(keys);
    expect(Object.keys(el.history)).to.have.members(keys);
    expect(Object.keys(el.predictions)).to.have.members(keys);
    await el.updateComplete;
    const cells = [...shadow(el).querySelectorAll('table[part="sweep"] tbody td')].map((td) => Number(td.textContent));
    const expected = keys.map((k) => Number(result.models[k].testMse.toPrecision(4)));
    expect(cells).to.deep.equal(expected);
  });
});

describe('<rnn-trainer> in Chinese', () => {
  /** Every visible or spoken string of the shadow root. */
  function texts(el: RnnTrainer): string {
    const root = shadow(el);
    const labels = [...root.querySelectorAll('*')].flatMap((n) =>
      ['aria-label', 'aria-valuetext', 'title', 'placeholder'].map((a) => n.getAttribute(a) ?? ''));
    return [root.textContent ?? '', ...labels].join(' ');
  }
  /**
   * English words: two letters or more, except model names, units, MSE (as the chapter writes it),
   * what the reader typed, and the HTML attribute an error names for the page's author: （hidden-size）.
   */
  const english = (text: string) => (text.replace(/（[a-z-]+）/g, '').match(/[A-Za-z]{2,}/g) ?? [])
    .filter((w) => !['GRU', 'LSTM', 'RNN', 'MLP', 'MSE', 'JSON', 'CSV', 'PyTorch'].includes(w));

  it('says every button, label, status and error in Chinese', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="zh-CN">
      <rnn-trainer models="gru lstm" sweep="seq-len 10 20" epochs="2"
        controls="models seq-len hidden-size learning-rate epochs split seed"></rnn-trainer></div>`);
    const el = wrapper.querySelector('rnn-trainer') as RnnTrainer;
    await el.updateComplete;
    expect(english(texts(el))).to.deep.equal([]);
    expect(button(el, 'train').textContent!.trim()).to.equal('训练');
    await el.start();
    await nextFrame();
    await el.updateComplete;
    expect(english(texts(el))).to.deep.equal([]);
    const error = oneEvent(el, 'rnn-error');
    el.setAttribute('hidden-size', '-1');
    expect((await error).detail.message).to.contain('隐藏单元数（hidden-size）');
    await el.updateComplete;
    expect(english(texts(el))).to.deep.equal([]);
    expect(shadow(el).querySelector('[role="alert"]')!.textContent).to.contain('-1');
  });

  it('formats numbers for the language', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de"><rnn-trainer models="gru" epochs="1"></rnn-trainer></div>`);
    const el = wrapper.querySelector('rnn-trainer') as RnnTrainer;
    await el.start();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="status"]')!.textContent).to.match(/0,\d/); // a decimal comma
  });
});

describe('<rnn-trainer pace>', () => {
  it('trains at most pace epochs per second, and shows the untrained model first', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="rnn" epochs="6" pace="30"></rnn-trainer>`);
    const started = performance.now();
    const first = oneEvent(el, 'rnn-epoch');
    el.start().catch(() => {});
    await first;
    // Epoch r may not come before r / pace seconds: a lower bound, which no machine can beat.
    expect(performance.now() - started).to.be.at.least(1000 / 30);
    await oneEvent(el, 'rnn-done');
    expect(performance.now() - started).to.be.at.least(6 * (1000 / 30));
  });
});
