import { LitElement, html, nothing, type PropertyDeclaration, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RECORDED_GATES } from '../../core/model-layout.js';
import { OFFSCREEN_STATUS_MS } from '../../core/rates.js';
import type { GateRecording } from '../../core/protocol.js';
import { modelOfKey } from '../../core/runs.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { MessageKey } from '../../i18n/translate.js';
import { ChartFooter } from '../chart/chart-footer.js';
import type { TableData } from '../chart/data-table.js';
import { SourceBinding, runsOf, type ChartSource } from '../chart/source-binding.js';
import type { RnnTrainer } from '../rnn-trainer/rnn-trainer.js';
import { gateChartStyles } from './gate-chart.styles.js';
import { RenderWait, nextTask, overBudget, updateInBudget } from '../task-budget.js';
import { gridsOf, isGate, paintGrid, scaleOf, type Grid } from './heatmap.js';

/** A trainer as the gate chart reads it: its recorded gates, and the switch that records them. */
export type GateSource = ChartSource & Partial<Pick<RnnTrainer, 'gates' | 'watchGates'>>;

/**
 * The gate inspector: heatmaps of a recurrent model's gates over the closed-loop
 * test rollout, hidden unit by test step — for a GRU the update gate z, the reset
 * gate r and the hidden state h; for an LSTM the input, forget and output gates
 * and the cell state; for an RNN the hidden state. The trainer records gates
 * only while a gate chart is bound to it, so an unwatched trainer pays nothing.
 *
 * @element gate-chart
 * @attr for - The id of the `<rnn-trainer>` to follow.
 * @attr model - Which run to show (`gru`, or a sweep key); by default the first recurrent one.
 * @csspart picker - The model picker (when the trainer trains several recurrent models).
 * @csspart heatmaps - The heatmaps (`role="img"`, with a summary for screen readers).
 * @csspart footer - The line under the heatmaps, with the menu button.
 * @csspart button - The menu button (also part `menu-button`).
 * @csspart menu - Its menu (a popover): the table and the CSV.
 * @csspart menuitem - Each entry of the menu (also `table-toggle` or `csv`).
 * @csspart table - The table: each gate's mean per hidden unit.
 * @cssprop --rnn-lab-font - Font family.
 * @cssprop --rnn-lab-font-size - Font size (default `medium`).
 * @cssprop --rnn-lab-fg - Text colour.
 * @cssprop --rnn-lab-bg - Background colour.
 * @cssprop --rnn-lab-muted - Colour of the labels and notes.
 * @cssprop --rnn-lab-border - Colour of the heatmaps' frames.
 * @cssprop --rnn-lab-accent - Colour of focus rings.
 * @cssprop --rnn-lab-accent-fg - Text on the accent colour.
 * @cssprop --rnn-lab-error - Colour of error messages.
 * @cssprop --rnn-lab-error-bg - Background of error messages.
 */
export class GateChart extends LitElement {
  static override styles = gateChartStyles;

  /** The id of the `<rnn-trainer>` to follow (like `<label for>`). */
  @property({ attribute: 'for', reflect: true }) htmlFor: string | null = null;
  /** The run shown: a key of the trainer's `gates`; null for the first recurrent run. */
  @property({ reflect: true }) model: string | null = null;

  @state() private hover = '';
  private readonly i18n = new LocalizeController(this);
  private readonly footer = new ChartFooter(this, this.i18n, { tableData: () => this.tableData() },
    () => ({ file: 'gates', label: 'gates.table' }));
  private readonly binding = new SourceBinding(this, () => this.sourceChanged());
  /** The recording each heatmap's canvas shows: a new one is painted, the same one is not. */
  private readonly shown = new WeakMap<HTMLCanvasElement, GateRecording>();
  /** Pending while heatmaps wait for a later task to be painted: `updateComplete` waits for it. */
  private painting: Promise<void> | null = null;
  /** Off-screen, nothing is painted; coming into view renders and paints what is current. */
  private visible = true;
  private readonly view = new IntersectionObserver((entries) => {
    this.visible = entries[entries.length - 1].isIntersecting;
    if (this.visible) this.turn.now();
    this.paint();
  }, { rootMargin: '200px' });
  /** When the chart last rendered, and whether the pending render is only for a new recording (see `scheduleUpdate`). */
  private renderedAt = -Infinity;
  private onlyNewRecording = false;
  private readonly turn = new RenderWait();
  private unwatch: (() => void) | null = null;
  private watched: GateSource | null = null;
  /** What the last render showed: a trainer's epoch that brings no new recording re-renders nothing. */
  private rendered: { recording: GateRecording | null; keys: string } | null = null;

