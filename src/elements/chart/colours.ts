import { CHART_THEME_NAMES, type ColourName } from '../theme.js';
import { modelOfKey } from '../../core/runs.js';

/** The theme as an element resolves it: canvases cannot read CSS variables, so charts read them here. */
export type Theme = Record<ColourName, string> & { fontFamily: string };

const MODEL_COLOURS: readonly string[] = ['gru', 'lstm', 'rnn', 'mlp'];

/** Every colour the charts use (theme.ts), and the font, from one style lookup. */
export function readTheme(host: Element): Theme {
  const style = getComputedStyle(host);
  const theme = { fontFamily: style.fontFamily } as Theme;
  for (const name of CHART_THEME_NAMES) theme[name] = style.getPropertyValue(`--_${name}`).trim();
  return theme;
}

let probe: CanvasRenderingContext2D | null = null;

/** Any CSS colour as `[r, g, b]`, parsed by a canvas (which normalises every syntax). */
function rgb(colour: string): [number, number, number] {
  probe ??= document.createElement('canvas').getContext('2d')!;
  probe.fillStyle = '#000';
  probe.fillStyle = colour;
  const text = probe.fillStyle;
  if (text.startsWith('#')) {
    const n = parseInt(text.slice(1), 16);
    return [n >> 16, (n >> 8) & 255, n & 255];
  }
  const [r, g, b] = text.replace(/[^\d.,]/g, '').split(',').map(Number);
  return [r, g, b];
}

/**
 * The `index`-th of `count` shades of `[r, g, b]`: from darker (mixed with up to
 * 55 % black) to lighter (up to 60 % white), evenly, the base colour in between.
 */
export function shade([r, g, b]: [number, number, number], index: number, count: number): string {
  const t = count === 1 ? 0 : -0.55 + (1.15 * index) / (count - 1);
  const mix = (c: number) => Math.round(t < 0 ? c * (1 + t) : c + (255 - c) * t);
  return `rgb(${mix(r)}, ${mix(g)}, ${mix(b)})`;
}

/**
 * Each run's colour: its model's, from the theme. The runs of one model in a
 * sweep (`gru@seq-len=10`, `gru@seq-len=20`, ...) take its shades, dark to
 * light in order, so that they stay apart while keeping their model's hue.
 */
export function runColours(theme: Theme, keys: string[]): Map<string, string> {
  const byModel = new Map<string, string[]>();
  for (const key of keys) {
    const model = modelOfKey(key);
    byModel.set(model, [...(byModel.get(model) ?? []), key]);
  }
  const colours = new Map<string, string>();
  for (const [model, runs] of byModel) {
    const base = MODEL_COLOURS.includes(model) ? theme[model as ColourName] : theme.fg;
    if (runs.length === 1) {
      colours.set(runs[0], base);
      continue;
    }
    const base3 = rgb(base);
    runs.forEach((key, i) => colours.set(key, shade(base3, i, runs.length)));
  }
  return colours;
}

/** `colour` at an opacity, for a canvas (which cannot mix colours in CSS). */
export function fade(colour: string, alpha: number): string {
  const [r, g, b] = rgb(colour);
  return `rgba(${r}, ${g}, ${b}, ${alpha.toFixed(2)})`;
}
