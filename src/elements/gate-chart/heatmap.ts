import type { GateRecording } from '../../core/protocol.js';

/** One recorded quantity of one run: a [units x steps] grid, read out of a GateRecording. */
export interface Grid {
  name: string;
  units: number;
  steps: number;
  /** value(unit, step) */
  at(unit: number, step: number): number;
  min: number;
  max: number;
}

/** The grids of a recording (its values are [name][step][unit]). */
export function gridsOf(recording: GateRecording): Grid[] {
  const { names, steps, units, values } = recording;
  return names.map((name, g) => {
    const base = g * steps * units;
    let min = Infinity;
    let max = -Infinity;
    for (let i = base; i < base + steps * units; i++) {
      min = Math.min(min, values[i]);
      max = Math.max(max, values[i]);
    }
    return { name, units, steps, at: (unit, step) => values[base + step * units + unit], min, max };
  });
}

/** Each unit's mean over the steps: what the table and the summary report. */
export function unitMeans(grid: Grid): number[] {
  return Array.from({ length: grid.units }, (_, unit) => {
    let sum = 0;
    for (let step = 0; step < grid.steps; step++) sum += grid.at(unit, step);
    return sum / grid.steps;
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

/** The value range a grid is coloured over, and the colour of a value in it. */
export function scaleOf(grid: Grid): { low: number; high: number; colour(value: number): Rgb } {
  if (isGate(grid.name)) return { low: 0, high: 1, colour: sequentialColour };
  const bound = Math.max(Math.abs(grid.min), Math.abs(grid.max), 1e-6);
  return { low: -bound, high: bound, colour: (v) => sample(DIVERGING, (v + bound) / (2 * bound)) };
}

/** Paints a grid into `canvas` at its CSS size: units as rows, steps as columns, one cell per pixel block. */
export function paintGrid(canvas: HTMLCanvasElement, grid: Grid): void {
  const image = new ImageData(grid.steps, grid.units);
  const { colour } = scaleOf(grid);
  for (let unit = 0; unit < grid.units; unit++) {
    for (let step = 0; step < grid.steps; step++) {
      const [r, g, b] = colour(grid.at(unit, step));
      const i = 4 * (unit * grid.steps + step);
      image.data[i] = r;
      image.data[i + 1] = g;
      image.data[i + 2] = b;
      image.data[i + 3] = 255;
    }
  }
  stretch(canvas, image);
}

/** Paints a colour bar from the scale's low end to its high end. */
export function paintScale(canvas: HTMLCanvasElement, grid: Grid): void {
  const { low, high, colour } = scaleOf(grid);
  const image = new ImageData(64, 1);
  for (let x = 0; x < 64; x++) {
    const [r, g, b] = colour(low + ((high - low) * x) / 63);
    image.data.set([r, g, b, 255], 4 * x);
  }
  stretch(canvas, image);
}

/** Draws `image` over the whole canvas, sharp-edged, at the device's pixel ratio. */
function stretch(canvas: HTMLCanvasElement, image: ImageData): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  canvas.height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  const source = document.createElement('canvas');
  source.width = image.width;
  source.height = image.height;
  source.getContext('2d')!.putImageData(image, 0, 0);
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
}
