import type uPlot from 'uplot';
import { property } from 'lit/decorators.js';
import { ChartElement, type ChartSource } from '../chart/chart-element.js';
import { runsOf } from '../chart/source-binding.js';
import type { TableData } from '../chart/data-table.js';
import { decimate } from '../chart/decimate.js';
import { fitAxisSize, pointsOnly, squarePoints, type PlotSpec } from '../chart/plot.js';

type Column = (number | null)[];

/**
 * At most this many rows are tabled (and exported as CSV): a million-row series is
 * sampled at a stride. The plot draws a min/max cut of what is in view instead (`decimate`).
 */
const MAX_POINTS = 5000;

/** Mean squared error of a rollout against the values it predicts, `series[split + 1 ..]`. */
function rolloutMse(series: Float32Array, split: number, rollout: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < rollout.length; i++) sum += (rollout[i] - series[split + 1 + i]) ** 2;
  return sum / rollout.length;
}

/**
 * The series, its train part and its test part as points in two colours, a
 * marker at the split, and each run's closed-loop prediction over the test part.
 * Follows a `<rnn-trainer>` live (`for` or `source`), or draws `series`,
 * `splitIndex` and `predictions` set directly.
 *
 * @element prediction-chart
 * @cssprop --rnn-lab-train - Colour of the train points.
 * @cssprop --rnn-lab-test - Colour of the test points.
 * @cssprop --rnn-lab-muted - Colour of secondary text and of the split marker.
 */
export class PredictionChart extends ChartElement {
  /** The whole series; while bound, the trainer's. */
  @property({ attribute: false }) series: Float32Array | null = null;
  /** Index of the first test value in `series`. */
  @property({ attribute: false }) splitIndex = 0;
  /** Each run's rollout over the test part: value `i` predicts `series[splitIndex + 1 + i]`. Call `refresh()` after changing it in place. */
  @property({ attribute: false }) predictions: Record<string, Float32Array> = {};

  protected readonly labelKey = 'chart.prediction.label';
  protected readonly fileName = 'prediction';

  /** The x values and the two parts of the series, kept while the series and split stay the same. */
  private parts: { series: Float32Array | null; split: number; t: number[]; train: Column; test: Column } | null = null;
  /** The plot's last cuts of the series (`view`), whole and zoomed, kept while the series, split, range and width stay. */
  private cuts: Partial<Record<'whole' | 'zoomed', { series: Float32Array; key: string; t: number[]; train: Column; test: Column }>> = {};

  protected readSource(source: ChartSource): void {
    this.series = source.series ?? null;
    this.splitIndex = source.splitIndex ?? 0;
    this.predictions = source.predictions ?? {};
  }

  private seriesParts() {
    const { series, splitIndex: split } = this;
    if (this.parts?.series !== series || this.parts.split !== split) {
      const length = series?.length ?? 0;
      const stride = Math.max(1, Math.ceil(length / MAX_POINTS));
      const t = Array.from({ length: Math.ceil(length / stride) }, (_, j) => j * stride);
      this.parts = {
        series, split, t,
        train: t.map((i) => (i < split ? series![i] : null)),
        test: t.map((i) => (i >= split ? series![i] : null)),
      };
    }
    return this.parts;
  }

  /**
   * What the plot draws of the x range in view (null: all), `width` pixels wide: every
   * point when they fit, else each pixel column's lowest and highest. Zooming in cuts
   * anew, down to every point.
   */
  private view(range: { min: number; max: number } | null, width: number): uPlot.AlignedData {
    const { series, splitIndex: split } = this;
    if (!series) return [[], [], []];
    const key = `${split}/${range?.min}/${range?.max}/${width}`;
    // The series stays while a run streams: only the rollouts change from draw to draw.
    // The whole view's cut is kept apart from a zoom's, so that a double-click back is instant.
    const slot = range ? 'zoomed' : 'whole';
    let cut = this.cuts[slot];
    if (cut?.series !== series || cut.key !== key) {
      const t = decimate(series, range ? range.min : 0, range ? range.max + 1 : series.length, width);
      cut = this.cuts[slot] = {
        series, key, t,
        train: t.map((i) => (i < split ? series[i] : null)),
        test: t.map((i) => (i >= split ? series[i] : null)),
      };
    }
    const { t, train, test } = cut;
    return [t, train, test, ...runsOf(this.source, this.predictions).map((run) => this.rolloutColumn(this.predictions[run], t))];
  }

