/** Something that draws itself when its turn comes. */
export interface Drawable {
  draw(): void;
}

const waiting = new Set<Drawable>();
let frame = 0;

/**
 * Charts waiting to draw, oldest first; each animation frame draws one. A chart
 * costs the main thread a few milliseconds per draw, mostly in the browser's
 * commit of its canvas: taking turns keeps every frame's work to one chart's,
 * however many charts stream at once, and a chart asked again before its turn
 * draws once.
 */
export function requestDraw(chart: Drawable): void {
  waiting.add(chart);
  frame ||= requestAnimationFrame(drawNext);
}

export function cancelDraw(chart: Drawable): void {
  waiting.delete(chart);
}

function drawNext(): void {
  frame = 0;
  const [next] = waiting;
  if (!next) return;
  waiting.delete(next);
  next.draw();
  if (waiting.size) frame = requestAnimationFrame(drawNext);
}
