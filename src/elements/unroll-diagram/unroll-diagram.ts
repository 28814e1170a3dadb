import { LitElement, html, nothing, svg, type PropertyValues, type SVGTemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocalizeController } from '../../i18n/localize.js';
import { SourceBinding, type ChartSource } from '../chart/source-binding.js';
import { logColour } from '../gradient-chart/gradient-views.js';
import type { RnnTrainer } from '../rnn-trainer/rnn-trainer.js';
import { unrollDiagramStyles } from './unroll-diagram.styles.js';
import { NARROW, WIDE, sequenceNumbers, shownSteps, subscript, type SequenceNumbers, type UnrollMode } from './unroll-layout.js';

/** A trainer as the diagram reads it. */
export type UnrollSource = ChartSource & Partial<Pick<RnnTrainer, 'seqLen' | 'gradients' | 'watchGradients'>>;

/** Geometry, in the SVG's user units: the first column holds h₀ and the rows' names. */
const FIRST = 72;
const COLUMN = 60;
const RIGHT = 40;
/** Narrower than this (px), the diagram keeps fewer steps when collapsed. */
const NARROW_BELOW = 480;
const ROW = { target: 22, output: 76, hidden: 138, input: 200 };
const HEIGHT = 226;
const NODE = { w: 48, h: 30 };

/**
 * The chapter's network unrolled over one sequence (exercise 3): inputs x₁ … x_T,
 * hidden states h₀ → h₁ … h_T, one prediction ŷ_t per step, each compared with the
 * next input x_{t+1} (many-to-many). Dashed arrows are the state carried, detached,
 * between sequences: no gradient flows there. In test mode it draws the closed
 * loop, each prediction fed back as the next input. Bound to a trainer, it follows
 * its `seq-len`, shows the numbers of the current sequence (the last training
 * sequence; in test mode, the rollout), and colours each recurrent arrow by
 * ||dL/dh_t||: like `<gradient-chart>`, it has the trainer record gradients
 * while it is bound.
 *
 * @element unroll-diagram
 * @attr for - The id of the `<rnn-trainer>` to follow.
 * @attr mode - `train` (default) or `test`.
 * @attr seq-len - Steps drawn when no trainer is bound (default 20).
 * @attr model - The run whose numbers and gradients are shown; by default the first.
 * @csspart controls - The mode switch and the expand button.
 * @csspart diagram - The SVG (`role="img"`, with a text alternative).
 * @csspart caption - The key under the diagram.
 * @cssprop --rnn-lab-font - Font family.
 * @cssprop --rnn-lab-font-size - Font size (default `medium`).
 * @cssprop --rnn-lab-fg - Colour of text, nodes and arrows.
 * @cssprop --rnn-lab-bg - Background colour.
 * @cssprop --rnn-lab-muted - Colour of the rows' names and the key.
 * @cssprop --rnn-lab-border - Colour of the nodes' frames.
 * @cssprop --rnn-lab-accent - Colour of the pressed mode and focus rings.
 * @cssprop --rnn-lab-accent-fg - Text on the accent colour.
 * @cssprop --rnn-lab-error - Shared theme colour (errors), unused here.
 * @cssprop --rnn-lab-error-bg - Shared theme colour (error background), unused here.
 */
export class UnrollDiagram extends LitElement {
  static override styles = unrollDiagramStyles;

  /** The id of the `<rnn-trainer>` to follow (like `<label for>`). */
  @property({ attribute: 'for', reflect: true }) htmlFor: string | null = null;
  /** `train`: one training sequence; `test`: the closed-loop rollout. */
  @property({ reflect: true }) mode: UnrollMode = 'train';
  /** Steps drawn when no trainer is bound. */
  @property({ type: Number, attribute: 'seq-len', reflect: true }) seqLen = 20;
  /** The run whose numbers and gradients are shown (`gru`, or a sweep key); null for the first. */
  @property({ reflect: true }) model: string | null = null;

  @state() private expanded = false;
  @state() private narrow = false;
  private readonly resize = new ResizeObserver(([entry]) => {
    const narrow = entry.contentRect.width < NARROW_BELOW;
    // At the next frame: relaying out within the observer's callback would be a resize loop.
    if (narrow !== this.narrow) requestAnimationFrame(() => (this.narrow = narrow));
  });
  private readonly i18n = new LocalizeController(this);
  private readonly binding = new SourceBinding(this, () => this.sourceChanged());
  /** The bound trainer's `seq-len` and `models` change the drawing without any event. */
  private readonly trainerWatch = new MutationObserver(() => this.requestUpdate());
  private observed: UnrollSource | null = null;
  private unwatch: (() => void) | null = null;

  /** The trainer followed: set directly, or named with `for`. */
  get source(): UnrollSource | null { return this.binding.source as UnrollSource | null; }
  set source(value: UnrollSource | null) { this.binding.source = value; }