  /** The trainer followed: set directly, or named with `for`. */
  get source(): GateSource | null { return this.binding.source as GateSource | null; }
  set source(value: GateSource | null) { this.binding.source = value; }

  /** The recording shown, or null before the trainer has recorded the run shown. */
  get recording(): GateRecording | null {
    const key = this.currentKey();
    return (key && this.source?.gates?.[key]) || null;
  }

  /** Each gate's mean per hidden unit, as CSV. */
  toCSV(): string {
    return this.footer.toCSV();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.view.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.view.disconnect();
    this.watch(null);
  }

  /**
   * Renders in budget (see task-budget.ts). Off-screen, a new recording of the runs shown
   * renders at most every OFFSCREEN_STATUS_MS, as a trainer's status does, and at once
   * when the chart comes near the viewport: a chart further down the page would otherwise
   * re-render and lay out its text four times a second while nobody sees it. Its summary
   * for screen readers is then at most that old.
   */
  protected override async scheduleUpdate(): Promise<void> {
    const wait = this.onlyNewRecording && !this.visible ? this.renderedAt + OFFSCREEN_STATUS_MS - performance.now() : 0;
    if (wait > 0) await this.turn.for(wait);
    await updateInBudget(() => super.scheduleUpdate());
  }

  /**
   * A change of the chart's own properties (`model`, `for`, the hover text) renders at once,
   * even off-screen. Called by Lit before the fields exist.
   */
  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    super.requestUpdate(name, oldValue, options);
    if (name !== undefined) this.renderSoon();
  }

  private renderSoon(): void {
    this.onlyNewRecording = false;
    this.turn?.now();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('htmlFor')) this.binding.resolve();
  }

  protected override updated(): void {
    this.rendered = { recording: this.recording, keys: this.runs().join(' ') };
    this.renderedAt = performance.now();
    this.onlyNewRecording = false;
    this.paint();
  }

  /**
   * The recurrent runs the chart can show (`runsOf`): the first one's rows are laid out
   * before its first recording, which only fills them in.
   */
  private runs(): string[] {
    return runsOf(this.source, this.source?.gates ?? {}).filter((key) => RECORDED_GATES[modelOfKey(key)]?.length);
  }

  /** Asks the bound trainer (and only it) to record gates, and redraws when there is something new to show. */
  private sourceChanged(): void {
    const before = this.watched;
    this.watch(this.isConnected ? this.source : null);
    const sameRuns = this.watched === before && this.rendered?.keys === this.runs().join(' ');
    if (sameRuns && this.rendered?.recording === this.recording) return;
    if (!sameRuns) this.renderSoon();
    // A render already pending for another reason stays prompt.
    else if (!this.isUpdatePending) this.onlyNewRecording = true;
    this.requestUpdate();
  }

  private watch(source: GateSource | null): void {
    if (source === this.watched) return;
    this.unwatch?.();
    this.watched = source;
    this.unwatch = source?.watchGates?.() ?? null;
  }

  private currentKey(): string | null {
    const keys = this.runs();
    return this.model && keys.includes(this.model) ? this.model : keys[0] ?? null;
  }

  /**
   * Paints the heatmaps that do not show the current recording yet. Each canvas is as
   * many pixels as its grid has cells, and CSS scales it: a paint reads no size. A
   * first recording comes with the chart's first full render, so the paints take turns:
   * once the task has done its share of work (`overBudget`), the rest wait for the next
   * task. Off-screen, nothing is painted until the chart comes into view.
   */
  private paint(): void {
    const recording = this.recording;
    const heat = this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas.heat');
    if (!recording) {
      // Rows waiting for a recording (after a reset, say) show nothing of the last one.
      for (const canvas of heat) if (this.shown.delete(canvas)) canvas.width = 0;
      return;
    }
    if (!this.visible || this.painting) return;
    const grids = gridsOf(recording);
    for (let i = 0; i < heat.length && i < grids.length; i++) {
      if (this.shown.get(heat[i]) === recording) continue;
      if (overBudget()) {
        this.painting = nextTask().then(() => {
          this.painting = null;
          this.paint();
        });
        return;
      }
      paintGrid(heat[i], grids[i]);
      this.shown.set(heat[i], recording);
    }
  }

  /** Resolves once the element has rendered and painted its heatmaps. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.painting) {
      await this.painting;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  private gateLabel(name: string): string {
    return this.i18n.t(`gate.${name}` as MessageKey);
  }

  private describe(grids: Grid[], recording: GateRecording): string {
    const { i18n } = this;
    const parts = grids.map(({ name, means }) => i18n.t('gates.summaryPart', {
      gate: this.gateLabel(name), mean: means.reduce((a, b) => a + b, 0) / means.length, min: Math.min(...means), max: Math.max(...means),
    }));
    return i18n.t('gates.summary', { model: i18n.runLabel(this.currentKey()!), epoch: recording.epoch, parts: i18n.clauses(parts) });
  }

  private tableData(): TableData {
    const recording = this.recording;
    const grids = recording ? gridsOf(recording) : [];
    const means = grids.map((grid) => grid.means);
    return {
      caption: this.i18n.t('gates.table'),
      columns: [this.i18n.t('gates.unit'), ...grids.map((g) => this.gateLabel(g.name))],
      // Hidden units are counted from 1 for reading, in the table as in the hover text.
      rows: Array.from({ length: grids[0]?.units ?? 0 }, (_, unit) => [unit + 1, ...means.map((m) => m[unit])]),
    };
  }

  private onPointer(event: PointerEvent, grid: Grid): void {
    const canvas = event.currentTarget as HTMLCanvasElement;
    const box = canvas.getBoundingClientRect();
    const step = Math.min(grid.steps - 1, Math.floor(((event.clientX - box.left) / box.width) * grid.steps));
    const unit = Math.min(grid.units - 1, Math.floor(((event.clientY - box.top) / box.height) * grid.units));
    this.hover = this.i18n.t('gates.hover', {
      gate: this.gateLabel(grid.name), unit: unit + 1, step: step + 1, value: this.i18n.number(grid.at(unit, step)),
    });
  }

  protected override render() {
    const { i18n } = this;
    const keys = this.runs();
    const key = this.currentKey();
    if (!key) return html`<p class="empty" part="heatmaps">${i18n.t('gates.empty')}</p>`;
    // Before the run's first recording: its rows, empty, with the scales a gate always has.
    const recording = this.recording;
    const grids = recording ? gridsOf(recording) : null;
    const names = grids?.map((grid) => grid.name) ?? RECORDED_GATES[modelOfKey(key)];
    const bound = (value: number | undefined) => (value === undefined ? '' : i18n.number(value, { maximumSignificantDigits: 2 }));
    return html`<div class="layout">
      ${keys.length > 1 ? html`<label class="picker" part="picker">${i18n.t('gates.model')}
        <select @change=${(e: Event) => (this.model = (e.target as HTMLSelectElement).value)}>
          ${keys.map((option) => html`<option value=${option} ?selected=${option === key}>${i18n.runLabel(option)}</option>`)}
        </select></label>` : nothing}
      <div class="heatmaps" part="heatmaps" role="img" aria-label=${grids ? this.describe(grids, recording!) : i18n.t('gates.empty')}>
        ${names.map((name, i) => {
          const grid = grids?.[i];
          const scale = grid ? scaleOf(grid) : isGate(name) ? { low: 0, high: 1 } : null;
          return html`<div class="row">
            <span class="name">${this.gateLabel(name)}</span>
            <canvas class="heat" aria-hidden="true" @pointermove=${(e: PointerEvent) => grid && this.onPointer(e, grid)}
              @pointerleave=${() => (this.hover = '')}></canvas>
            <span class="legend" aria-hidden="true">
              <span>${bound(scale?.low)}</span><span class="bar ${isGate(name) ? 'gate' : 'state'}"></span><span>${bound(scale?.high)}</span>
            </span>
          </div>`;
        })}
        <div class="axis" aria-hidden="true">${recording ? i18n.t('gates.axis', { steps: recording.steps, epoch: recording.epoch }) : i18n.t('gates.axisWaiting')}</div>
      </div>
      <div class="hover" aria-hidden="true">${this.hover}</div>
      ${this.footer.renderFooter()}
      ${this.footer.renderTable()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gate-chart': GateChart;
  }
}
