import { expect, oneEvent } from '@open-wc/testing';
import { workerPool } from '../../dist/rnn-lab.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';

describe('a page with many widgets', () => {
  it('trains 12 trainers to rnn-done on at most max(1, hardwareConcurrency - 1) workers', async () => {
    const bound = Math.max(1, navigator.hardwareConcurrency - 1);
    expect(workerPool.maxWorkers).to.equal(bound);
    // Count every worker the page starts, whoever starts it.
    const NativeWorker = window.Worker;
    let started = 0;
    window.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        started++;
      }
    };
    let mostAlive = 0;
    const watch = () => (mostAlive = Math.max(mostAlive, workerPool.stats().workers));
    try {
      const trainers = Array.from({ length: 12 }, (_, i) => {
        const trainer = document.createElement('rnn-trainer') as RnnTrainer;
        trainer.setAttribute('models', ['gru', 'lstm', 'rnn', 'mlp'][i % 4]);
        trainer.setAttribute('epochs', '4');
        trainer.setAttribute('seed', String(i));
        trainer.addEventListener('rnn-epoch', watch);
        document.body.append(trainer);
        return trainer;
      });
      const done = trainers.map((trainer) => oneEvent(trainer, 'rnn-done'));
      trainers.forEach((trainer) => trainer.start());
      const results = await Promise.all(done);
      watch();
      expect(results.map((event) => Object.values(event.detail.models)[0].epochs)).to.deep.equal(Array(12).fill(4));
      expect(trainers.every((trainer) => trainer.state === 'done')).to.equal(true);
      expect(started, 'workers started').to.be.within(1, bound);
      expect(mostAlive, 'workers alive at once').to.be.within(1, bound);
      trainers.forEach((trainer) => trainer.remove());
    } finally {
      window.Worker = NativeWorker;
    }
  });
});
