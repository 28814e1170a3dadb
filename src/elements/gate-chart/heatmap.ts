import { unsafeCSS } from 'lit';
import type { GateRecording } from '../../core/protocol.js';

/** One recorded quantity of one run: a [units x steps] grid, read out of a GateRecording. */
export interface Grid {
  name: string;
  units: number;
  steps: number;
  /** value(unit, step) */
  at(unit: number, step: number): number;
  /** The recording's values, where value(unit, step) is `values[offset + step * units + unit]`. */
  values: ArrayLike<number>;
  offset: number;
  min: number;
  max: number;
  /** Each unit's mean over the steps: what the table and the summary report. */
  means: Float64Array;
}

/** Each recording's grids, read once: a render, its summary and its paint all ask. */
const grids = new WeakMap<GateRecording, Grid[]>();

/** The grids of a recording (its values are [name][step][unit]; its extents and means come with it). */
export function gridsOf(recording: GateRecording): Grid[] {
  let read = grids.get(recording);
  if (!read) grids.set(recording, (read = readGrids(recording)));
  return read;
}

function readGrids(recording: GateRecording): Grid[] {
  const { names, steps, units, values, extents, means } = recording;
  return names.map((name, g) => {
    const offset = g * steps * units;
    return {
      name, units, steps, values, offset, min: extents[2 * g], max: extents[2 * g + 1],
      at: (unit, step) => values[offset + step * units + unit],
      means: means.subarray(g * units, (g + 1) * units),
    };
  });
}

/** Gates are sigmoids: a fixed 0..1 scale. States (h, c) are signed: a scale symmetric around 0. */
export function isGate(name: string): boolean {
  return !['h', 'c'].includes(name);
}

export type Rgb = [number, number, number];

/** viridis, sampled: perceptually even, readable in grey and by most colour-blind readers. */
const SEQUENTIAL: Rgb[] = [[68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37]];
/** Blue - light grey - red (ColorBrewer RdBu, reversed), for signed values. */
const DIVERGING: Rgb[] = [[33, 102, 172], [103, 169, 207], [209, 229, 240], [240, 240, 240], [253, 219, 199],
  [239, 138, 98], [178, 24, 43]];

function sample(table: Rgb[], t: number): Rgb {
  const x = Math.min(Math.max(t, 0), 1) * (table.length - 1);
  const i = Math.min(Math.floor(x), table.length - 2);
  const f = x - i;
  return [0, 1, 2].map((c) => Math.round(table[i][c] + f * (table[i + 1][c] - table[i][c]))) as Rgb;
}

/** viridis at `t` in 0..1: the colour scale of every heatmap (the gradient chart's too). */
export function sequentialColour(t: number): Rgb {
  return sample(SEQUENTIAL, t);
}

/** Colours per table, sampled once: 256 levels, each packed as the RGBA bytes of one pixel. */
const LEVELS = 256;
const packed = new Map<Rgb[], Uint32Array>();
function levels(table: Rgb[]): Uint32Array {
  let lut = packed.get(table);
  if (!lut) {
    lut = new Uint32Array(LEVELS);
    const bytes = new Uint8Array(lut.buffer);
    for (let k = 0; k < LEVELS; k++) bytes.set([...sample(table, k / (LEVELS - 1)), 255], 4 * k);
    packed.set(table, lut);
  }
  return lut;
}

/** The value range a grid is coloured over, low end to high end of its colour table. */
export function scaleOf(grid: Grid): { low: number; high: number; table: Rgb[] } {
  if (isGate(grid.name)) return { low: 0, high: 1, table: SEQUENTIAL };
  const bound = Math.max(Math.abs(grid.min), Math.abs(grid.max), 1e-6);
  return { low: -bound, high: bound, table: DIVERGING };
}

/**
 * Paints a grid into `canvas`, one canvas pixel per cell: units as rows, steps as
 * columns. The page scales the canvas to its box (`image-rendering: pixelated`), so a
 * paint is a few thousand table look-ups and one `putImageData`, whatever the box's
 * size: nothing to rasterise, no size to read (which would force a layout).
 */
export function paintGrid(canvas: HTMLCanvasElement, grid: Grid): void {
  const { steps, units, values, offset } = grid;
  const image = new ImageData(steps, units);
  const pixels = new Uint32Array(image.data.buffer);
  const { low, high, table } = scaleOf(grid);
  const lut = levels(table);
  // A value's level is where it falls between low and high; the recording is [step][unit], the image [unit][step].
  const scale = (LEVELS - 1) / (high - low);
  for (let step = 0; step < steps; step++) {
    for (let unit = 0; unit < units; unit++) {
      const level = Math.round((values[offset + step * units + unit] - low) * scale);
      pixels[unit * steps + step] = lut[level < 0 ? 0 : level > LEVELS - 1 ? LEVELS - 1 : level];
    }
  }
  put(canvas, image);
}

/** `image` as the canvas's whole content; the canvas takes the image's size. */
function put(canvas: HTMLCanvasElement, image: ImageData): void {
  // Setting a canvas's size reallocates and clears it: only when it changed.
  if (canvas.width !== image.width) canvas.width = image.width;
  if (canvas.height !== image.height) canvas.height = image.height;
  canvas.getContext('2d')!.putImageData(image, 0, 0);
}

/**
 * The colour bars, as CSS: a gradient through a table's colours, evenly spaced, is the
 * same linear interpolation as `sample` (CSS interpolates rgb() stops in sRGB), and
 * costs no canvas to paint.
 */
export const colourBarStyles = unsafeCSS(`
  .bar.gate { background: ${gradientOf(SEQUENTIAL)}; }
  .bar.state { background: ${gradientOf(DIVERGING)}; }
`);

function gradientOf(table: Rgb[]): string {
  return `linear-gradient(to right, ${table.map((rgb) => `rgb(${rgb.join(' ')})`).join(', ')})`;
}
