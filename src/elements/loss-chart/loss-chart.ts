import type uPlot from 'uplot';
import { property } from 'lit/decorators.js';
import type { History } from '../rnn-trainer/rnn-trainer.js';
import { ChartElement, type ChartSource } from '../chart/chart-element.js';
import { runsOf } from '../chart/source-binding.js';
import { fade } from '../chart/colours.js';
import { logAxes } from '../chart/log-axis.js';
import type { TableData } from '../chart/data-table.js';
import { fitAxisSize, type PlotSpec } from '../chart/plot.js';
import { readReference, referenceLines, referencedModels, type Reference } from './reference-lines.js';

/**
 * Training and test loss per epoch, one colour per model: the train loss solid,
 * the test loss dashed; the page author's reference test MSE of a model, if any,
 * a dotted line marked at its end. Follows a `<rnn-trainer>` live (`for` or
 * `source`), or draws `history` and `reference` set directly.
 *
 * @element loss-chart
 * @attr log - A logarithmic y-axis.
 */
export class LossChart extends ChartElement {
  /** Each run's losses, `{[key]: {trainLoss, testLoss}}`; while bound, the trainer's. Call `refresh()` after growing it in place. */
  @property({ attribute: false }) history: History = {};
  /** The page author's reference test MSE per model, `{gru: 0.3646}`; while bound, the trainer's `reference`. */
  @property({ attribute: false }) reference: Reference = {};
  /** A logarithmic y-axis. */
  @property({ type: Boolean, reflect: true }) log = false;

  protected readonly labelKey = 'chart.loss.label';
  protected readonly fileName = 'loss';
  /** The bound trainer's `reference` attribute as last read (none yet: undefined), parsed again only when it changes. */
  private referenceText: string | null | undefined = undefined;

  protected readSource(source: ChartSource): void {
    this.history = source.history ?? {};
    // A new object at every draw would count as a change of `reference`, and ask for one more draw.
    const text = source.getAttribute('reference');
    if (text !== this.referenceText) this.reference = readReference(source);
    this.referenceText = text;
  }

  private epochs(): number {
    return Math.max(0, ...Object.values(this.history).map((h) => Math.max(h.trainLoss.length, h.testLoss.length)));
  }

  protected plotSpec(): PlotSpec {
    const keys = runsOf(this.source, this.history);
    const { theme, colours, axes } = this.palette(keys);
    const epochs = Array.from({ length: this.epochs() }, (_, i) => i + 1);
    const t = this.i18n.t.bind(this.i18n);
    const yAxis: uPlot.Axis = { ...axes, label: t('chart.axis.loss'), size: fitAxisSize };
    const series = keys.flatMap((key): uPlot.Series[] => {
      const run = this.i18n.runLabel(key);
      const stroke = colours.get(key)!;
      return [
        { label: t('chart.loss.train', { run }), stroke, width: 1.5 },
        { label: t('chart.loss.test', { run }), stroke, width: 1.5, dash: [6, 4] },
      ];
    });
    const references = referenceLines(this.reference, keys, epochs.length, theme, this.i18n);
    return {
      shape: JSON.stringify([series, references.series, this.log, axes, this.i18n.lang]),
      options: () => ({
        series: [{ label: t('chart.axis.epoch') }, ...series, ...references.series],
        scales: { x: { time: false }, y: { distr: this.log ? 3 : 1 } },
        axes: [
          { ...axes, label: t('chart.axis.epoch') },
          ...(this.log ? logAxes(yAxis, fade(theme.border, 0.4)) : [yAxis]),
        ],
      }),
      data: [epochs, ...keys.flatMap((key) => [this.history[key]?.trainLoss ?? [], this.history[key]?.testLoss ?? []]), ...references.data],
    };
  }

  protected describe(): string {
    const runs = Object.entries(this.history).filter(([, h]) => h.testLoss.length > 0);
    if (!runs.length) return this.i18n.t('chart.loss.empty');
    return this.sentence(runs.map(([key, h]) => this.i18n.t('summary.testLoss', {
      model: this.i18n.runLabel(key),
      value: h.testLoss[h.testLoss.length - 1],
      epochs: h.testLoss.length,
    })));
  }

  protected tableData(): TableData {
    const keys = Object.keys(this.history);
    const t = this.i18n.t.bind(this.i18n);
    const models = referencedModels(this.reference, keys);
    const columns = [t('chart.axis.epoch'), ...keys.flatMap((key) => {
      const run = this.i18n.runLabel(key);
      return [t('chart.loss.train', { run }), t('chart.loss.test', { run })];
    }), ...models.map((model) => t('chart.loss.reference', { model: this.i18n.runLabel(model) }))];
    const rows = Array.from({ length: this.epochs() }, (_, i) => [i + 1, ...keys.flatMap((key) => {
      const h = this.history[key];
      return [h.trainLoss[i] ?? null, h.testLoss[i] ?? null];
    }), ...models.map((model) => this.reference[model]!)]);
    return { caption: this.describe(), columns, rows };
  }

  protected override note(): string {
    return this.i18n.t('chart.loss.key');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loss-chart': LossChart;
  }
}
