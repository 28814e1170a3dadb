import { LitElement, html, type PropertyValues } from 'lit';
import type uPlot from 'uplot';
import { property, query, state } from 'lit/decorators.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { MessageKey } from '../../i18n/translate.js';
import { readTheme, runColours, type Theme } from './colours.js';
import { chartStyles } from './chart.styles.js';
import type { TableData } from './data-table.js';
import { ChartFooter } from './chart-footer.js';
import { chartImage } from './export.js';
import { cancelDraw, requestDraw } from './draw-queue.js';
import { Plot, axisStyle, uPlotLoaded, type PlotSpec } from './plot.js';
import { updateInBudget } from '../task-budget.js';
import { SourceBinding, type ChartSource } from './source-binding.js';

export type { ChartSource };

const darkScheme = matchMedia('(prefers-color-scheme: dark)');

/**
 * What `<loss-chart>` and `<prediction-chart>` share: the binding to a trainer,
 * the uPlot in the shadow root, redraws batched to animation frames, the live
 * accessible summary, the table, and the PNG and CSV exports. A chart says what
 * to draw (`plotSpec`), how to say it (`describe`) and which numbers (`tableData`).
 *
 * @attr for - The id of the `<rnn-trainer>` to follow, in the same document or shadow root.
 * @csspart plot - The plot (`role="img"`; its `aria-label` says the latest numbers).
 * @csspart legend - The legend: one entry per line, its values under the cursor.
 * @csspart footer - The line under the legend: a note and the menu button.
 * @csspart button - The menu button (also part `menu-button`).
 * @csspart menu - Its menu (a popover): the table, PNG and CSV.
 * @csspart menuitem - Each entry of the menu (also `table-toggle`, `png` or `csv`).
 * @csspart table - The box of the data table.
 * @cssprop --rnn-lab-gru - Colour of the GRU, in every chart.
 * @cssprop --rnn-lab-lstm - Colour of the LSTM, in every chart.
 * @cssprop --rnn-lab-rnn - Colour of the RNN, in every chart.
 * @cssprop --rnn-lab-mlp - Colour of the MLP, in every chart.
 * @cssprop --rnn-lab-chart-height - Height of the plot (default: half its width, 12em to 24em).
 * @cssprop --rnn-lab-font - Font family, of the axes too.
 * @cssprop --rnn-lab-font-size - Font size (default `medium`).
 * @cssprop --rnn-lab-fg - Colour of text and axes.
 * @cssprop --rnn-lab-bg - Background colour (of the PNG too).
 * @cssprop --rnn-lab-muted - Colour of secondary text.
 * @cssprop --rnn-lab-border - Colour of the grid and borders.
 * @cssprop --rnn-lab-accent - Colour of focus rings and of the zoom selection.
 * @cssprop --rnn-lab-accent-fg - Shared theme colour (text on accent), unused by the charts.
 * @cssprop --rnn-lab-error - Shared theme colour (errors), unused by the charts.
 * @cssprop --rnn-lab-error-bg - Shared theme colour (error background), unused by the charts.
 */
export abstract class ChartElement extends LitElement {
  static override styles = chartStyles;

  /** The id of the `<rnn-trainer>` to follow, in this element's document or shadow root (like `<label for>`). */
  @property({ attribute: 'for', reflect: true }) htmlFor: string | null = null;

  @state() private summary = '';
  /** Bumped by each redraw while the table is open, so that it shows the numbers of that frame. */
  @state() private tableFrame = 0;
  @query('.plot') private frame!: HTMLElement;
  @query('.legend') private legend!: HTMLElement;

  protected readonly i18n = new LocalizeController(this);
  private readonly footer = new ChartFooter(this, this.i18n, {
    tableData: () => this.tableData(),
    toPNG: () => this.toPNG(),
  }, () => ({ file: this.fileName, label: this.labelKey }));
  // A new epoch redraws in the theme already read; a new binding or run state reads it again.
  private readonly binding = new SourceBinding(this, (streaming) => (streaming ? this.redraw() : this.refresh()));
  private plot: Plot | null = null;
  private readonly onScheme = () => this.refresh();
  /**
   * The theme as last read. Reading it forces the browser to compute styles (and, in a
   * size container such as this one, a layout) in the middle of a frame: draws while
   * data streams reuse it, and `refresh()`, a property change or a colour-scheme change
   * read it again.
   */
  private cachedTheme: Theme | null = null;
  /** Pending while a draw is queued: `updateComplete` waits for it. */
  private drawn: Promise<void> | null = null;
  private markDrawn = () => {};
  /** Near the viewport (or not yet told otherwise): off-screen, draws wait until it comes into view. */
  private inView = true;
  /** Someone awaits `updateComplete`: the pending draw happens even off-screen. */
  private awaited = false;
  private readonly viewport = new IntersectionObserver((entries) => {
    this.inView = entries[entries.length - 1].isIntersecting;
    if (this.inView && this.drawn) requestDraw(this);
  }, { rootMargin: '200px' });

  /** The message key of this chart's name: the PNG's title and the table's label. */
  protected abstract readonly labelKey: MessageKey;
  /** The file name of exports, without extension. */
  protected abstract readonly fileName: string;

  /** Copies the trainer's data into this chart's data properties. */
  protected abstract readSource(source: ChartSource): void;
  /** The plot for the current data and language. */
  protected abstract plotSpec(): PlotSpec;
  /** One sentence for screen readers, with the latest numbers. */
  protected abstract describe(): string;
  /** The numbers drawn, as a table. */
  protected abstract tableData(): TableData;

