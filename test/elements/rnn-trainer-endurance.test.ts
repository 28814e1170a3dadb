import { expect, fixture, html } from '@open-wc/testing';
import { workerPool } from '../../dist/rnn-lab.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import type { EpochDetail } from '../../src/elements/events.js';

declare global {
  interface Window {
    gc?: () => void;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number };
  }
}

describe('<rnn-trainer> endurance', () => {
  it('trains 5,000 epochs with the worker`s tensors and the page`s heap flat', async function () {
    this.timeout(300000);
    expect(performance.memory, 'Chromium`s performance.memory (--enable-precise-memory-info)').to.exist;
    expect(window.gc, 'window.gc (--js-flags=--expose-gc)').to.be.a('function');
    const el = await fixture<RnnTrainer>(html`<rnn-trainer models="rnn" epochs="5000" charts="none"></rnn-trainer>`);
    const samples: Array<{ epoch: number; tensors: Promise<number | null>; heap: number }> = [];
    let next = 500;
    el.addEventListener('rnn-epoch', (e) => {
      const { epoch } = (e as CustomEvent<EpochDetail>).detail;
      if (epoch < next || epoch >= 5000) return; // at 5000 the job ends and frees its tensors
      next += 500;
      window.gc!();
      samples.push({ epoch, tensors: workerPool.numTensors(), heap: performance.memory!.usedJSHeapSize });
    });
    await el.start();
    const tensors = await Promise.all(samples.map((s) => s.tensors));
    expect(samples.length).to.be.at.least(8);
    expect(new Set(tensors).size, `tensor counts ${tensors}`).to.equal(1);
    const heaps = samples.map((s) => s.heap);
    // The history grows by design (2 numbers per epoch); anything leaking per epoch would show as megabytes.
    expect(heaps[heaps.length - 1] - heaps[1], `heap samples ${heaps}`).to.be.below(3_000_000);
  });
});
