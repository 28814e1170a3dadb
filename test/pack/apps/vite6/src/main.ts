// A plain TypeScript page on Vite 6 with no vite.config: the markup is in index.html.
import 'rnn-lab';
import { onDone } from './probe.ts';

const trainer = document.querySelector('rnn-trainer')!;
trainer.addEventListener('rnn-done', (e) => void onDone(trainer, e.detail));
