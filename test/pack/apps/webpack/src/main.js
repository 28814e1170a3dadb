// A plain JavaScript page bundled by webpack 5: the markup is in index.html. probe.js is
// the shared probe (src/probe.ts with its types stripped by the pack check).
import 'rnn-lab';
import { onDone } from './probe.js';

const trainer = document.querySelector('rnn-trainer');
trainer.addEventListener('rnn-done', (e) => void onDone(trainer, e.detail));
