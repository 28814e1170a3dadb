import uPlot from 'uplot';
import type { Theme } from './colours.js';

/** What a chart asks the plot to draw. */
export interface PlotSpec {
  /**
   * Names everything in `options()`: series, scales, colours, language. The plot
   * is rebuilt only when it changes; otherwise new data goes through `setData`.
   */
  shape: string;
  options: () => Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
}

/** The path builder of a series drawn as points only (train and test data). */
export const pointsOnly: uPlot.Series.PathBuilder = () => null;

/** A y-axis as wide as its longest tick label, measured in the axis font (uPlot's default is fixed). */
export const fitAxisSize: uPlot.Axis.Size = (chart, values, axisIndex, cycle) => {
  const axis = chart.axes[axisIndex] as uPlot.Axis & { _size?: number; font: [string, number] };
  // uPlot sizes axes in cycles until they settle; a second answer could oscillate.
  if (cycle > 1 && axis._size) return axis._size;
  const longest = (values ?? []).reduce((a, v) => (v.length > a.length ? v : a), '');
  chart.ctx.font = axis.font[0];
  const text = longest ? chart.ctx.measureText(longest).width / devicePixelRatio : 0;
  return Math.ceil((axis.ticks?.size ?? 10) + (axis.gap ?? 5) + text + 4);
};

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
 * streams in; a double-click returns to the full range.
 */
export class Plot {
  private chart: uPlot | null = null;
  private spec: PlotSpec | null = null;
  private shape = '';
  private zoomed = false;
  private readonly resize = new ResizeObserver(() => this.fit());

  /** `frame` holds the canvas (its CSS size is the plot's); `legend` gets uPlot's legend. */
  constructor(private readonly frame: HTMLElement, private readonly legend: HTMLElement) {}

  /** The live uPlot, or null before the frame has a size or after `disconnect()`. */
  get uplot(): uPlot | null {
    return this.chart;
  }

  connect(): void {
    this.resize.observe(this.frame);
  }

  /** Frees the canvas; `connect()` and the next `draw()` bring it back. */
  disconnect(): void {
    this.resize.disconnect();
    this.destroy();
  }

  draw(spec: PlotSpec): void {
    this.spec = spec;
    if (!this.chart || spec.shape !== this.shape) this.build();
    else this.chart.setData(spec.data, !this.zoomed);
  }

  private size(): { width: number; height: number } {
    return { width: this.frame.clientWidth, height: this.frame.clientHeight };
  }

  private fit(): void {
    const size = this.size();
    if (!this.chart) this.build();
    else if (size.width !== this.chart.width || size.height !== this.chart.height) this.chart.setSize(size);
  }

  private build(): void {
    const size = this.size();
    this.destroy();
    // A hidden frame (display: none, or not laid out yet) has no size: wait for the observer.
    if (!this.spec || size.width === 0 || size.height === 0) return;
    this.shape = this.spec.shape;
    this.zoomed = false;
    const options = this.spec.options();
    this.chart = new uPlot({
      ...options,
      ...size,
      legend: {
        ...options.legend,
        // uPlot's markers are solid whatever the line; a dashed line gets a dashed marker.
        markers: { dash: (chart, i) => (chart.series[i].dash?.length ? 'dashed' : 'solid') },
        mount: (_chart, table) => this.legend.append(table),
      },
      cursor: { ...options.cursor, bind: { dblclick: (_chart, _target, reset) => (event) => this.unzoom(reset, event) } },
      hooks: { ...options.hooks, setSelect: [(chart) => { this.zoomed ||= chart.select.width > 0; }] },
    }, this.spec.data, this.frame);
  }

  /** Double-click: back to following the data, over its full range. */
  private unzoom(reset: uPlot.Cursor.MouseListener, event: MouseEvent): null {
    this.zoomed = false;
    reset(event);
    if (this.spec) this.chart?.setData(this.spec.data, true);
    return null;
  }

  private destroy(): void {
    this.chart?.destroy();
    this.chart = null;
    // The legend was mounted outside uPlot's root, so destroy() leaves it behind.
    this.legend.replaceChildren();
  }
}
