import { expect } from '@open-wc/testing';
import { fromStateDict } from '../../src/core/state-dict.js';
import { runColours, type Theme } from '../../src/elements/chart/colours.js';
import { translate } from '../../src/i18n/translate.js';
import { rnnLabErrorOf } from '../support/errors.js';

const zeros = (rows: number, cols?: number) =>
  Array.from({ length: rows }, () => (cols === undefined ? 0 : Array(cols).fill(0)));

/** A GRU state_dict whose weight_hh_l0 has the given shape, the rest for hidden size 16. */
function gruWith(hh: [number, number]) {
  return {
    'gru.weight_ih_l0': zeros(48, 1), 'gru.weight_hh_l0': zeros(...hh), 'gru.bias_ih_l0': zeros(48),
    'gru.bias_hh_l0': zeros(48), 'linear.weight': zeros(1, 16), 'linear.bias': zeros(1),
  };
}

const messageOf = (body: () => unknown): string => rnnLabErrorOf(body).message;

describe('messages say what happened', () => {
  it('does not read a [48, 15] GRU weight as hidden size 15', () => {
    const message = messageOf(() => fromStateDict(gruWith([48, 15]), 'gru', 16));
    expect(message).to.contain('[48, 15]').and.not.contain('hidden size 15');
  });

  it('says that weights for 800 hidden units are beyond what can be trained, not to set hidden size 800', () => {
    const dict = { ...gruWith([2400, 800]), 'gru.weight_ih_l0': zeros(2400, 1) };
    const message = messageOf(() => fromStateDict(dict, 'gru', 16));
    expect(message).to.contain('800').and.contain('256');
  });

  it('counts values in words that fit one value', () => {
    const en = translate('en', 'error.dataTooShort', { length: 1, seqLen: 20, split: 0.8, needed: 27 });
    expect(en).to.not.match(/\b1 values\b/);
    const sweep = translate('en', 'error.sweepValue', { item: 'x', param: 'epochs', value: 'epochs x' });
    expect(sweep).to.not.contain('a valid epochs');
  });
});

describe('sweep colours', () => {
  const theme = { gru: '#1f77b4', lstm: '#ff7f0e', rnn: '#2ca02c', mlp: '#d62728', fg: '#000000' } as unknown as Theme;
  /** A colour as drawn on white. */
  function onWhite(colour: string): number[] {
    const [r, g, b, a = 1] = colour.replace(/[^\d.,]/g, '').split(',').map(Number);
    return [r, g, b].map((c) => c * a + 255 * (1 - a));
  }

  it('gives each value of an 8-value sweep its own visibly different shade of the model colour', () => {
    const keys = Array.from({ length: 8 }, (_, i) => `gru@seq-len=${10 * (i + 1)}`);
    const colours = runColours(theme, keys);
    const drawn = keys.map((k) => onWhite(colours.get(k)!));
    for (let i = 1; i < drawn.length; i++) {
      const distance = Math.hypot(...drawn[i].map((c, j) => c - drawn[i - 1][j]));
      expect(distance, `${keys[i - 1]} vs ${keys[i]}`).to.be.above(30);
    }
  });
});
