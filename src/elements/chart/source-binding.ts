import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RnnTrainer } from '../rnn-trainer/rnn-trainer.js';

/** What a chart reads from a trainer: its public data properties. */
export type ChartSource = HTMLElement & Partial<Pick<RnnTrainer, 'history' | 'runKeys' | 'series' | 'splitIndex' | 'predictions'>>;

/**
 * The runs a chart shows: while bound, its trainer's runs (those it trains, or would train:
 * laid out before the first epoch, so that nothing on the page moves when training
 * starts), then any other keys of the chart's data (`history`, `predictions`, `gates`).
 */
export function runsOf(source: ChartSource | null, data: object): string[] {
  return [...new Set([...(source?.runKeys ?? []), ...Object.keys(data)])];
}

type Host = ReactiveControllerHost & HTMLElement & { htmlFor: string | null; readonly offscreen?: boolean };

/** An element bound to a trainer, and how to tell it that the trainer's data changed. */
interface Follower {
  host: Host;
  dataChanged: () => void;
}

/** The elements bound to each trainer now. */
const followers = new WeakMap<ChartSource, Set<Follower>>();

/**
 * Tells the elements following `source` that its data changed with no event to say so:
 * its series, set once the data first loads, before `rnn-start` (training-session.ts).
 */
export function dataChanged(source: ChartSource): void {
  for (const follower of followers.get(source) ?? []) follower.dataChanged();
}

/**
 * Resolves once the elements following `source` that can be seen have drawn what they
 * have to draw now: their first plot, or the frame a new run state asks for. A trainer
 * waits for it before a run's first epoch (training-session.ts): on a page still loading,
 * the epochs' draws would otherwise join the charts' first ones, and on a slow laptop
 * the first second of training stuttered. Charts scrolled away (`offscreen`) are not
 * waited for, nor is anything in a hidden tab, which draws nothing until it is shown.
 */
export function followersDrawn(source: ChartSource): Promise<void> {
  const doc = source.ownerDocument;
  const shown = [...(followers.get(source) ?? [])].map(({ host }) => host).filter((host) => !host.offscreen);
  if (!shown.length || doc.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      doc.removeEventListener('visibilitychange', done);
      resolve();
    };
    doc.addEventListener('visibilitychange', done);
    // A chart whose render failed has reported it; training does not wait on it.
    void Promise.allSettled(shown.map((host) => host.updateComplete)).then(done);
  });
}

/**
 * A change of state within a run: its first epoch after loading, a pause or a resume.
 * Charts redraw for it as for an epoch, in the theme they last read: reading it again
 * costs a style and layout of the page in the draw, right after a click.
 */
function withinRun(record: MutationRecord): boolean {
  const state = (record.target as Element).getAttribute('state');
  return record.attributeName === 'state' && ['loading', 'training', 'paused'].includes(record.oldValue ?? '')
    && (state === 'training' || state === 'paused');
}

/**
 * Keeps a chart bound to one trainer: the one set as `source`, else the
 * `<rnn-trainer>` whose id the chart's `for` names in the chart's own root (as
 * `<label for>` does), looked up again whenever elements or ids in that root
 * change. While bound, `changed` is called when the trainer's data may have
 * changed: each `rnn-epoch` and `rnn-data`, and its series once first loaded
 * (`dataChanged`), and each change of state within a run (`withinRun`), with `streaming`
 * true; and each other change of its `state` attribute (start, done, stop, error, and
 * reset, which fires no event), of its runs (`models`, `sweep`) or of the trainer bound
 * (`streaming` false).
 */
export class SourceBinding implements ReactiveController {
  private explicit: ChartSource | null = null;
  private bound: ChartSource | null = null;
  private readonly rootWatch = new MutationObserver(() => this.resolve());
  private readonly stateWatch = new MutationObserver((records) => this.changed(records.every(withinRun)));
  private readonly onEpoch = () => this.changed(true);
  private readonly follower: Follower = { host: this.host, dataChanged: this.onEpoch };

  constructor(private readonly host: Host, private readonly changed: (streaming: boolean) => void) {
    host.addController(this);
  }

  /** The trainer the chart follows: the explicit one, else the one `for` names while connected. */
  get source(): ChartSource | null {
    return this.explicit ?? this.bound;
  }

  set source(value: ChartSource | null) {
    this.explicit = value ?? null;
    this.resolve();
  }

  hostConnected(): void {
    this.resolve();
  }

  hostDisconnected(): void {
    this.rootWatch.disconnect();
    this.bind(null);
  }

  /** Binds to whichever trainer `source` and `for` name now; call when `for` changes. */
  resolve(): void {
    this.rootWatch.disconnect();
    if (!this.host.isConnected) return;
    let next = this.explicit;
    if (!next && this.host.htmlFor) {
      const root = this.host.getRootNode() as Document | ShadowRoot;
      // Elements added or removed anywhere in the root, or ids changed, can change what `for` names.
      this.rootWatch.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
      const found = root.getElementById(this.host.htmlFor);
      next = found?.localName === 'rnn-trainer' ? (found as ChartSource) : null;
    }
    this.bind(next);
  }

  private bind(next: ChartSource | null): void {
    if (next === this.bound) return;
    this.bound?.removeEventListener('rnn-epoch', this.onEpoch);
    this.bound?.removeEventListener('rnn-data', this.onEpoch);
    this.stateWatch.disconnect();
    if (this.bound) followers.get(this.bound)?.delete(this.follower);
    this.bound = next;
    if (next) {
      if (!followers.has(next)) followers.set(next, new Set());
      followers.get(next)!.add(this.follower);
      next.addEventListener('rnn-epoch', this.onEpoch);
      next.addEventListener('rnn-data', this.onEpoch);
      this.stateWatch.observe(next, { attributes: true, attributeOldValue: true, attributeFilter: ['state', 'models', 'sweep'] });
    }
    this.changed(false);
  }
}
