/** Something that draws itself when its turn comes. */
export interface Drawable {
  draw(): void;
}

/** A chart redraws at most this often: a growing curve looks no smoother at 60 draws a second. */
const MIN_INTERVAL_MS = 50;

const waiting = new Set<Drawable>();
const lastDrawn = new WeakMap<Drawable, number>();
let frame = 0;

/**
 * Charts waiting to draw, oldest first; each animation frame draws at most one,
 * and each chart at most every 50 ms. A draw costs the main thread a few
 * milliseconds, half of it the browser's commit of the canvas: taking turns
 * keeps each frame's work to one chart's however many charts stream at once,
 * and a chart asked again before its turn draws once, with the latest data.
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
  for (const chart of waiting) {
    if (now - (lastDrawn.get(chart) ?? -Infinity) < MIN_INTERVAL_MS) continue;
    waiting.delete(chart);
    lastDrawn.set(chart, now);
    chart.draw();
    break;
  }
  if (waiting.size) frame = requestAnimationFrame(drawNext);
}
