// A plain TypeScript page on Vite 6 with no vite.config: the markup is in its index.html
// (the pack check writes it: `page` in test/pack/matrix.mjs).
import 'rnn-lab';
import { onDone } from './probe.ts';

const trainer = document.querySelector('rnn-trainer')!;
trainer.addEventListener('rnn-done', (e) => void onDone(trainer, e.detail));
