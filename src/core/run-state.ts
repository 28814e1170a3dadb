/**
 * The life of one training run, written once and used on both sides of the
 * worker boundary: the page (`TrainingSession`, what `trainer.state` shows), the
 * pool's job handle (which control calls it forwards) and the worker (what a job
 * that is still waiting for its backend does with a pause or a stop).
 *
 * ```
 *  idle ──start──▶ loading ──loaded──▶ training ──finish──▶ done
 *                    │  ▲                │  ▲
 *                 pause │             pause │ resume
 *                    ▼  │ resume        ▼  │
 *                  paused ◀──────────────┘
 *  any running state ──stop──▶ stopped      any state ──fail──▶ error
 *  any state ──start──▶ loading (a new run)  any state ──reset──▶ idle
 * ```
 *
 * A pause that arrives while the run is still loading (the data, or the worker's
 * backend) is kept: the run becomes `paused` and stays paused when it has loaded.
 * A stop that arrives then ends it before its first epoch.
 */
export const RUN_STATES = ['idle', 'loading', 'training', 'paused', 'done', 'stopped', 'error'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const RUN_EVENTS = ['start', 'loaded', 'pause', 'resume', 'stop', 'finish', 'fail', 'reset', 'clear', 'restore'] as const;
/**
 * `loaded`: data and backend are ready, epochs begin. `finish`: the last epoch
 * ended. `clear`/`restore`: an error no longer holds (an attribute was corrected),
 * back to `idle`, or to `done` when the last run's result is still shown.
 */
export type RunEvent = (typeof RUN_EVENTS)[number];

const ALWAYS = { start: 'loading', fail: 'error', reset: 'idle' } as const;

/** Every allowed transition; an event missing from a state's row is ignored there. */
export const RUN_TRANSITIONS: Record<RunState, Partial<Record<RunEvent, RunState>>> = {
  idle: { ...ALWAYS },
  loading: { ...ALWAYS, loaded: 'training', pause: 'paused', stop: 'stopped' },
  training: { ...ALWAYS, pause: 'paused', stop: 'stopped', finish: 'done' },
  paused: { ...ALWAYS, loaded: 'paused', resume: 'training', stop: 'stopped', finish: 'done' },
  done: { ...ALWAYS },
  stopped: { ...ALWAYS },
  error: { ...ALWAYS, clear: 'idle', restore: 'done' },
};

/** The state after `event`, or null when `state` ignores it. */
export function nextRunState(state: RunState, event: RunEvent): RunState | null {
  return RUN_TRANSITIONS[state][event] ?? null;
}

/** True while a run has work left: it may still be paused, resumed or stopped. */
export function isRunning(state: RunState): boolean {
  return state === 'loading' || state === 'training' || state === 'paused';
}

/** One run's state, moved only by `send`; listeners hear every change. */
export class RunMachine {
  private current: RunState;
  private readonly listeners = new Set<(state: RunState, previous: RunState) => void>();

  constructor(initial: RunState = 'idle') {
    this.current = initial;
  }

  get state(): RunState {
    return this.current;
  }

  get running(): boolean {
    return isRunning(this.current);
  }

  /** Applies `event`; returns false (and changes nothing) when the state ignores it. */
  send(event: RunEvent): boolean {
    const next = nextRunState(this.current, event);
    if (next === null) return false;
    const previous = this.current;
    this.current = next;
    if (next !== previous) for (const listener of [...this.listeners]) listener(next, previous);
    return true;
  }

  /** Calls `listener` on every change of state; returns the call that stops listening. */
  onChange(listener: (state: RunState, previous: RunState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the state is no longer `paused` (at once when it is not). */
  whenNotPaused(): Promise<void> {
    if (this.current !== 'paused') return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.onChange((state) => {
        if (state === 'paused') return;
        off();
        resolve();
      });
    });
  }
}
