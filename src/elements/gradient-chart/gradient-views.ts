import type uPlot from 'uplot';
import type { GradientRecording } from '../../core/protocol.js';
import { sequentialColour } from '../gate-chart/heatmap.js';

/** Which recorded vector a gradient chart shows. */
export type GradientMetric = 'connectivity' | 'hidden';

/** How far below a vector's largest value a step still counts as remembered: 1/100. */
export const MEMORY_FRACTION = 0.01;

/** Decades of the heatmap's colour scale, below each epoch's largest value. */
export const HEATMAP_DECADES = 6;

/** The vector of `metric` in a recording. */
export function vectorOf(recording: GradientRecording, metric: GradientMetric): ArrayLike<number> {
  return metric === 'connectivity' ? recording.connectivity : recording.hiddenGrad;
}

/** The vector by lag: element k is step T-1-k, k steps back from the last one. */
export function byLag(values: ArrayLike<number>): number[] {
  return Array.from({ length: values.length }, (_, k) => values[values.length - 1 - k]);
}

/**
 * How many steps back the vector stays within MEMORY_FRACTION of its largest
 * value: the largest lag that does (0 when only the last step does, or nothing is recorded).
 */
export function memoryDepth(values: ArrayLike<number>): number {
  const lags = byLag(values);
  const max = Math.max(0, ...lags);
  if (!(max > 0)) return 0;
  let depth = 0;
  lags.forEach((v, k) => {
    if (v >= max * MEMORY_FRACTION) depth = k;
  });
  return depth;
}

/** The heatmap's colour of `value`, on a log scale over HEATMAP_DECADES below `max`. */
export function heatColour(value: number, max: number): string {
  const t = value > 0 && max > 0 ? 1 + Math.log10(value / max) / HEATMAP_DECADES : 0;
  const [r, g, b] = sequentialColour(t);
  return `rgb(${r}, ${g}, ${b})`;
}

/** The colour of `value` on a log scale from `min` (dark) to `max` (yellow): how the unrolled diagram colours its arrows. */
export function logColour(value: number, min: number, max: number): string {
  const span = Math.log10(max / min);
  const t = value > 0 && span > 0 ? Math.log10(value / min) / span : 1;
  const [r, g, b] = sequentialColour(t);
  return `rgb(${r}, ${g}, ${b})`;
}

/** Tick labels of a log axis: plain numbers down to 0.001, then powers of ten as 1e-5 (uPlot's own round them to 0). */
export const logTicks: uPlot.Axis.Values = (_chart, splits) =>
  splits.map((v) => (v == null ? '' : v >= 1e-3 ? String(Number(v.toPrecision(3))) : v.toExponential(0)));

/**
 * A uPlot draw hook that paints `rows` (one recording per epoch, oldest first) as
 * cells: x the lag, y the epoch, each row spanning halfway to its neighbours
 * (recorded epochs need not be evenly spaced). Each row is coloured relative to
 * its own largest value, so that the reach of memory reads the same at any size.
 */
export function heatmapHook(rows: GradientRecording[], metric: GradientMetric): (chart: uPlot) => void {
  return (chart) => {
    const { ctx } = chart;
    const x = (v: number) => chart.valToPos(v, 'x', true);
    const y = (v: number) => chart.valToPos(v, 'y', true);
    ctx.save();
    ctx.beginPath();
    ctx.rect(chart.bbox.left, chart.bbox.top, chart.bbox.width, chart.bbox.height);
    ctx.clip();
    rows.forEach((row, i) => {
      const lags = byLag(vectorOf(row, metric));
      const max = Math.max(...lags);
      const low = i > 0 ? (rows[i - 1].epoch + row.epoch) / 2 : row.epoch - 0.5;
      const high = i < rows.length - 1 ? (row.epoch + rows[i + 1].epoch) / 2 : row.epoch + 0.5;
      const top = y(high);
      const height = y(low) - top;
      lags.forEach((v, k) => {
        ctx.fillStyle = heatColour(v, max);
        const left = x(k - 0.5);
        ctx.fillRect(left, top, x(k + 0.5) - left + 0.5, height + 0.5);
      });
    });
    ctx.restore();
  };
}
