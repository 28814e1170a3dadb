import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import { progressOf, summary } from './progress.js';
import type { TrainingSession } from './training-session.js';

/**
 * What the trainer's polite live region says: the start, every 10 %, the end —
 * never every epoch, which would drown a screen reader. A reactive controller:
 * it looks at the session before each update of its host. It keeps the
 * announcement as a message, not as text, so a change of `lang` re-words it.
 */
export class Announcer implements ReactiveController {
  private readonly session: TrainingSession;
  private readonly i18n: LocalizeController;
  private lastDecile = -1;
  private lastState = '';
  private message: (() => string) | null = null;

  constructor(host: ReactiveControllerHost, session: TrainingSession, i18n: LocalizeController) {
    this.session = session;
    this.i18n = i18n;
    host.addController(this);
  }

  /** The current announcement, in the reader's language now. */
  get text(): string {
    return this.message?.() ?? '';
  }

  hostUpdate(): void {
    const { session, i18n } = this;
    const { state } = session;
    if (state !== this.lastState) {
      this.lastState = state;
      if (state === 'training' && this.lastDecile === -1) {
        this.lastDecile = 0;
        const runs = session.runs.map((r) => r.key);
        this.message = () => i18n.t('announce.start', { models: i18n.list(runs.map((key) => i18n.runLabel(key))) });
      } else if (state === 'done') {
        // The figures of this run, kept: a later reset must not change what was announced.
        const finished = { result: session.result };
        this.message = () => i18n.t('announce.done', { summary: summary(finished, i18n) });
      } else if (state === 'stopped') {
        this.message = () => i18n.t('announce.stopped');
      }
      if (state !== 'training' && state !== 'paused') this.lastDecile = -1;
      return;
    }
    const progress = progressOf(session, session.runs);
    if (state !== 'training' || !progress || progress.total === 0) return;
    const decile = Math.floor((10 * progress.done) / progress.total);
    if (decile > this.lastDecile && decile < 10) {
      this.lastDecile = decile;
      this.message = () => i18n.t('announce.progress', { percent: decile * 10 });
    }
  }
}
