import type uPlot from 'uplot';
import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { GradientRecording } from '../../core/protocol.js';
import type { MessageKey } from '../../i18n/translate.js';
import { ChartElement, type ChartSource } from '../chart/chart-element.js';
import { chartStyles } from '../chart/chart.styles.js';
import { runColours } from '../chart/colours.js';
import type { TableData } from '../chart/data-table.js';
import { axisStyle, fitAxisSize, type PlotSpec } from '../chart/plot.js';
import type { RnnTrainer } from '../rnn-trainer/rnn-trainer.js';
import { HEATMAP_DECADES, byLag, heatmapHook, logTicks, memoryDepth, vectorOf, type GradientMetric } from './gradient-views.js';

/** A trainer as the gradient chart reads it: its recorded gradients, and the switch that records them. */
export type GradientSource = ChartSource & Partial<Pick<RnnTrainer, 'gradients' | 'gradientHistory' | 'watchGradients'>>;

/** The two views: lines over the lag (latest epoch, every model), or a heatmap of epochs by lag (one model). */
export type GradientView = 'lag' | 'epochs';

/**
 * The BPTT inspector: what backpropagation through time carries back along the
 * last training sequence of an epoch, by lag (steps back from the sequence's
 * last step). The connectivity |d yhat_{T-1} / d x_t| says how much the last
 * prediction depends on each earlier input; ||dL/dh_t|| is the gradient BPTT
 * carries into each hidden state. A plain RNN's fade within a few steps; a GRU's
 * or LSTM's reach further. The trainer records gradients only while a gradient
 * chart is bound to it, so an unwatched trainer pays nothing.
 *
 * @element gradient-chart
 * @attr view - `lag` (default: lines over the lag, one per model, latest epoch) or `epochs` (a heatmap of epochs by lag, one model).
 * @attr metric - `connectivity` (default) or `hidden` (||dL/dh_t||).
 * @attr model - The run of the heatmap (`gru`, or a sweep key); by default the first recorded one.
 * @csspart controls - The view, metric and model pickers.
 * @csspart summary - How far back each model remembers, in words.
 */
export class GradientChart extends ChartElement {
  static override styles = [...chartStyles, css`
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em 1em;
      margin-bottom: 0.5em;
    }
    .controls label {
      display: inline-flex;
      gap: 0.4em;
      align-items: center;
    }
    .summary {
      margin: 0 0 0.4em;
      font-size: 0.9em;
    }
  `];

  /** Each recurrent run's latest gradients; while bound, the trainer's. */
  @property({ attribute: false }) gradients: Record<string, GradientRecording> = {};
  /** Each recurrent run's gradients over the epochs, oldest first; while bound, the trainer's. */
  @property({ attribute: false }) gradientHistory: Record<string, GradientRecording[]> = {};
  /** `lag`: lines over the lag, one per model, latest epoch. `epochs`: a heatmap of epochs by lag, for `model`. */
  @property({ reflect: true }) view: GradientView = 'lag';
  /** `connectivity`: |d yhat_{T-1} / d x_t|. `hidden`: ||dL/dh_t||. */
  @property({ reflect: true }) metric: GradientMetric = 'connectivity';
  /** The run shown by the heatmap; null for the first recorded one. */
  @property({ reflect: true }) model: string | null = null;

  protected readonly labelKey = 'gradients.label';
  protected readonly fileName = 'gradients';
  private watched: GradientSource | null = null;
  private unwatch: (() => void) | null = null;

  /** Redraws soon; also asks the bound trainer (and only it) to record gradients. */
  override refresh(): void {
    this.watch(this.isConnected ? this.source as GradientSource | null : null);
    super.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watch(null);
  }

  private watch(source: GradientSource | null): void {
    if (source === this.watched) return;
    this.unwatch?.();
    this.watched = source;
    this.unwatch = source?.watchGradients?.() ?? null;
  }

  protected readSource(source: ChartSource): void {
    const { gradients, gradientHistory } = source as GradientSource;
    this.gradients = gradients ?? {};
    this.gradientHistory = gradientHistory ?? {};
  }

  /** The run the heatmap shows. */
  private heatmapKey(): string | null {
    const keys = Object.keys(this.gradientHistory);
    return this.model && keys.includes(this.model) ? this.model : keys[0] ?? null;
  }

  private steps(): number {
    return Math.max(0, ...Object.values(this.gradients).map((g) => g.connectivity.length));
  }

  private metricLabel(): string {
    return this.i18n.t(`gradients.metric.${this.metric}` as MessageKey);
  }

  protected plotSpec(): PlotSpec {
    return this.view === 'epochs' ? this.heatmapSpec() : this.linesSpec();
  }

  private linesSpec(): PlotSpec {
    const keys = Object.keys(this.gradients);
    const theme = this.theme();
    const colours = runColours(theme, keys);
    const axes = axisStyle(theme);
    const t = this.i18n.t.bind(this.i18n);
    const series: uPlot.Series[] = keys.map((key) => ({ label: this.i18n.runLabel(key), stroke: colours.get(key)!, width: 1.5 }));
    // A log axis has no place for 0 (a gradient that vanished below float32): a gap.
    const lines = keys.map((key) => byLag(vectorOf(this.gradients[key], this.metric)).map((v) => (v > 0 ? v : null)));
    return {
      shape: JSON.stringify(['lag', series, axes, this.metric, this.i18n.lang]),
      options: () => ({
        series: [{ label: t('gradients.axis.lag') }, ...series],
        scales: { x: { time: false }, y: { distr: 3 } },
        axes: [{ ...axes, label: t('gradients.axis.lag') }, { ...axes, label: this.metricLabel(), size: fitAxisSize, values: logTicks }],
      }),
      data: [Array.from({ length: this.steps() }, (_, k) => k), ...lines],
    };
  }

