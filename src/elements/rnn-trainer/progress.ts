import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import type { RunSpec } from '../../core/protocol.js';
import type { TrainingSession } from './training-session.js';

/** How far training has come, over every run. */
export interface Progress {
  done: number;
  total: number;
  /** Model-epochs per second so far. */
  rate: number;
  /** Seconds left at that rate, or null before the first epoch. */
  secondsLeft: number | null;
  /** Epochs of the slowest run, and the epochs each run trains. */
  epoch: number;
  epochs: number;
  runs: number;
}

/** The progress of `runs` (those training, or those Train would train: then none is done). */
export function progressOf(session: TrainingSession, runs: readonly RunSpec[]): Progress | null {
  if (runs.length === 0) return null;
  const total = runs.reduce((sum, run) => sum + run.epochs, 0);
  const done = runs.reduce((sum, run) => sum + (session.history[run.key]?.trainLoss.length ?? 0), 0);
  const seconds = (performance.now() - session.startedAt) / 1000;
  const rate = done > 0 && seconds > 0 ? done / seconds : 0;
  const epochs = Math.max(...runs.map((run) => run.epochs));
  const epoch = Math.min(...runs.map((run) => session.history[run.key]?.trainLoss.length ?? 0));
  return { done, total, rate, secondsLeft: rate > 0 ? (total - done) / rate : null, epoch, epochs, runs: runs.length };
}

/** The progress bar: epoch x of y, epochs per second and time left, for eyes and screen readers. */
export function renderProgress(progress: Progress | null, running: boolean, i18n: LocalizeController):
  TemplateResult | typeof nothing {
  if (!progress) return nothing;
  const parts = [i18n.t('status.epoch', { epoch: progress.epoch, epochs: progress.epochs })];
  if (running && progress.rate > 0) {
    // Runs train side by side: the speed shown is per run, comparable with one model's.
    parts.push(i18n.t('status.speed', { value: progress.rate / progress.runs }));
    if (progress.secondsLeft !== null) parts.push(i18n.t('status.left', { seconds: Math.ceil(progress.secondsLeft) }));
  }
  const text = parts.join(i18n.t('status.separator'));
  // The bar is drawn by a native <progress>: no inline style, which a strict CSP (style-src) would refuse.
  return html`
    <div class="progress" part="progress">
      <div class="bar" role="progressbar" aria-label=${i18n.t('progress.label')}
        aria-valuemin="0" aria-valuemax=${progress.total} aria-valuenow=${progress.done} aria-valuetext=${text}>
        <progress aria-hidden="true" max=${progress.total} .value=${progress.done}></progress>
      </div>
      <span class="progress-text">${text}</span>
    </div>`;
}

/** "GRU test loss 0.039, LSTM test loss 0.82": the final figures in a sentence. */
export function summary(session: Pick<TrainingSession, 'result'>, i18n: LocalizeController): string {
  const models = session.result?.models ?? {};
  return i18n.clauses(Object.entries(models)
    .map(([key, r]) => i18n.t('summary.testLoss', { model: i18n.runLabel(key), value: r.testMse, epochs: r.epochs })));
}
