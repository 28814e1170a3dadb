/**
 * dist/cdn/anywidget.js: rnn-lab as an anywidget module (https://anywidget.dev), for
 * Jupyter (`anywidget.AnyWidget` with `_esm`) and MyST's `{anywidget}` directive.
 *
 * The file is self-contained: rnn-lab (every element, no lazy chunks) and the
 * worker's source are inside it, and the worker starts from a blob of that source.
 * MyST copies the module into the built site and Jupyter serves it from the kernel,
 * so it cannot count on finding rnn-lab's other files next to itself; for the same
 * reason `rnn-lab package --single` inlines this file into its offline page.
 *
 * Model keys are `<rnn-trainer>` attribute names (`models`, `seq-len`, `autostart`,
 * `charts`, ...), or their Python spelling (`seq_len`, for traitlets): a string or
 * number sets the attribute, `true` sets it empty,
 * `false` or null removes it. `gates` (true, or a run such as `gru`) adds a
 * `<gate-chart>` under the trainer.
 */
import '../index.js';
import { workerPool } from '../client/worker-pool.js';
import type { RnnTrainer } from '../elements/rnn-trainer/rnn-trainer.js';
import type { GateChart } from '../elements/gate-chart/gate-chart.js';
import { INLINE_WORKER, inlineResources } from '../client/start-worker.js';
// The built worker's source, put in by the build (rollup.config.mjs, workerSource()).
import workerSource from 'rnn-lab:worker-source';

/** The part of anywidget's model API that a widget without Python-side state uses. */
export interface AnyModel {
  get(name: string): unknown;
  on(event: string, callback: () => void): void;
  off(event?: string | null, callback?: (() => void) | null): void;
}

inlineResources()[INLINE_WORKER] ??= workerSource;

/** Model keys that are not trainer attributes. */
const GATES = 'gates';

function attributeNames(): string[] {
  const observed = (customElements.get('rnn-trainer') as unknown as { observedAttributes: string[] }).observedAttributes;
  return observed.filter((name) => name !== 'state');
}

function setAttribute(el: Element, name: string, value: unknown): void {
  if (value === undefined || value === null || value === false) el.removeAttribute(name);
  else el.setAttribute(name, value === true ? '' : String(value));
}

function syncGates(trainer: RnnTrainer, value: unknown): void {
  let chart = trainer.nextElementSibling?.localName === 'gate-chart' ? trainer.nextElementSibling as GateChart : null;
  if (!value) {
    chart?.remove();
    return;
  }
  if (!chart) {
    chart = document.createElement('gate-chart');
    chart.source = trainer;
    trainer.after(chart);
  }
  chart.model = typeof value === 'string' ? value : null;
}

/** Renders one trainer in `el`; the returned cleanup stops it and frees its worker. */
function render({ model, el }: { model: AnyModel; el: HTMLElement }): () => void {
  const trainer = document.createElement('rnn-trainer');
  const listeners: Array<[string, () => void]> = [];
  let open = true;
  // A key is the attribute's name, or its Python spelling (`seq_len`), which traitlets need.
  const value = (name: string) => model.get(name) ?? model.get(name.replaceAll('-', '_'));
  for (const name of [...attributeNames(), GATES]) {
    const apply = () => {
      if (!open) return;
      if (name === GATES) syncGates(trainer, value(name));
      else setAttribute(trainer, name, value(name));
    };
    if (name !== GATES) apply();
    for (const key of new Set([name, name.replaceAll('-', '_')])) {
      listeners.push([`change:${key}`, apply]);
      model.on(`change:${key}`, apply);
    }
  }
  el.append(trainer);
  syncGates(trainer, value(GATES));

  return () => {
    open = false;
    for (const [event, callback] of listeners) {
      try {
        model.off(event, callback);
      } catch {
        // MyST's model has no off() (it throws): the callbacks are inert once closed.
      }
    }
    trainer.stop();
    trainer.remove();
    el.querySelector('gate-chart')?.remove();
    // The pool keeps an idle worker a few seconds for the next job; a closed
    // notebook cell or page section has none: end it once no job is left.
    const free = () => (workerPool.stats().jobs === 0 ? workerPool.terminateAll('widget closed') : setTimeout(free, 100));
    free();
  };
}

export default { render };
/** The pool of training workers the widget's trainers share (hosts and tests can watch it). */
export { workerPool };