  /** A rollout (none yet: undefined) placed on the (sampled) x values `t`: value `i` at `splitIndex + 1 + i`, null elsewhere. */
  private rolloutColumn(rollout: Float32Array | undefined, t: number[]): Column {
    const start = this.splitIndex + 1;
    const length = rollout?.length ?? 0;
    return t.map((i) => (i >= start && i - start < length ? rollout![i - start] : null));
  }

  protected plotSpec(): PlotSpec {
    const keys = runsOf(this.source, this.predictions);
    const { theme, colours, axes } = this.palette(keys);
    const tr = this.i18n.t.bind(this.i18n);
    const dots = (colour: string): uPlot.Series => ({
      class: 'points', stroke: colour, fill: colour, paths: pointsOnly, points: { show: true, size: 3, width: 0, fill: colour, stroke: colour, paths: squarePoints },
    });
    const series: uPlot.Series[] = [
      { label: tr('chart.data.train'), ...dots(theme.train) },
      { label: tr('chart.data.test'), ...dots(theme.test) },
      ...keys.map((key) => ({
        label: tr('chart.prediction.run.column', { run: this.i18n.runLabel(key) }), stroke: colours.get(key)!, width: 2,
      })),
    ];
    const split = { colour: theme.muted, label: tr('chart.split'), font: axes.font as string };
    return {
      // Not the split's index, which the draw reads: a trainer's first series keeps the plot.
      shape: JSON.stringify([series, split, axes, this.i18n.lang]),
      options: () => ({
        series: [{ label: tr('chart.axis.time') }, ...series],
        scales: { x: { time: false } },
        axes: [{ ...axes, label: tr('chart.axis.time') }, { ...axes, label: tr('chart.axis.value'), size: fitAxisSize }],
        hooks: { draw: [(chart: uPlot) => this.series && drawSplit(chart, { ...split, at: this.splitIndex })] },
      }),
      data: (range, width) => this.view(range, width),
    };
  }

  protected describe(): string {
    const { series, splitIndex } = this;
    if (!series?.length) return this.i18n.t('chart.prediction.empty');
    const parts = [this.i18n.t('chart.prediction.summary', { length: series.length, split: splitIndex })];
    for (const [key, rollout] of Object.entries(this.predictions)) {
      if (!rollout.length) continue;
      const value = rolloutMse(series, splitIndex, rollout);
      parts.push(this.i18n.t('chart.prediction.run', { run: this.i18n.runLabel(key), value }));
    }
    return this.sentence(parts);
  }

  protected tableData(): TableData {
    const { t, train, test } = this.seriesParts();
    const keys = Object.keys(this.predictions);
    const tr = this.i18n.t.bind(this.i18n);
    const rollouts = keys.map((key) => this.rolloutColumn(this.predictions[key], t));
    return {
      caption: this.describe(),
      columns: [tr('chart.axis.time'), tr('chart.data.train'), tr('chart.data.test'),
        ...keys.map((key) => tr('chart.prediction.run.column', { run: this.i18n.runLabel(key) }))],
      rows: t.map((i, j) => [i, train[j], test[j], ...rollouts.map((column) => column[j])]),
    };
  }
}

/** The dashed vertical line where the test part begins, labelled, when it is in view. */
function drawSplit(chart: uPlot, split: { at: number; colour: string; label: string; font: string }): void {
  const { ctx, bbox } = chart;
  const x = Math.round(chart.valToPos(split.at, 'x', true));
  if (x < bbox.left || x > bbox.left + bbox.width) return;
  ctx.save();
  ctx.strokeStyle = ctx.fillStyle = split.colour;
  ctx.lineWidth = devicePixelRatio;
  ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(x, bbox.top);
  ctx.lineTo(x, bbox.top + bbox.height);
  ctx.stroke();
  ctx.font = split.font.replace(/^(\d+)px/, (_, px) => `${px * devicePixelRatio}px`);
  ctx.textBaseline = 'top';
  ctx.fillText(split.label, x + 4 * devicePixelRatio, bbox.top + 4 * devicePixelRatio);
  ctx.restore();
}

declare global {
  interface HTMLElementTagNameMap {
    'prediction-chart': PredictionChart;
  }
}
