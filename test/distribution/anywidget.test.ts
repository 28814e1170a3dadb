import { expect, oneEvent, waitUntil } from '@open-wc/testing';
// @ts-expect-error a virtual module of test/support/distribution-plugin.mjs
import { cdnOrigin } from '/__rnn-lab/distribution.js';
import type { RnnTrainer } from '../../src/index.js';
import type { WorkerPool } from '../../src/client/worker-pool.js';

const ANYWIDGET = `${cdnOrigin}/dist/cdn/anywidget.js`;

type Callback = () => void;

/**
 * The model a widget gets from anywidget's front end (Jupyter, MyST): values by
 * name, `change:NAME` events when one changes, listeners removed with `off`. This
 * one has no kernel behind it: the test plays the Python side by calling `set`.
 */
class Model {
  private readonly values: Map<string, unknown>;
  private readonly listeners = new Map<string, Set<Callback>>();

  constructor(values: Record<string, unknown>) {
    this.values = new Map(Object.entries(values));
  }

  get(name: string): unknown { return this.values.get(name); }

  set(name: string, value: unknown): void {
    if (this.values.get(name) === value) return;
    this.values.set(name, value);
    for (const callback of this.listeners.get(`change:${name}`) ?? []) callback();
  }

  on(event: string, callback: Callback): void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(callback);
  }

  off(event?: string | null, callback?: Callback | null): void {
    if (!event) this.listeners.clear();
    else if (!callback) this.listeners.delete(event);
    else this.listeners.get(event)?.delete(callback);
  }

  listenerCount(): number { return [...this.listeners.values()].reduce((n, set) => n + set.size, 0); }
}

interface Widget {
  default: { render(context: { model: Model; el: HTMLElement }): () => void };
  workerPool: WorkerPool;
}

describe('dist/cdn/anywidget.js', () => {
  let widget: Widget;
  let el: HTMLElement;

  before(async () => {
    expect(new URL(ANYWIDGET).origin).not.to.equal(location.origin);
    widget = await import(/* @vite-ignore */ ANYWIDGET);
  });

  beforeEach(() => {
    el = document.createElement('div');
    document.body.append(el);
  });

  afterEach(() => el.remove());

  it('renders a trainer from the model and trains it when imported from another origin', async () => {
    const model = new Model({ models: 'gru lstm', 'seq-len': 30, 'hidden-size': 4, epochs: 2, autostart: true, charts: 'loss' });
    const cleanup = widget.default.render({ model, el });
    const trainer = el.querySelector('rnn-trainer') as RnnTrainer;
    expect(trainer.getAttribute('models')).to.equal('gru lstm');
    expect(trainer.getAttribute('seq-len')).to.equal('30');
    expect(trainer.hasAttribute('autostart')).to.equal(true);
    const { detail } = await oneEvent(trainer, 'rnn-done');
    expect(Object.keys(detail.models)).to.deep.equal(['gru', 'lstm']);
    expect(detail.models.gru.epochs).to.equal(2);
    expect(trainer.shadowRoot!.querySelector('loss-chart')).to.exist;
    cleanup();
  });

  it('follows the model, offers gates, and its cleanup stops training and frees the worker', async () => {
    const model = new Model({ models: 'gru', 'hidden-size': 4, epochs: 100000, autostart: true });
    const cleanup = widget.default.render({ model, el });
    const trainer = el.querySelector('rnn-trainer') as RnnTrainer;

    model.set('hidden-size', 6);
    expect(trainer.getAttribute('hidden-size')).to.equal('6');
    model.set('seq_len', 12); // the Python spelling, as a traitlet names it
    expect(trainer.getAttribute('seq-len')).to.equal('12');
    model.set('charts', 'none');
    expect(trainer.getAttribute('charts')).to.equal('none');
    model.set('gates', true);
    const gates = el.querySelector('gate-chart') as HTMLElement & { source: unknown };
    expect(gates.source).to.equal(trainer);

    await waitUntil(() => trainer.state === 'training', 'training starts', { timeout: 60000 });
    expect(widget.workerPool.stats().workers).to.be.greaterThan(0);
    cleanup();
    expect(trainer.state).to.equal('stopped');
    expect(el.children.length).to.equal(0);
    expect(model.listenerCount()).to.equal(0);
    await waitUntil(() => widget.workerPool.stats().jobs === 0, 'the job ends', { timeout: 30000 });
    // Well before the pool's own 10 s idle timeout.
    await waitUntil(() => widget.workerPool.stats().workers === 0, 'the worker is terminated', { timeout: 5000 });
  });
});