  /** The number of steps drawn: the bound trainer's `seq-len`, else this element's. */
  get steps(): number {
    const steps = this.source?.seqLen;
    return steps && Number.isInteger(steps) && steps > 0 ? steps : this.seqLen;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
    this.observe(null);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('htmlFor')) this.binding.resolve();
  }

  private sourceChanged(): void {
    this.observe(this.isConnected ? this.source : null);
    this.requestUpdate();
  }

  /** Follows `source` (or nothing): its attributes, and its gradients, which it records while watched. */
  private observe(source: UnrollSource | null): void {
    if (source === this.observed) return;
    this.trainerWatch.disconnect();
    this.unwatch?.();
    this.observed = source;
    this.unwatch = source?.watchGradients?.() ?? null;
    if (source) this.trainerWatch.observe(source, { attributes: true, attributeFilter: ['seq-len', 'models'] });
  }

  /** The run shown: `model` when the trainer has it, else the first recurrent one (the MLP unrolls nothing). */
  private runKey(): string | null {
    const keys = [...new Set([...Object.keys(this.source?.gradients ?? {}), ...Object.keys(this.source?.predictions ?? {})])];
    if (this.model && keys.includes(this.model)) return this.model;
    return keys.find((key) => !key.startsWith('mlp')) ?? keys[0] ?? null;
  }

  /** The numbers drawn; in training, the predictions too once gradients (which bring them) are recorded. */
  private numbers(): SequenceNumbers | null {
    const source = this.source;
    const key = this.runKey();
    const numbers = sequenceNumbers(this.mode, source?.series ?? null, source?.splitIndex ?? 0, this.steps,
      key ? source?.predictions?.[key] : undefined);
    const recorded = key ? source?.gradients?.[key] : undefined;
    if (numbers && this.mode === 'train' && recorded?.outputs.length === this.steps) numbers.outputs = recorded.outputs;
    return numbers;
  }

  /** ||dL/dh_t|| per step, when recorded for this sequence length (training mode only). */
  private hiddenGrad(): { values: Float32Array; epoch: number; key: string; min: number; max: number } | null {
    const key = this.runKey();
    const recording = key ? this.source?.gradients?.[key] : undefined;
    if (this.mode !== 'train' || !recording || recording.hiddenGrad.length !== this.steps) return null;
    const values = recording.hiddenGrad;
    return { values, epoch: recording.epoch, key: key!, min: Math.min(...values), max: Math.max(...values) };
  }

  private format(value: number | undefined): string {
    return value === undefined || Number.isNaN(value) ? '' : this.i18n.number(value, { maximumSignificantDigits: 3 });
  }

  private node(x: number, y: number, label: string, value: string, kind: string): SVGTemplateResult {
    return svg`<g class="node ${kind}">
      <rect x=${x - NODE.w / 2} y=${y - NODE.h / 2} width=${NODE.w} height=${NODE.h} rx="6"></rect>
      <text x=${x} y=${value ? y - 3 : y + 4} class="symbol">${label}</text>
      ${value ? svg`<text x=${x} y=${y + 10} class="value">${value}</text>` : nothing}
    </g>`;
  }

  private arrow(x1: number, y1: number, x2: number, y2: number, kind: string, colour?: string): SVGTemplateResult {
    const angle = Math.atan2(y2 - y1, x2 - x1);
    const back = (turn: number) => `${x2 - 7 * Math.cos(angle + turn)},${y2 - 7 * Math.sin(angle + turn)}`;
    const head = `${x2},${y2} ${back(0.45)} ${back(-0.45)}`;
    // A colour is set on the group only when there is one: an empty style attribute would still match CSS.
    return svg`<g class="arrow ${kind} ${colour ? 'coloured' : ''}" style=${colour ? `stroke: ${colour}; fill: ${colour}` : nothing}>
      <line x1=${x1} y1=${y1} x2=${x2} y2=${y2}></line><polygon points=${head}></polygon></g>`;
  }

  /** One column: x_t, h_t (with the recurrent arrow into it), ŷ_t and what ŷ_t is compared with. */
  private column(t: number, cx: number, prevX: number, numbers: SequenceNumbers | null, grad: ReturnType<UnrollDiagram['hiddenGrad']>) {
    const i = t - 1;
    const test = this.mode === 'test';
    const colour = grad ? logColour(grad.values[i], grad.min, grad.max) : undefined;
    const half = NODE.w / 2;
    const hh = NODE.h / 2;
    return svg`
      ${this.arrow(prevX + half, ROW.hidden, cx - half - 1, ROW.hidden, 'recurrent', colour)}
      ${this.arrow(cx, ROW.input - hh, cx, ROW.hidden + hh + 1, 'up')}
      ${this.arrow(cx, ROW.hidden - hh, cx, ROW.output + hh + 1, 'up')}
      <line class="compare" x1=${cx} y1=${ROW.output - hh} x2=${cx} y2=${ROW.target + hh}></line>
      ${this.node(cx, ROW.input, subscript('x', t), this.format(numbers?.inputs[i]), 'input')}
      ${this.node(cx, ROW.hidden, subscript('h', t), '', 'hidden')}
      ${this.node(cx, ROW.output, subscript('ŷ', t), this.format(numbers?.outputs?.[i]), 'output')}
      ${this.node(cx, ROW.target, subscript(test ? 'y' : 'x', t + 1), this.format(numbers?.targets[i]), 'target')}
      ${test && t < this.steps ? svg`<path class="feedback" d=${`M ${cx + half} ${ROW.output} C ${cx + COLUMN / 2} ${ROW.output},
        ${cx + COLUMN / 2} ${ROW.input}, ${cx + COLUMN - half - 2} ${ROW.input}`}></path>` : nothing}
    `;
  }

  private diagram() {
    const steps = shownSteps(this.steps, this.expanded, this.narrow ? NARROW : WIDE);
    const numbers = this.numbers();
    const grad = this.hiddenGrad();
    const width = FIRST + steps.length * COLUMN + RIGHT;
    const t = this.i18n.t.bind(this.i18n);
    const x0 = FIRST / 2 + 8;
    const columns = steps.map((step, k) => {
      const cx = FIRST + k * COLUMN + COLUMN / 2;
      const prevX = k === 0 ? x0 : cx - COLUMN;
      if (step === null) {
        return svg`<text class="ellipsis" x=${cx} y=${ROW.hidden + 5}>……</text>
          ${this.arrow(prevX + NODE.w / 2, ROW.hidden, cx - 16, ROW.hidden, 'recurrent')}`;
      }
      return this.column(step, cx, prevX, numbers, grad);
    });
    const lastX = FIRST + (steps.length - 1) * COLUMN + COLUMN / 2;
    return html`<svg part="diagram" viewBox="0 0 ${width} ${HEIGHT}" style="min-width: ${Math.round(width * 0.7)}px"
      role="img" aria-label=${this.describe(numbers, grad)}>
      <text class="row-name" x="4" y=${ROW.target + 4}>${t(this.mode === 'test' ? 'unroll.row.test' : 'unroll.row.target')}</text>
      <text class="row-name" x="4" y=${ROW.output + 4}>${t('unroll.row.output')}</text>
      <text class="row-name" x="4" y=${ROW.input + 4}>${t('unroll.row.input')}</text>
      ${this.arrow(0, ROW.hidden, x0 - NODE.w / 2 - 1, ROW.hidden, 'carried')}
      ${this.node(x0, ROW.hidden, subscript('h', 0), '', 'hidden')}
      ${columns}
      ${this.mode === 'train' ? this.arrow(lastX + NODE.w / 2, ROW.hidden, width - 2, ROW.hidden, 'carried') : nothing}
    </svg>`;
  }

  private describe(numbers: SequenceNumbers | null, grad: ReturnType<UnrollDiagram['hiddenGrad']>): string {
    const { i18n } = this;
    const steps = this.steps;
    const parts = [i18n.t(this.mode === 'test' ? 'unroll.describe.test' : 'unroll.describe.train', { steps })];
    if (numbers) {
      parts.push(i18n.t('unroll.describe.numbers', {
        first: this.format(numbers.inputs[0]), last: this.format(numbers.inputs[numbers.inputs.length - 1]),
      }));
    }
    if (grad) {
      parts.push(i18n.t('unroll.describe.gradients', {
        model: i18n.runLabel(grad.key), epoch: grad.epoch, first: this.format(grad.values[0]), last: this.format(grad.values[steps - 1]),
      }));
    }
    return parts.join(' ');
  }

  protected override render() {
    const t = this.i18n.t.bind(this.i18n);
    const grad = this.hiddenGrad();
    const modes: UnrollMode[] = ['train', 'test'];
    return html`
      <div class="controls" part="controls">
        <span class="modes" role="group" aria-label=${t('unroll.mode')}>
          ${modes.map((mode) => html`<button aria-pressed=${mode === this.mode} @click=${() => (this.mode = mode)}>
            ${t(`unroll.mode.${mode}`)}</button>`)}
        </span>
        ${this.steps > (this.narrow ? NARROW : WIDE).limit ? html`<button class="expand" aria-expanded=${this.expanded}
          @click=${() => (this.expanded = !this.expanded)}>
          ${this.expanded ? t('unroll.collapse') : t('unroll.expand', { steps: this.steps })}</button>` : nothing}
      </div>
      <!-- Every step of a long sequence scrolls sideways: the frame then takes the focus, for the arrow keys. -->
      <div class="frame" tabindex=${this.expanded ? 0 : nothing} role=${this.expanded ? 'region' : nothing}
        aria-label=${this.expanded ? t('unroll.label') : nothing}>${this.diagram()}</div>
      <p class="caption" part="caption">
        ${t(this.mode === 'test' ? 'unroll.key.test' : 'unroll.key.train')}
        ${grad ? t('unroll.key.gradients', {
          model: this.i18n.runLabel(grad.key), epoch: grad.epoch, min: this.format(grad.min), max: this.format(grad.max),
        }) : ''}
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'unroll-diagram': UnrollDiagram;
  }
}
