import type uPlot from 'uplot';
import { RENDER_SLICE_MS } from '../../core/rates.js';
import type { Theme } from './colours.js';

/**
 * uPlot's class, once loaded. It is most of the charts' code, so the CDN build keeps it
 * in a chunk of its own, fetched when the first plot connects: the trainer and the
 * charts' frames render at once (nothing moves when it arrives), the plots draw once it
 * is here, and a page without charts never loads it.
 */
let UPlot: typeof uPlot | null = null;
let loading: Promise<void> | null = null;
const loadUPlot = () => (loading ??= import('uplot').then((module) => { UPlot = module.default; }));

/** Resolves once uPlot is loaded (and asks for it); null when it is. */
export const uPlotLoaded = (): Promise<void> | null => (UPlot ? null : loadUPlot());

/** What a chart asks the plot to draw. */
export interface PlotSpec {
  /**
   * Names everything in `options()`: series, scales, colours, language. The plot
   * is rebuilt only when it changes; otherwise new data goes through `setData`.
   */
  shape: string;
  options: () => Omit<uPlot.Options, 'width' | 'height'>;
  /**
   * The data; or, for a series too long to draw point by point, the data to draw
   * for an x range (null: the whole series) on a plot `width` CSS pixels wide.
   */
  data: uPlot.AlignedData | DataView;
}

/** The data to draw for an x range (null: all of it) at a width in CSS pixels. */
export type DataView = (range: { min: number; max: number } | null, width: number) => uPlot.AlignedData;

/** The path builder of a series drawn as points only (train and test data). */
export const pointsOnly: uPlot.Series.PathBuilder = () => null;

/** Each plot's last squares, per series, and everything their places depend on. */
const squares = new WeakMap<uPlot, Map<number, { depends: unknown[]; fill: Path2D }>>();

/**
 * Points as squares `points.size` CSS pixels wide, those in view (`first` to `last`).
 * uPlot's own points are circles: a thousand of them are a thousand arcs for the
 * canvas to flatten at every draw, two to three times the cost of squares, which at
 * three pixels look the same. The squares of a series are made again only when its
 * data, the part in view, the scales or the plot's box changed: a trainer's series stays
 * the same while only the rollouts move, and making its thousand squares anew at every
 * draw was a tenth of all the charts' drawing while training (CPU profile, 4x throttling).
 */
export const squarePoints: uPlot.Series.Points.PathBuilder = (chart, seriesIndex, first, last) => {
  const xs = chart.data[0];
  const ys = chart.data[seriesIndex];
  const { scale } = chart.series[seriesIndex];
  const side = chart.series[seriesIndex].points!.size! * devicePixelRatio;
  const { x, [scale!]: y } = chart.scales;
  const { left, top, width, height } = chart.bbox;
  const depends = [xs, ys, first, last, side, x.min, x.max, y.min, y.max, left, top, width, height];
  let made = squares.get(chart);
  if (!made) squares.set(chart, (made = new Map()));
  const kept = made.get(seriesIndex);
  if (kept && kept.depends.every((value, i) => value === depends[i])) return { fill: kept.fill };
  const fill = new Path2D();
  for (let i = first; i <= last; i++) {
    const value = ys[i];
    if (value == null) continue;
    const px = Math.round(chart.valToPos(xs[i], 'x', true) - side / 2);
    const py = Math.round(chart.valToPos(value, scale!, true) - side / 2);
    fill.rect(px, py, side, side);
  }
  made.set(seriesIndex, { depends, fill });
  return { fill };
};

/** uPlot's own width for a y-axis, in CSS pixels: the least a fitted one takes. */
const AXIS_MIN_SIZE = 50;

/**
 * A y-axis wide enough for its longest tick label, measured in the axis font (uPlot's
 * default is a fixed 50 px, which cuts long labels). It never gets narrower than that
 * default, nor than it has been in this plot. A change of width makes uPlot lay the
 * plot out anew and reallocate its canvas in the middle of a draw: a loss falling from
 * 0.5 to 0.005 widened its axis three times in the first second of training, and those
 * were a run's longest draws at 4x CPU throttling, up to 60 ms. So the axis grows for a
 * label that needs it, and otherwise keeps its width.
 */
export const fitAxisSize: uPlot.Axis.Size = (chart, values, axisIndex, cycle) => {
  const axis = chart.axes[axisIndex] as uPlot.Axis & { _size?: number; font: [string, number] };
  // uPlot sizes axes in cycles until they settle; a second answer could oscillate.
  if (cycle > 1 && axis._size) return axis._size;
  const longest = (values ?? []).reduce((a, v) => (v.length > a.length ? v : a), '');
  const text = longest ? textWidth(axis.font[0], longest) / devicePixelRatio : 0;
  const fitted = Math.ceil((axis.ticks?.size ?? 10) + (axis.gap ?? 5) + text + 4);
  return Math.max(AXIS_MIN_SIZE, axis._size ?? 0, fitted);
};