  private heatmapSpec(): PlotSpec {
    const key = this.heatmapKey();
    const rows = key ? this.gradientHistory[key] : [];
    const steps = rows.at(-1)?.connectivity.length ?? 0;
    const theme = this.theme();
    const axes = axisStyle(theme);
    const t = this.i18n.t.bind(this.i18n);
    const first = rows[0]?.epoch ?? 0;
    const last = rows.at(-1)?.epoch ?? 1;
    return {
      // Rebuilt with each new row: the scales' ranges and the draw hook hold the rows.
      shape: JSON.stringify(['epochs', key, rows.length, last, steps, axes, this.metric, this.i18n.lang]),
      options: () => ({
        series: [{ label: t('gradients.axis.lag') }],
        legend: { show: false },
        scales: { x: { time: false, auto: false, range: [-0.5, steps - 0.5] }, y: { auto: false, range: [first - 0.5, last + 0.5] } },
        axes: [{ ...axes, label: t('gradients.axis.lag') }, { ...axes, scale: 'y', label: t('chart.axis.epoch'), size: fitAxisSize }],
        hooks: { draw: [heatmapHook(rows, this.metric)] },
      }),
      data: [Array.from({ length: steps }, (_, k) => k)],
    };
  }

  /** One clause per model: how many steps back its vector stays within 1/100 of its largest. */
  protected describe(): string {
    const keys = Object.keys(this.gradients);
    if (!keys.length) return this.i18n.t('gradients.empty');
    if (this.view === 'epochs') return this.describeHistory();
    return this.sentence(keys.map((key, i) => this.i18n.t(
      i === 0 ? `gradients.summary.${this.metric}` : 'gradients.summary.short',
      { model: this.i18n.runLabel(key), steps: memoryDepth(vectorOf(this.gradients[key], this.metric)) },
    )));
  }

  private describeHistory(): string {
    const key = this.heatmapKey()!;
    const rows = this.gradientHistory[key] ?? [];
    const depth = (row: GradientRecording | undefined) => (row ? memoryDepth(vectorOf(row, this.metric)) : 0);
    return this.sentence([this.i18n.t('gradients.summary.history', {
      model: this.i18n.runLabel(key), metric: this.metricLabel(), first: rows[0]?.epoch ?? 0, last: rows.at(-1)?.epoch ?? 0,
      from: depth(rows[0]), to: depth(rows.at(-1)),
    })]);
  }

  protected tableData(): TableData {
    const t = this.i18n.t.bind(this.i18n);
    if (this.view === 'epochs') {
      const key = this.heatmapKey();
      const rows = key ? this.gradientHistory[key] : [];
      const steps = rows.at(-1)?.connectivity.length ?? 0;
      return {
        caption: this.describe(),
        columns: [t('chart.axis.epoch'), ...Array.from({ length: steps }, (_, k) => t('gradients.column.lag', { lag: k }))],
        rows: rows.map((row) => [row.epoch, ...byLag(vectorOf(row, this.metric))]),
      };
    }
    const keys = Object.keys(this.gradients);
    return {
      caption: this.describe(),
      columns: [t('gradients.axis.lag'), ...keys.map((key) => t('gradients.column.run', {
        run: this.i18n.runLabel(key), epoch: this.gradients[key].epoch,
      }))],
      rows: Array.from({ length: this.steps() }, (_, k) => [k, ...keys.map((key) => {
        const lags = byLag(vectorOf(this.gradients[key], this.metric));
        return lags[k] ?? null;
      })]),
    };
  }

  protected override note(): string {
    return this.view === 'epochs' ? this.i18n.t('gradients.key.epochs', { decades: HEATMAP_DECADES }) : this.i18n.t('gradients.key.lag');
  }

  protected override render() {
    const t = this.i18n.t.bind(this.i18n);
    const keys = Object.keys(this.gradientHistory);
    const pick = <T extends string>(set: (value: T) => void) => (e: Event) => set((e.target as HTMLSelectElement).value as T);
    return html`
      <div class="controls" part="controls">
        <label>${t('gradients.view')}
          <select @change=${pick<GradientView>((v) => (this.view = v))}>
            ${(['lag', 'epochs'] as const).map((v) => html`<option value=${v} ?selected=${v === this.view}>${t(`gradients.view.${v}`)}</option>`)}
          </select></label>
        <label>${t('gradients.metric')}
          <select @change=${pick<GradientMetric>((v) => (this.metric = v))}>
            ${(['connectivity', 'hidden'] as const).map((m) => html`<option value=${m} ?selected=${m === this.metric}>${t(`gradients.metric.${m}`)}</option>`)}
          </select></label>
        ${this.view === 'epochs' && keys.length > 1 ? html`<label>${t('gates.model')}
          <select @change=${pick<string>((v) => (this.model = v))}>
            ${keys.map((key) => html`<option value=${key} ?selected=${key === this.heatmapKey()}>${this.i18n.runLabel(key)}</option>`)}
          </select></label>` : nothing}
      </div>
      <p class="summary" part="summary" aria-hidden="true">${this.describe()}</p>
      ${super.render()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gradient-chart': GradientChart;
  }
}