  /** What a `plotSpec` draws with: the theme (as `theme()` last read it), a colour for each of `keys`, the axes' style. */
  protected palette(keys: string[]): { theme: Theme; colours: Map<string, string>; axes: uPlot.Axis } {
    const theme = this.theme();
    return { theme, colours: runColours(theme, keys), axes: axisStyle(theme) };
  }

  /**
   * The trainer this chart follows: set it to a trainer element directly, or
   * leave it null and name one with `for`. Reads the one bound now.
   */
  get source(): ChartSource | null {
    return this.binding.source;
  }

  set source(value: ChartSource | null) {
    this.binding.source = value;
  }

  /** The uPlot instance drawing the chart (for reading its scales, or adding hooks), or null before it is drawn. */
  get uplot(): uPlot | null {
    return this.plot?.uplot ?? null;
  }

  /** @internal True while a draw could wait: the chart is scrolled away and nobody awaits it. */
  get offscreen(): boolean {
    return !this.inView && !this.awaited;
  }

  /**
   * Redraws at an animation frame soon, in the theme as it is then (the `--rnn-lab-*`
   * properties): call it after changing the data arrays in place, or the chart's style.
   */
  refresh(): void {
    this.cachedTheme = null;
    this.redraw();
  }

  /** Redraws at an animation frame soon, in the theme last read: new data, a new size or zoom. */
  private redraw(): void {
    requestDraw(this);
    this.drawn ??= new Promise((resolve) => (this.markDrawn = resolve));
  }

  /** The colours and font to draw in (see `cachedTheme`). */
  protected theme(): Theme {
    return (this.cachedTheme ??= readTheme(this));
  }

  /** The data as CSV text (full precision; the same rows as the table). */
  toCSV(): string {
    this.drawNow();
    return this.footer.toCSV();
  }

  /** The chart as a PNG image, legend included; null before it is first drawn. */
  async toPNG(): Promise<Blob | null> {
    this.drawNow();
    const chart = this.plot?.uplot;
    if (!chart) return null;
    const theme = this.theme();
    const png = await chartImage(chart, {
      title: this.i18n.t(this.labelKey),
      background: theme.bg,
      foreground: theme.fg,
      fontFamily: theme.fontFamily,
    });
    if (!png) throw new Error(this.i18n.t('chart.error.png'));
    return png;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    darkScheme.addEventListener('change', this.onScheme);
    this.viewport.observe(this);
    this.plot?.connect();
    this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    darkScheme.removeEventListener('change', this.onScheme);
    cancelDraw(this);
    this.settleDraw();
    this.viewport.disconnect();
    this.plot?.disconnect();
  }

  protected override firstUpdated(): void {
    this.plot = new Plot(this.frame, this.legend, () => this.redraw());
    this.plot.connect();
    this.refresh();
  }

  protected override scheduleUpdate(): void | Promise<void> {
    return updateInBudget(() => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('htmlFor')) this.binding.resolve();
  }

  protected override updated(changed: PropertyValues): void {
    // Data, options and language changes redraw; the chart's own state does not.
    const own = ['summary', 'tableFrame'];
    const redraw = changed.size === 0 || [...changed.keys()].some((key) => !own.includes(key as string));
    if (!redraw) return;
    // A bound chart reads its data from the trainer at each draw, as epochs stream: its new
    // data (a new run's history, say) is drawn in the theme it last read, as epochs are.
    if (this.binding.source) this.redraw();
    else this.refresh();
  }

  /**
   * Resolves once the element has rendered and drawn the data it had when asked
   * (draws wait for an animation frame, so not while the page is hidden), uPlot
   * included: a draw before its chunk arrived asks for another once it has.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    await uPlotLoaded();
    let complete = await super.getUpdateComplete();
    if (this.drawn) {
      // Even if it scrolls away before its turn: someone is waiting for this draw.
      this.awaited = true;
      requestDraw(this);
      await this.drawn;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  /**
   * @internal Draws the data as it is now; called by the draw queue at its turn (`whole`:
   * a new plot is made, shown and drawn at once, rather than over several turns). False
   * when this turn only made or showed a new plot, and the next one draws the data.
   */
  draw(whole = false): boolean {
    let done = true;
    try {
      const source = this.binding.source;
      if (source) this.readSource(source);
      done = this.plot?.draw(this.plotSpec(), whole) ?? true;
      this.summary = this.describe();
      if (this.footer.tableOpen) this.tableFrame++;
    } finally {
      // Even after a failed draw (reported as an uncaught error), updateComplete resolves;
      // a plot made but not shown yet resolves it at its next turn.
      if (done) this.settleDraw();
    }
    return done;
  }

  /** An export reads what the chart drew: a draw still waiting (off-screen) happens now. */
  private drawNow(): void {
    if (!this.drawn) return;
    cancelDraw(this);
    this.draw(true);
  }

  private settleDraw(): void {
    this.awaited = false;
    this.drawn = null;
    this.markDrawn();
  }

  protected override render() {
    const t = this.i18n.t.bind(this.i18n);
    return html`<div class="layout">
      <div part="plot" class="plot" role="img" aria-label=${this.summary} title=${t('chart.hint')}></div>
      <div part="legend" class="legend"></div>
      ${this.footer.renderFooter(this.note())}
      ${this.footer.renderTable()}
    </div>`;
  }

  /** Clauses joined into one sentence, with the language's separator and full stop. */
  protected sentence(clauses: string[]): string {
    return this.i18n.t('chart.sentence', { text: this.i18n.clauses(clauses) });
  }

  /** A line under the plot, such as the loss chart's key to solid and dashed lines. */
  protected note(): string {
    return '';
  }
}
