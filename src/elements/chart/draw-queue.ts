import { CHART_DRAW_MS as MIN_INTERVAL_MS } from '../../core/rates.js';

/** Something that draws itself when its turn comes. */
export interface Drawable {
  draw(): void;
  /**
   * True while nobody could see the draw (scrolled away): the chart keeps its place
   * in the queue and waits, and asks again (`requestDraw`) once it can be seen.
   */
  readonly offscreen?: boolean;
}

const waiting = new Set<Drawable>();
const lastDrawn = new WeakMap<Drawable, number>();
let frame = 0;

/**
 * Charts waiting to draw, oldest first; each animation frame draws at most one,
 * and each chart at most every 50 ms. A draw costs the main thread a few
 * milliseconds, half of it the browser's commit of the canvas: taking turns
 * keeps each frame's work to one chart's however many charts stream at once,
 * and a chart asked again before its turn draws once, with the latest data.
 * Off-screen charts wait: on a page of a dozen trainers most charts are, and
 * drawing them would fill every frame with work nobody sees.
 */
export function requestDraw(chart: Drawable): void {
  waiting.add(chart);
  frame ||= requestAnimationFrame(drawNext);
}

export function cancelDraw(chart: Drawable): void {
  waiting.delete(chart);
}

function drawNext(now: number): void {
  frame = 0;
  const onscreen = [...waiting].filter((chart) => !chart.offscreen);
  const next = onscreen.find((chart) => now - (lastDrawn.get(chart) ?? -Infinity) >= MIN_INTERVAL_MS);
  // Scheduled first: a chart whose draw throws must not stop the others.
  if (onscreen.length > (next ? 1 : 0)) frame = requestAnimationFrame(drawNext);
  if (!next) return;
  waiting.delete(next);
  lastDrawn.set(next, now);
  next.draw();
}
