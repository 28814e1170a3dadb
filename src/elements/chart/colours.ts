import type { ColourName } from '../theme.js';

const MODEL_COLOURS: readonly string[] = ['gru', 'lstm', 'rnn', 'mlp'];

let probe: CanvasRenderingContext2D | null = null;

/** Any CSS colour as `[r, g, b, a]`, parsed by a canvas (which normalises every syntax). */
function rgba(colour: string): [number, number, number, number] {
  probe ??= document.createElement('canvas').getContext('2d')!;
  probe.fillStyle = '#000';
  probe.fillStyle = colour;
  const text = probe.fillStyle;
  if (text.startsWith('#')) {
    const n = parseInt(text.slice(1), 16);
    return [n >> 16, (n >> 8) & 255, n & 255, 1];
  }
  const [r, g, b, a = 1] = text.replace(/[^\d.,]/g, '').split(',').map(Number);
  return [r, g, b, a];
}

/**
 * A colour of the theme's one table (theme.ts), as the element resolves it:
 * canvases cannot read CSS variables, so the chart asks for the computed value.
 */
export function themeColour(host: Element, name: ColourName): string {
  return getComputedStyle(host).getPropertyValue(`--_${name}`).trim();
}

/**
 * Each run's colour: its model's from the theme. The runs of one model in a sweep
 * (`gru@seq-len=10`, `gru@seq-len=20`, ...) fade from opaque to light, in order,
 * so that they stay apart while keeping their model's hue.
 */
export function runColours(host: Element, keys: string[]): Map<string, string> {
  const byModel = new Map<string, string[]>();
  for (const key of keys) {
    const model = key.split('@')[0];
    byModel.set(model, [...(byModel.get(model) ?? []), key]);
  }
  const colours = new Map<string, string>();
  for (const [model, runs] of byModel) {
    const base = MODEL_COLOURS.includes(model) ? themeColour(host, model as ColourName) : themeColour(host, 'fg');
    const [r, g, b] = rgba(base);
    runs.forEach((key, i) => {
      const alpha = runs.length === 1 ? 1 : 1 - (0.65 * i) / (runs.length - 1);
      colours.set(key, alpha === 1 ? base : `rgba(${r}, ${g}, ${b}, ${alpha.toFixed(2)})`);
    });
  }
  return colours;
}
