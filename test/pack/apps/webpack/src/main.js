// A plain JavaScript page bundled by webpack 5: the markup is in its index.html (the pack
// check writes it: `page` in test/pack/matrix.mjs). probe.js is the shared probe
// (src/probe.ts with its types stripped by the pack check).
import 'rnn-lab';
import { onDone } from './probe.js';

const trainer = document.querySelector('rnn-trainer');
trainer.addEventListener('rnn-done', (e) => void onDone(trainer, e.detail));
