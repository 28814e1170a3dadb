import type { GradientRecording } from '../../core/protocol.js';
import { ThinnedHistory } from '../../core/thinned-history.js';

/** Recordings kept per run for `gradientHistory`: enough rows for a heatmap, however long training runs. */
const HISTORY_EPOCHS = 200;

/**
 * The gradients the worker recorded, as the trainer exposes them: each run's
 * latest (`trainer.gradients`) and its recordings over the epochs, thinned
 * (`trainer.gradientHistory`). Both objects are replaced, not mutated, when
 * recordings arrive, so a chart can tell that they changed.
 */
export class GradientRecords {
  latest: Record<string, GradientRecording> = {};
  history: Record<string, GradientRecording[]> = {};
  private readonly thinned = new Map<string, ThinnedHistory<GradientRecording>>();

  /** Adds a progress batch's recordings (each run's, oldest first). */
  add(recorded: Record<string, GradientRecording[]>): void {
    for (const [key, list] of Object.entries(recorded)) {
      let history = this.thinned.get(key);
      if (!history) this.thinned.set(key, (history = new ThinnedHistory(HISTORY_EPOCHS)));
      for (const entry of list) history.push(entry);
      this.latest = { ...this.latest, [key]: list[list.length - 1] };
      this.history = { ...this.history, [key]: history.entries() };
    }
  }

  clear(): void {
    this.latest = {};
    this.history = {};
    this.thinned.clear();
  }
}
