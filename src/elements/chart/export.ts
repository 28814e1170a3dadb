import type uPlot from 'uplot';
import { pointsOnly } from './plot.js';

/** What the PNG shows beside the plot: a title and the page's colours. */
export interface ImageStyle {
  title: string;
  background: string;
  foreground: string;
  fontFamily: string;
}

const PAD = 12;
const ROW = 20;
const SWATCH = 24;

interface LegendEntry {
  label: string;
  colour: string;
  dash: number[];
  points: boolean;
}

function legendEntries(chart: uPlot): LegendEntry[] {
  return chart.series.map((s, i) => ({ s, i })).slice(1).filter(({ s }) => s.show !== false).map(({ s, i }) => ({
    label: String(s.label ?? ''),
    // uPlot keeps each series' stroke as a function of (chart, index).
    colour: String(typeof s.stroke === 'function' ? s.stroke(chart, i) : s.stroke),
    dash: s.dash ?? [],
    points: s.paths === pointsOnly,
  }));
}

/** Lays the legend out in rows that fit `width`: the x offset and row of each entry. */
function layout(ctx: CanvasRenderingContext2D, entries: LegendEntry[], width: number) {
  let x = PAD;
  let row = 0;
  return entries.map((entry) => {
    const w = SWATCH + 6 + ctx.measureText(entry.label).width + 16;
    if (x + w > width - PAD && x > PAD) {
      x = PAD;
      row++;
    }
    const at = { x, row };
    x += w;
    return at;
  });
}

function drawSwatch(ctx: CanvasRenderingContext2D, entry: LegendEntry, x: number, y: number): void {
  ctx.strokeStyle = ctx.fillStyle = entry.colour;
  if (entry.points) {
    for (const dx of [4, 12, 20]) ctx.fillRect(x + dx - 1.5, y - 1.5, 3, 3);
    return;
  }
  ctx.lineWidth = 2;
  ctx.setLineDash(entry.dash);
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x + SWATCH, y);
  ctx.stroke();
  ctx.setLineDash([]);
}

/**
 * The chart as a PNG: title, the plot as drawn (axes included: uPlot draws them
 * on its canvas), and the legend, which uPlot keeps in the DOM, redrawn below.
 * Null when the browser cannot encode it (the caller says so in the reader's language).
 */
export function chartImage(chart: uPlot, style: ImageStyle): Promise<Blob | null> {
  const plot = chart.ctx.canvas;
  const scale = plot.width / chart.width;
  const width = chart.width;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  ctx.font = `13px ${style.fontFamily}`;
  const entries = legendEntries(chart);
  const places = layout(ctx, entries, width);
  const rows = places.length ? places[places.length - 1].row + 1 : 0;
  const top = PAD + ROW;
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round((top + chart.height + PAD + rows * ROW + PAD) * scale);
  ctx.scale(scale, scale);
  ctx.fillStyle = style.background;
  ctx.fillRect(0, 0, width, canvas.height / scale);
  ctx.font = `bold 14px ${style.fontFamily}`;
  ctx.fillStyle = style.foreground;
  ctx.textBaseline = 'middle';
  ctx.fillText(style.title, PAD, PAD + ROW / 2);
  ctx.drawImage(plot, 0, top, chart.width, chart.height);
  ctx.font = `13px ${style.fontFamily}`;
  entries.forEach((entry, i) => {
    const y = top + chart.height + PAD + places[i].row * ROW + ROW / 2;
    drawSwatch(ctx, entry, places[i].x, y);
    ctx.fillStyle = style.foreground;
    ctx.fillText(entry.label, places[i].x + SWATCH + 6, y);
  });
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
