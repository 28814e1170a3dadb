// Helpers of the chart tests: frames, pixels and the parts of a chart's shadow DOM.
import { nextFrame } from '@open-wc/testing';
import type { LossChart } from '../../src/elements/loss-chart/loss-chart.js';
import type { PredictionChart } from '../../src/elements/prediction-chart/prediction-chart.js';

export type Chart = LossChart | PredictionChart;

/** Resolves after `count` animation frames: a ResizeObserver reports at the next one. */
export async function frames(count = 2): Promise<void> {
  for (let i = 0; i < count; i++) await nextFrame();
}

/** Waits until the chart has drawn what its data says now (its updateComplete covers the draw). */
export async function settled(chart: Chart): Promise<void> {
  await chart.updateComplete;
}

export function plotCanvas(chart: Chart): HTMLCanvasElement {
  const canvas = chart.shadowRoot!.querySelector<HTMLCanvasElement>('.plot canvas');
  if (!canvas) throw new Error('the chart has no canvas');
  return canvas;
}

/** The labels of the legend's series (the x series excluded). */
export function legendLabels(chart: Chart): string[] {
  return [...chart.shadowRoot!.querySelectorAll('.legend .u-series .u-label')].slice(1).map((e) => e.textContent ?? '');
}

/** Each series' line colour as uPlot draws it (uPlot keeps colours as functions). */
export function legendColours(chart: Chart): string[] {
  const plot = chart.uplot!;
  return plot.series.slice(1).map((s, i) => (typeof s.stroke === 'function' ? s.stroke(plot, i + 1) : s.stroke) as string);
}

function rgb(colour: string): [number, number, number] {
  const ctx = document.createElement('canvas').getContext('2d')!;
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}

/**
 * Which pixels of the plot, as it is drawn now, are in `colour` (within a small distance,
 * for anti-aliasing): a test of canvas pixel (x, y).
 */
export function pixelsIn(chart: Chart, colour: string): (x: number, y: number) => boolean {
  const canvas = plotCanvas(chart);
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  const [r, g, b] = rgb(colour);
  return (x, y) => {
    const i = 4 * (y * canvas.width + x);
    return data[i + 3] > 200 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 30;
  };
}

/** How many pixels of the plot are drawn in `colour` (see `pixelsIn`). */
export function pixelsOf(chart: Chart, colour: string): number {
  const { width, height } = plotCanvas(chart);
  const inColour = pixelsIn(chart, colour);
  let count = 0;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (inColour(x, y)) count++;
  return count;
}

/** How many pixels of the plot are painted at all. */
export function paintedPixels(chart: Chart): number {
  const canvas = plotCanvas(chart);
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
  return count;
}

/** The value of the theme colour `--_NAME` as the chart resolves it. */
export function themeColour(chart: Chart, name: string): string {
  return getComputedStyle(chart).getPropertyValue(`--_${name}`).trim();
}

/** A chart's menu entry by part (`table-toggle`, `png`, `csv`), as the reader would choose it. */
export function menuItem(chart: HTMLElement, part: string): HTMLButtonElement {
  const item = chart.shadowRoot!.querySelector<HTMLButtonElement>(`[role="menuitem"][part~="${part}"]`);
  if (!item) throw new Error(`the chart's menu has no ${part}`);
  return item;
}

/** Opens the data table from the chart's menu and returns its cells' texts, row by row (header first). */
export async function openTable(chart: Chart): Promise<string[][]> {
  const item = menuItem(chart, 'table-toggle');
  if (item.getAttribute('aria-expanded') !== 'true') item.click();
  await chart.updateComplete;
  const rows = chart.shadowRoot!.querySelectorAll('.table table tr');
  return [...rows].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim()));
}

/** A table cell as a number: grouping separators dropped (`1,000`), empty as null. */
export function cellNumber(text: string): number | null {
  return text === '' ? null : Number(text.replace(/,/g, ''));
}

/** What the table shows for `value`: 6 significant digits. */
export function shown(value: number): number {
  return Number(value.toPrecision(6));
}

export function plotLabel(chart: Chart): string {
  return chart.shadowRoot!.querySelector('[part="plot"]')!.getAttribute('aria-label') ?? '';
}

/** Distinct colours painted on a canvas, every pixel read: a blank (or one-colour) canvas has one. */
export function distinctColours(canvas: HTMLCanvasElement): number {
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  const seen = new Set<number>();
  for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  return seen.size;
}