/**
 * Text widths, measured on a canvas outside the document and remembered: setting the
 * font of the plot's own canvas makes the browser bring the page's styles (in a size
 * container, its layout too) up to date in the middle of a draw, at every draw.
 */
const widths = new Map<string, number>();
let ruler: { context: OffscreenCanvasRenderingContext2D; font: string } | null = null;
// A web font that finishes loading changes the widths.
document.fonts?.addEventListener('loadingdone', () => widths.clear());

function textWidth(font: string, text: string): number {
  const key = `${font}\n${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    ruler ??= { context: new OffscreenCanvas(1, 1).getContext('2d')!, font: '' };
    if (ruler.font !== font) ruler.context.font = ruler.font = font;
    width = ruler.context.measureText(text).width;
    if (widths.size >= 1000) widths.clear();
    widths.set(key, width);
  }
  return width;
}

/** The axes' colours and font, from the element's theme. */
export function axisStyle(theme: Theme): uPlot.Axis {
  const line = { stroke: theme.border, width: 1 };
  return {
    stroke: theme.fg,
    font: `12px ${theme.fontFamily}`,
    labelFont: `12px ${theme.fontFamily}`,
    grid: line,
    ticks: line,
  };
}

/**
 * One uPlot in a shadow root: sized by a ResizeObserver on its frame, rebuilt
 * when its shape changes, fed by `setData` otherwise. A drag-zoom holds while data
 * streams in; a double-click returns to the full range. Everything costly (building,
 * resizing, drawing) happens in `draw()`, which the chart calls at its turn in the
 * draw queue: a page of charts builds them one per turn, never all in one task. A
 * new plot takes its own turns: one makes it, the next draws it while it is out of
 * the page (where its text asks nothing of the page's style and layout), the next
 * shows it in place of the old one, and the one after draws the data as it is then.
 */
export class Plot {
  private chart: uPlot | null = null;
  /** A plot made for `shape`, not shown yet: drawn (`init`) at the next turn, shown (`mount`) at the one after. */
  private next: { chart: uPlot; shape: string; legend: HTMLElement | null; init: (() => void) | null } | null = null;
  private spec: PlotSpec | null = null;
  private shape = '';
  private zoomed = false;
  /** The last turn only cut the data (see `draw`): this one draws, however long its cut takes. */
  private cutLastTurn = false;
  /** The x range the data was last cut for (a `DataView`), so that a new zoom asks for new data. */
  private viewed: { min: number; max: number } | null = null;
  /** The frame's size as the observer last reported it (reading it would force a layout). */
  private frameSize: { width: number; height: number } | null = null;
  private readonly resize = new ResizeObserver((entries) => {
    const { width, height } = entries[entries.length - 1].contentRect;
    const size = { width: Math.round(width), height: Math.round(height) };
    this.frameSize = size;
    const chart = this.chart;
    // The plot follows its frame at the chart's next turn in the draw queue, as every draw
    // does: a page that grows a scrollbar resizes all its charts in one frame, and resizing
    // them all inside it made one long task. Meanwhile the frame clips the canvas.
    if (!chart || size.width !== chart.width || size.height !== chart.height) this.changed();
  });

  /**
   * `frame` holds the canvas (its CSS size is the plot's); `legend` gets uPlot's legend;
   * `changed` asks for a `draw()`: the frame's size changed, or a zoom wants finer data.
   */
  constructor(private readonly frame: HTMLElement, private readonly legend: HTMLElement, private readonly changed: () => void) {}

  /** The live uPlot, or null before the frame has a size or after `disconnect()`. */
  get uplot(): uPlot | null {
    return this.chart;
  }

  connect(): void {
    this.resize.observe(this.frame);
    void uPlotLoaded();
  }

  /** Frees the canvas; `connect()` and the next `draw()` bring it back. */
  disconnect(): void {
    this.resize.disconnect();
    this.destroy();
  }

  /**
   * Draws `spec`; false when this turn only made or showed a new plot, and a later
   * `draw()` draws the data (the plot asks for it through `changed`). `whole` does
   * it all at once.
   */
  draw(spec: PlotSpec, whole = false): boolean {
    this.spec = spec;
    if (this.next && !whole) {
      // Shown even when the shape moved on while it was made (the gradient heatmap gains
      // a row every 100 ms), so that a stream of changes never starves the screen.
      if (this.next.init) this.drawOffPage();
      else this.mount();
      this.changed();
      return false;
    }
    if (!this.chart || spec.shape !== this.shape) {
      if (!this.build()) return true;
      if (!whole) return false;
      this.drawOffPage();
      this.mount();
    }
    const chart = this.chart!;
    const size = this.size();
    const resized = size.width > 0 && size.height > 0 && (size.width !== chart.width || size.height !== chart.height);
    const range = this.zoomed ? { min: chart.scales.x.min!, max: chart.scales.x.max! } : null;
    const started = performance.now();
    const data = this.dataOf(spec, range, size.width > 0 ? size.width : chart.width);
    // Cutting a long series anew (a new series, width or zoom) can fill a render slice on its
    // own: the chart keeps the cut, and the plot draws it at the next turn, once.
    const slow = !whole && !this.cutLastTurn && performance.now() - started > RENDER_SLICE_MS;
    this.cutLastTurn = slow;
    if (slow) {
      this.changed();
      return false;
    }
    // One synchronous redraw (uPlot would otherwise commit in a microtask of its own).
    chart.batch(() => {
      if (resized) chart.setSize(size);
      chart.setData(data, !this.zoomed);
      if (range && typeof spec.data === 'function') chart.setScale('x', range); // the y-axis fits the new cut
    });
    return true;
  }

  private dataOf(spec: PlotSpec, range: { min: number; max: number } | null, width: number): uPlot.AlignedData {
    if (typeof spec.data !== 'function') return spec.data;
    this.viewed = range;
    return spec.data(range, width);
  }

  private size(): { width: number; height: number } {
    return this.frameSize ?? { width: this.frame.clientWidth, height: this.frame.clientHeight };
  }

  /** Makes the plot for the spec, not shown yet; false when the frame has no size to make it for. */
  private build(): boolean {
    const size = this.size();
    this.dropNext();
    // A hidden frame (display: none, or not laid out yet) has no size: wait for the observer.
    if (!this.spec || size.width === 0 || size.height === 0) {
      this.destroy();
      return false;
    }
    // Before uPlot's chunk is here: draw again once it is, unless the chart left the page meanwhile.
    if (!UPlot) {
      void loadUPlot().then(() => this.frame.isConnected && this.changed());
      return false;
    }
    const options = this.spec.options();
    const next = { shape: this.spec.shape, legend: null as HTMLElement | null, init: null as (() => void) | null };
    const chart = new UPlot({
      ...options,
      ...size,
      legend: {
        ...options.legend,
        // uPlot's markers are solid whatever the line; a dashed line gets a dashed marker.
        markers: { dash: (chart, i) => (chart.series[i].dash?.length ? 'dashed' : 'solid') },
        mount: (_chart, table) => (next.legend = table),
      },
      cursor: { ...options.cursor, bind: { dblclick: (_chart, _target, reset) => (event) => this.unzoom(reset, event) } },
      hooks: {
        ...options.hooks,
        setSelect: [(chart) => { this.zoomed ||= chart.select.width > 0; }],
        setScale: [(chart, key) => this.zoomedTo(chart, key)],
      },
    }, this.dataOf(this.spec, null, size.width), (_chart, init) => (next.init = init as () => void));
    this.next = { ...next, chart };
    this.changed();
    return true;
  }

  /** Draws the plot made at the last turn, still out of the page, with the data it was made with. */
  private drawOffPage(): void {
    const next = this.next!;
    next.chart.batch(next.init!);
    next.init = null;
  }

  /**
   * Shows the plot drawn at the last turn in place of the old one. If the frame changed
   * size since (a page that grows a scrollbar while it loads), the plot is resized here,
   * which redraws it in this turn, in a microtask: shown at its old size, it would be
   * clipped or fall short of its frame until the next turn.
   */
  private mount(): void {
    const { chart, shape, legend } = this.next!;
    this.next = null;
    this.destroy();
    this.chart = chart;
    this.shape = shape;
    this.zoomed = false;
    this.frame.append(chart.root);
    if (legend) this.legend.append(legend);
    const size = this.size();
    if (size.width !== chart.width || size.height !== chart.height) chart.setSize(size);
  }

  /** A drag-zoom on data cut to the view: ask for a draw, which cuts it anew for the zoomed range. */
  private zoomedTo(chart: uPlot, key: string): void {
    if (key !== 'x' || !this.zoomed || typeof this.spec?.data !== 'function') return;
    const { min, max } = chart.scales.x;
    if (min !== this.viewed?.min || max !== this.viewed?.max) this.changed();
  }

  /** Double-click: back to following the data, over its full range. */
  private unzoom(reset: uPlot.Cursor.MouseListener, event: MouseEvent): null {
    this.zoomed = false;
    reset(event);
    const chart = this.chart;
    if (this.spec && chart) chart.setData(this.dataOf(this.spec, null, chart.width), true);
    return null;
  }

  private destroy(): void {
    this.dropNext();
    this.chart?.destroy();
    this.chart = null;
    // The legend was mounted outside uPlot's root, so destroy() leaves it behind.
    this.legend.replaceChildren();
  }

  private dropNext(): void {
    this.next?.chart.destroy();
    this.next = null;
  }
}
