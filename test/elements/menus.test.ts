import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../dist/rnn-lab.js';
import type { LossChart } from '../../src/elements/loss-chart/loss-chart.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import { settled } from '../support/charts.js';
import { PATIENT } from '../support/wait.js';

// Elements are compared by identity with a boolean: chai's diff of two elements walks
// their whole object graph, which can take minutes.

/** The buttons a reader can see, in the element and in the charts inside it. */
function visibleButtons(root: ShadowRoot): HTMLButtonElement[] {
  const own = [...root.querySelectorAll<HTMLButtonElement>('button')].filter((b) => b.checkVisibility());
  const charts = [...root.querySelectorAll('loss-chart, prediction-chart')].flatMap((c) => visibleButtons(c.shadowRoot!));
  return [...own, ...charts];
}

const HISTORY = { gru: { trainLoss: [1, 0.5, 0.2, 0.1], testLoss: [2, 1, 0.5, 0.3] } };

describe('menus', () => {
  it('shows at most 8 buttons on the default 3-model trainer after training: run buttons, Export, one per chart', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="gru lstm mlp" epochs="3"></rnn-trainer>`);
    await el.start();
    await el.updateComplete;
    const parts = visibleButtons(el.shadowRoot!).map((b) => b.getAttribute('part'));
    expect(parts).to.deep.equal([
      'button train', 'button pause', 'button stop', 'button reset', 'button export',
      'button menu-button', 'button menu-button',
    ]);
    // The downloads are in the Export menu: results, then one weights entry per model, then the embed code.
    const entries = [...el.shadowRoot!.querySelectorAll('[part~="export"] + [role="menu"] [role="menuitem"]')];
    expect(entries.map((e) => e.getAttribute('part'))).to.deep.equal([
      'menuitem export-json', 'menuitem export-csv', 'menuitem export-weights', 'menuitem export-weights',
      'menuitem export-weights', 'menuitem copy-embed copy-embed-script', 'menuitem copy-embed copy-embed-iframe',
      'menuitem copy-embed copy-embed-url',
    ]);
  });

  it('opens with the keyboard, moves with the arrow keys, closes on Escape and gives focus back to its button', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart .history=${structuredClone(HISTORY)}></loss-chart>`);
    await settled(chart);
    const root = chart.shadowRoot!;
    const button = root.querySelector<HTMLButtonElement>('[aria-haspopup="menu"]')!;
    const menu = root.getElementById(button.getAttribute('aria-controls')!)!;
    expect(menu.getAttribute('role')).to.equal('menu');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => button.getAttribute('aria-expanded') === 'true', 'the menu to open', PATIENT);
    const items = [...menu.querySelectorAll('[role="menuitem"]')];
    expect(items).to.have.length(3);
    expect(root.activeElement === items[0], 'focus').to.equal(true);
    await sendKeys({ press: 'ArrowDown' });
    expect(root.activeElement === items[1], 'focus').to.equal(true);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(root.activeElement === items[2], 'focus').to.equal(true); // wraps around
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => button.getAttribute('aria-expanded') === 'false', 'the menu to close', PATIENT);
    expect(menu.matches(':popover-open')).to.equal(false);
    expect(root.activeElement === button, 'focus').to.equal(true);
  });

  it('runs an entry chosen with Enter, then closes: the table opens', async () => {
    const chart = await fixture<LossChart>(html`<loss-chart .history=${structuredClone(HISTORY)}></loss-chart>`);
    await settled(chart);
    const root = chart.shadowRoot!;
    const button = root.querySelector<HTMLButtonElement>('[aria-haspopup="menu"]')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.activeElement?.getAttribute('role') === 'menuitem', 'the first entry to have focus', PATIENT);
    await sendKeys({ press: 'Enter' });
    await chart.updateComplete;
    expect(root.querySelector('.table')!.hasAttribute('hidden')).to.equal(false);
    expect(root.querySelectorAll('.table tbody tr')).to.have.length(4);
    expect(root.activeElement === button, 'focus').to.equal(true);
    await expect(chart).to.be.accessible();
  });

  it('copies the embed code from the Export menu', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer seq-len="30"></rnn-trainer>`);
    const copied: string[] = [];
    const write = navigator.clipboard.writeText;
    navigator.clipboard.writeText = async (text: string) => {
      copied.push(text);
    };
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>('[role="menuitem"][part~="copy-embed"]')!.click();
      await waitUntil(() => copied.length === 1, 'the copy', PATIENT);
    } finally {
      navigator.clipboard.writeText = write;
    }
    expect(copied[0]).to.equal(el.embedCode());
    expect(copied[0]).to.contain('seq-len="30"');
  });
});
