import { expect, oneEvent } from '@open-wc/testing';
// @ts-expect-error a virtual module of test/support/distribution-plugin.mjs
import { cdnOrigin } from '/__rnn-lab/distribution.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';

describe('registration', () => {
  it('importing rnn-lab registers the elements', async () => {
    const npm = await import('../../dist/rnn-lab.js');
    expect(customElements.get('rnn-trainer')).to.equal(npm.RnnTrainer);
  });

  it('a second copy (the CDN build, after the npm build) loads without throwing, and the first copy keeps the tag', async () => {
    const npm = await import('../../dist/rnn-lab.js');
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    const cdn = await import(/* @vite-ignore */ `${cdnOrigin}/dist/cdn/rnn-lab.js`);
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
    expect(cdn.RnnTrainer).not.to.equal(npm.RnnTrainer);
    expect(customElements.get('rnn-trainer')).to.equal(npm.RnnTrainer);

    const trainer = document.createElement('rnn-trainer') as RnnTrainer;
    trainer.setAttribute('epochs', '2');
    document.body.append(trainer);
    const done = oneEvent(trainer, 'rnn-done');
    await trainer.start();
    expect((await done).detail.models.gru.epochs).to.equal(2);
    trainer.remove();
  });
});
