import { expect, fixture, html } from '@open-wc/testing';
import '../../dist/rnn-lab.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';

/** The careless theme of demo/cms.html, in short. */
const HOSTILE_CSS = `
  *, *::before, *::after { box-sizing: content-box; margin: 0; padding: 0; border: 0; }
  html { font-size: 62.5%; }
  body { font: italic 1.3rem/1.1 fantasy; letter-spacing: 0.12em; word-spacing: 0.4em;
    text-transform: uppercase; text-align: justify; text-indent: 2em; white-space: nowrap; }
  button { all: unset; background: hotpink; font-size: 3rem; }
`;

describe('inside a page with hostile CSS', () => {
  let style: HTMLStyleElement;
  before(() => {
    style = document.createElement('style');
    style.textContent = HOSTILE_CSS;
    document.head.append(style);
  });
  after(() => style.remove());

  it('keeps its own box, text and controls', async () => {
    const el = await fixture<RnnTrainer>(html`<rnn-trainer></rnn-trainer>`);
    const host = getComputedStyle(el);
    expect(parseFloat(getComputedStyle(document.documentElement).fontSize)).to.equal(10);
    expect(host.fontSize, 'medium, not the page root size').to.equal('16px');
    expect(host.boxSizing).to.equal('border-box');
    expect(parseFloat(host.paddingTop)).to.be.greaterThan(0);
    expect(parseFloat(host.borderTopWidth)).to.be.greaterThan(0);
    const status = getComputedStyle(el.shadowRoot!.querySelector('[part="status"]')!);
    expect({
      fontStyle: status.fontStyle, textTransform: status.textTransform, letterSpacing: status.letterSpacing,
      wordSpacing: status.wordSpacing, textIndent: status.textIndent, whiteSpace: status.whiteSpace,
    }).to.deep.equal({
      fontStyle: 'normal', textTransform: 'none', letterSpacing: 'normal',
      wordSpacing: '0px', textIndent: '0px', whiteSpace: 'normal',
    });
    const button = getComputedStyle(el.shadowRoot!.querySelector('button')!);
    expect(button.fontSize).to.equal(host.fontSize);
    expect(button.boxSizing).to.equal('border-box');
    expect(parseFloat(button.paddingLeft)).to.be.greaterThan(0);
  });
});
