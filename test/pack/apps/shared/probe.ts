// Copied into every app of the pack check as src/probe.ts. The app's own component
// renders a trainer (backend "cpu", autostart) and calls `onDone` from its framework's
// rnn-done handler; this trains it again on wasm and leaves what happened in
// window.packResult for test/pack/check-pack.mjs.
import type { RnnTrainer, TrainResult } from 'rnn-lab';

interface Run {
  backend: string;
  epochs: number;
  /** The trainer showed a notice: the backend it asked for did not start. */
  fellBack: boolean;
}

const runs: Run[] = [];
const report = (value: unknown) => ((window as unknown as { packResult: unknown }).packResult = value);
// An error ends the check at once, with its code and message, instead of a timeout.
document.addEventListener('rnn-error', (e) => report({ runs, error: e.detail }));

export async function onDone(trainer: RnnTrainer | null, result: TrainResult): Promise<void> {
  if (!trainer) return;
  await trainer.updateComplete;
  runs.push({
    backend: trainer.backend,
    epochs: result.models.gru.epochs,
    fellBack: trainer.shadowRoot?.querySelector('[part="notice"]') != null,
  });
  if (runs.length === 1) {
    trainer.backend = 'wasm';
    void trainer.start();
    return;
  }
  const charts = [document.querySelector('loss-chart'), document.querySelector('prediction-chart'), document.querySelector('gate-chart')];
  report({
    runs,
    // Each chart's `for="t"` found the trainer.
    chartsBound: charts.map((chart) => (chart?.source as unknown) === trainer),
    registered: customElements.get('rnn-trainer') === trainer.constructor,
  });
}
