// A user's app: it imports the installed package by name, as an npm user would,
// and is type-checked against the package's own .d.ts (tsc --strict) before it is
// bundled and opened in Chromium by test/pack/check-pack.mjs.
import { RnnTrainer, TRUSTED_TYPES_POLICY, type EpochDetail, type TrainResult } from 'rnn-lab';
import type { RnnTrainer as CdnTrainer } from 'rnn-lab/cdn';

const trainer = document.createElement('rnn-trainer');
const typed: RnnTrainer = trainer;
typed.seqLen = 10;
trainer.epochs = 3;
trainer.models = 'gru mlp';
trainer.addEventListener('rnn-epoch', (event) => {
  const detail: EpochDetail = event.detail;
  document.title = `epoch ${detail.epoch}`;
});
document.body.append(trainer);

const done: Promise<TrainResult | null> = trainer.start();
(window as unknown as { appResult: Promise<unknown> }).appResult = done.then((result) => ({
  state: trainer.state,
  epochs: result?.models.gru.epochs,
  registered: customElements.get('rnn-trainer') === RnnTrainer,
  policy: TRUSTED_TYPES_POLICY,
}));

// The CDN build has the same types (`import 'rnn-lab/cdn'` registers the same elements).
const sameTypes: CdnTrainer = typed;
void sameTypes;
