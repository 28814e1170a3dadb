import { CHART_DRAW_MS, CHART_DRAW_SPACING, REDUCED_MOTION_DRAW_MS } from '../../core/rates.js';
import { overBudget, renderedSince } from '../task-budget.js';

/** Something that draws itself when its turn comes. */
export interface Drawable {
  /**
   * False when the turn only made or showed a new plot (or cut a long series), and a later
   * turn draws the data: that turn may come at the next frame.
   */
  draw(): boolean;
  /**
   * True while nobody could see the draw (scrolled away): the chart keeps its place
   * in the queue and waits, and asks again (`requestDraw`) once it can be seen.
   */
  readonly offscreen?: boolean;
}

const waiting = new Set<Drawable>();
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
/** When each chart last drew, and how long that draw took. */
const lastDrawn = new WeakMap<Drawable, { at: number; took: number }>();
let frame = 0;
/** When the frame that paced the coming turn ran. */
let pacedAt = 0;
/** The coming turn was put off once already (see `drawNext`). */
let putOff = false;
/** Posts the draw of a turn into a task of its own, just after the frame that paced it. */
const afterFrame = new MessageChannel();
afterFrame.port1.onmessage = () => drawNext(performance.now());

/**
 * Charts waiting to draw, oldest first; each animation frame paces at most one
 * draw, and each chart draws at most every CHART_DRAW_MS, 100 ms (every second when
 * the reader prefers reduced motion), and waits ten times as long as its last draw
 * took (CHART_DRAW_SPACING) when that is longer. A draw costs the main thread a
 * few milliseconds (tens at 4x CPU throttling): taking turns keeps each frame's work
 * to one chart's however many charts stream at once, and a chart asked again
 * before its turn draws once, with the latest data. The draw runs in a task of its
 * own right after the frame rather than in the frame's callbacks, so that neither
 * it nor the frame's own work (other callbacks, style, layout, paint, the canvas
 * from the draw before) makes a long task; the canvas shows it at the next frame.
 * Off-screen charts wait: on a page of a dozen trainers most charts are, and
 * drawing them would fill every frame with work nobody sees. A hidden tab has no
 * frames, so no draws.
 */
export function requestDraw(chart: Drawable): void {
  waiting.add(chart);
  frame ||= requestAnimationFrame(onFrame);
}

export function cancelDraw(chart: Drawable): void {
  waiting.delete(chart);
}

function onFrame(): void {
  pacedAt = performance.now();
  afterFrame.port2.postMessage(null);
}

function drawNext(now: number): void {
  frame = 0;
  const onscreen = [...waiting].filter((chart) => !chart.offscreen);
  const interval = reducedMotion.matches ? REDUCED_MOTION_DRAW_MS : CHART_DRAW_MS;
  const next = onscreen.find((chart) => {
    const last = lastDrawn.get(chart);
    return !last || now - last.at >= Math.max(interval, CHART_DRAW_SPACING * last.took);
  });
  // An element rendered between the frame and this turn (a trainer's new state, say): the
  // draw's first text would make the browser compute the page's style and layout here, in
  // the draw's task. The next frame computes them anyway: the turn waits for it, once.
  const putOffNow = !!next && !putOff && renderedSince(pacedAt);
  putOff = putOffNow;
  // Scheduled first: a chart whose draw throws must not stop the others.
  if (onscreen.length > (next && !putOffNow ? 1 : 0)) frame = requestAnimationFrame(onFrame);
  if (!next || putOffNow) return;
  waiting.delete(next);
  lastDrawn.set(next, { at: now, took: 0 }); // a draw that throws is spaced out too
  // The draw is this task's work: the render it asks for (the chart's new summary) comes in
  // this task only if the draw left room in the slice, else in a task of its own.
  overBudget();
  // Making a plot takes turns of its own (see Plot): they are no redraws to space out, and
  // spaced CHART_DRAW_MS apart they held a page's first epoch back by a third of a second.
  if (!next.draw()) lastDrawn.delete(next);
  else lastDrawn.set(next, { at: now, took: performance.now() - now });
}
