/**
 * The SCORM 1.2 runtime that `rnn-lab package --scorm` adds to a lesson (as
 * rnn-lab/scorm-runtime.js, loaded after rnn-lab.js). It reports to the LMS:
 * - `cmi.core.lesson_status`: `incomplete` at the first launch, `completed` once
 *   every `<rnn-trainer>` of the page has finished a run (`rnn-done`), over one or
 *   more sessions;
 * - `cmi.suspend_data`: the settings the reader changed (each trainer's
 *   configuration attributes that differ from the page's markup, by trainer id or
 *   index) and which trainers are done; restored at the next launch;
 * - `cmi.core.session_time`, and `LMSCommit` after each change;
 * - `cmi.core.exit` `suspend` and `LMSFinish` on `pagehide`.
 * Without an LMS (the page opened on its own) it does nothing. It uses only the
 * element's public API: attributes, `observedAttributes` and events.
 */

/** The SCORM 1.2 API object an LMS puts on a window of the launching frame chain. */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
}

/** What `cmi.suspend_data` holds (SCORM 1.2 allows 4096 characters: a few short attributes fit). */
interface SuspendData {
  /** Trainer key -> attribute -> value, or null for an attribute the reader removed. */
  settings: Record<string, Record<string, string | null>>;
  /** Keys of the trainers that finished a run. */
  done: string[];
}

/** Attributes that are not settings: `state` reflects the element's state. */
const NOT_SETTINGS = new Set(['state']);

/**
 * The LMS's API: SCORM 1.2 (RTE 3.3.6.1) has the SCO look for `API` on its
 * window's parents, then on its opener's. A frame of another origin cannot be
 * read, and ends that chain.
 */
function findApi(win: Window = window): Scorm12Api | null {
  const search = (start: Window | null): Scorm12Api | null => {
    for (let w = start, depth = 0; w && depth < 10; depth++) {
      try {
        const api = (w as Window & { API?: Scorm12Api }).API;
        if (api && typeof api.LMSInitialize === 'function') return api;
      } catch {
        return null;
      }
      if (w.parent === w) break;
      w = w.parent;
    }
    return null;
  };
  return search(win) ?? search(win.opener as Window | null);
}

/** SCORM 1.2's CMITimespan, `HHHH:MM:SS.SS`. */
function timespan(ms: number): string {
  const centis = Math.round(ms / 10);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const seconds = Math.floor(centis / 100) % 60;
  const minutes = Math.floor(centis / 6000) % 60;
  const hours = Math.min(9999, Math.floor(centis / 360000));
  return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(centis % 100, 2)}`;
}

function readSuspendData(text: string): SuspendData {
  try {
    const data = JSON.parse(text) as Partial<SuspendData>;
    return { settings: data.settings ?? {}, done: Array.isArray(data.done) ? data.done : [] };
  } catch {
    return { settings: {}, done: [] };
  }
}

/** One launch of the lesson, reporting to `api`. */
class ScormLesson {
  private readonly started = Date.now();
  private readonly trainers: Map<string, Element>;
  private readonly original = new Map<string, Record<string, string | null>>();
  private done = new Set<string>();
  private suspendData = '';
  private finished = false;

  constructor(private readonly api: Scorm12Api, private readonly names: string[], doc: Document = document) {
    const trainers = [...doc.querySelectorAll('rnn-trainer')];
    this.trainers = new Map(trainers.map((el, index) => [el.id || String(index), el]));
    for (const [key, el] of this.trainers) this.original.set(key, this.attributesOf(el));
  }

  /** Initializes the session, restores the saved settings and starts listening. */
  start(): void {
    if (String(this.api.LMSInitialize('')) !== 'true') return;
    const saved = readSuspendData(this.api.LMSGetValue('cmi.suspend_data'));
    this.done = new Set(saved.done.filter((key) => this.trainers.has(key)));
    for (const [key, settings] of Object.entries(saved.settings)) {
      const el = this.trainers.get(key);
      for (const [name, value] of Object.entries(el ? settings : {})) {
        if (!this.names.includes(name)) continue;
        if (value === null) el!.removeAttribute(name);
        else el!.setAttribute(name, value);
      }
    }
    this.suspendData = this.serialize();
    const status = this.api.LMSGetValue('cmi.core.lesson_status');
    if (status !== 'completed' && status !== 'passed') this.api.LMSSetValue('cmi.core.lesson_status', 'incomplete');
    this.commit();

    const observer = new MutationObserver(() => this.saveSettings());
    for (const [key, el] of this.trainers) {
      observer.observe(el, { attributes: true, attributeFilter: this.names });
      el.addEventListener('rnn-done', () => this.trainerDone(key));
    }
    addEventListener('pagehide', () => this.finish());
  }

  private attributesOf(el: Element): Record<string, string | null> {
    return Object.fromEntries(this.names.map((name) => [name, el.getAttribute(name)]));
  }

  /** The settings that differ from the markup, and the finished trainers, as JSON. */
  private serialize(): string {
    const settings: SuspendData['settings'] = {};
    for (const [key, el] of this.trainers) {
      const now = this.attributesOf(el);
      const before = this.original.get(key)!;
      const changed = Object.entries(now).filter(([name, value]) => value !== before[name]);
      if (changed.length > 0) settings[key] = Object.fromEntries(changed);
    }
    return JSON.stringify({ settings, done: [...this.done] } satisfies SuspendData);
  }

  private saveSettings(): void {
    const text = this.serialize();
    if (text === this.suspendData) return;
    this.suspendData = text;
    this.commit();
  }

  private trainerDone(key: string): void {
    if (this.done.has(key)) return;
    this.done.add(key);
    this.suspendData = this.serialize();
    if (this.done.size === this.trainers.size) this.api.LMSSetValue('cmi.core.lesson_status', 'completed');
    this.commit();
  }

  private commit(): void {
    if (this.finished) return;
    this.api.LMSSetValue('cmi.suspend_data', this.suspendData);
    this.api.LMSSetValue('cmi.core.session_time', timespan(Date.now() - this.started));
    this.api.LMSCommit('');
  }

  private finish(): void {
    if (this.finished) return;
    // "suspend": the next launch resumes this attempt, so the LMS hands back suspend_data.
    this.api.LMSSetValue('cmi.core.exit', 'suspend');
    this.commit();
    this.finished = true;
    this.api.LMSFinish('');
  }
}

/** Starts reporting when the page runs inside an LMS; a page on its own is left alone. */
async function main(): Promise<void> {
  const api = findApi();
  if (!api) return;
  const trainerClass = await customElements.whenDefined('rnn-trainer');
  const observed = (trainerClass as unknown as { observedAttributes?: string[] }).observedAttributes ?? [];
  try {
    new ScormLesson(api, observed.filter((name) => !NOT_SETTINGS.has(name))).start();
  } catch {
    // An LMS whose API throws must not break the lesson.
  }
}

main();
