import { expect } from '@open-wc/testing';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import { axeViolations, openPage, type PageWindow } from '../support/demo-page.js';

/** A demo page, loaded and with every trainer rendered. */
async function openDemo(path: string): Promise<PageWindow> {
  const win = await openPage(path);
  await Promise.all([...win.document.querySelectorAll<RnnTrainer>('rnn-trainer')].map((t) => t.updateComplete));
  return win;
}

for (const [path, lang] of [['/demo/index.html', 'en'], ['/demo/zh.html', 'zh-CN']]) {
  describe(`the chapter demo ${path}`, () => {
    let win: PageWindow;
    before(async () => {
      win = await openDemo(path);
    });

    it(`is in ${lang} and holds the chapter's experiments`, () => {
      expect(win.document.documentElement.lang).to.equal(lang);
      const trainers = [...win.document.querySelectorAll<RnnTrainer>('rnn-trainer')];
      expect(trainers.map((t) => t.id)).to.deep.equal([
        'gru-trainer', 'gradient-trainer', 'unroll-trainer', 'gate-trainer', 'sweep-trainer', 'compare-trainer',
      ]);
      expect(trainers[1].models).to.equal('rnn gru lstm');
      expect(trainers[1].seqLen).to.equal(50);
      expect(win.document.querySelector('gradient-chart')!.getAttribute('for')).to.equal('gradient-trainer');
      expect(win.document.querySelector('unroll-diagram')!.getAttribute('for')).to.equal('unroll-trainer');
      // The book's runs: a GRU then an MLP (ex. 5), an LSTM then a GRU (ex. 6), from seed 0, with its results.
      expect(trainers[4]).to.include({ models: 'gru mlp', sweep: 'seq-len 20 30', seed: 0 });
      expect(JSON.parse(trainers[4].reference!)).to.deep.equal({ gru: 0.3646, mlp: 0.5354 });
      expect(trainers[5]).to.include({ models: 'lstm gru', seqLen: 20, seed: 0 });
      expect(JSON.parse(trainers[5].reference!)).to.deep.equal({ gru: 0.0202, lstm: 0.8241 });
    });

    it('has no axe-core violations, before and after training', async () => {
      expect(await axeViolations(win)).to.deep.equal([]);
      const trainers = [...win.document.querySelectorAll<RnnTrainer>('rnn-trainer')];
      for (const t of trainers) t.epochs = 2;
      await Promise.all(trainers.map((t) => t.start()));
      await Promise.all(trainers.map((t) => t.updateComplete));
      expect(await axeViolations(win)).to.deep.equal([]);
    });
  });
}
