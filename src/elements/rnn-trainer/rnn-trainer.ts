import { LitElement, html, nothing, type PropertyValues } from 'lit';
import {
  CONFIG_ATTRIBUTES, DEFAULT_ATTRIBUTES, parseConfig, type ConfigAttribute, type ControlName, type TrainerConfig,
} from '../../core/config.js';
import type { RnnLabError } from '../../core/errors.js';
import type { GateRecording, TrainResult } from '../../core/protocol.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { TrainerError } from '../events.js';
import { renderControls } from './controls.js';
import { ExportMenu } from './export-menu.js';
import { embedCode, resultsCsv, resultsJson } from './exports.js';
import type { WeightsInput } from './weights.js';
import { toStateDict, type StateDict } from '../../core/state-dict.js';
import { Announcer, progressOf, renderProgress } from './progress.js';
import { renderResults, renderSweep } from './results.js';
import { trainerStyles } from './rnn-trainer.styles.js';
import { updateInBudget } from '../task-budget.js';
import { TrainingSession, type History, type TrainerState } from './training-session.js';

export type { History, TrainerState };

/**
 * While training, epochs re-render the trainer (status line, progress) at most this
 * often: four times a second is as fast as a reader reads numbers, and each render
 * costs the page layout. A click, or a change of state, renders at once.
 */
const STATUS_MS = 250;

/** Where a pasted snippet loads rnn-lab from: this very file when it is the CDN build. */
const SCRIPT_URL = import.meta.url.endsWith('/cdn/rnn-lab.js')
  ? import.meta.url
  : 'https://unpkg.com/rnn-lab/dist/cdn/rnn-lab.js';

/**
 * Trains GRU / LSTM / RNN / MLP next-step predictors on a time series, in a Web
 * Worker, and shows how they learn. Attributes are the source of truth: each has
 * a camelCase property that reads and writes it.
 *
 * @element rnn-trainer
 * @attr models - Space-separated, 1-4 distinct of `gru lstm rnn mlp` (default `gru`).
 * @attr hidden-size - Hidden units, integer 1-256 (default 16).
 * @attr seq-len - Training sequence length, integer >= 1 (default 20).
 * @attr learning-rate - Adam learning rate in (0, 1] (default 0.0005).
 * @attr epochs - Epochs, integer 1-100000 (default 150).
 * @attr split - Train fraction, 0.1-0.95 (default 0.8).
 * @attr seed - Seed of the initial weights, integer >= 0 (default 0).
 * @attr src - URL of a CSV file; else a child `<script type="text/csv">`; else the built-in series.
 * @attr column - Column name or 0-based index in a multi-column CSV (default 0).
 * @attr autostart - Start training once the data is loaded.
 * @attr backend - `auto`, `cpu`, `wasm` or `webgl` (default `auto`).
 * @attr controls - Which parameters the reader may change, or `none`.
 * @attr charts - Charts drawn inside: `loss prediction`, or `none`.
 * @attr sweep - `PARAM V1 V2 ...`: train once per value, every model.
 * @attr pace - At most this many epochs per second.
 * @attr weights - URL of initial weights: a PyTorch state_dict JSON (see `exportWeights`), or one per model by name.
 * @attr state - Reflects the read-only `state` property.
 *
 * @fires {CustomEvent<TrainerConfig>} rnn-start - Training started; detail: the validated configuration.
 * @fires {CustomEvent<EpochDetail>} rnn-epoch - A model finished epochs; detail: its latest `{model, epoch, trainLoss, testLoss, epochsPerSecond}`.
 * @fires {CustomEvent<TrainResult>} rnn-done - Training finished; detail: `result`.
 * @fires {CustomEvent<null>} rnn-stop - Training was stopped.
 * @fires {CustomEvent<null>} rnn-data - `predictions` changed without an epoch: the untrained models' rollouts, just after `rnn-start`.
 * @fires {CustomEvent<TrainerError>} rnn-error - Something went wrong; detail: `{code, message}`.
 *
 * @slot - A `<script type="text/csv">` child holds inline data.
 * @csspart controls - The parameters the reader may change.
 * @csspart control - Each control (a labelled field, or the models' checkboxes).
 * @csspart toolbar - The row of buttons and the status line.
 * @csspart button - Every action button; each also has its own part: `train`, `pause`, `stop`, `reset`, `export`.
 * @csspart menu - The Export menu (a popover).
 * @csspart menuitem - Each entry of the Export menu; each also has its own part: `export-json`, `export-csv`,
 *   `export-weights`, `copy-embed`.
 * @csspart progress - The progress bar and its text.
 * @csspart results - The table comparing the runs.
 * @csspart sweep - The table of final test MSE for each swept value.
 * @csspart status - The live line of epoch and losses.
 * @csspart error - The error message (`role="alert"`).
 * @csspart notice - A note, such as a backend fallback.
 * @csspart charts - The block of charts the `charts` attribute lists.
 * @csspart loss-chart - The `<loss-chart>` inside (log y-axis).
 * @csspart prediction-chart - The `<prediction-chart>` inside.
 * @cssprop --rnn-lab-font - Font family.
 * @cssprop --rnn-lab-font-size - Font size (default `medium`: the reader's default, whatever the page's root size).
 * @cssprop --rnn-lab-fg - Text colour.
 * @cssprop --rnn-lab-bg - Background colour.
 * @cssprop --rnn-lab-muted - Colour of secondary text, such as notices.
 * @cssprop --rnn-lab-border - Colour of borders.
 * @cssprop --rnn-lab-accent - Colour of the primary button.
 * @cssprop --rnn-lab-accent-fg - Text colour on the primary button.
 * @cssprop --rnn-lab-error - Colour of error messages.
 * @cssprop --rnn-lab-error-bg - Background of error messages.
 */
export class RnnTrainer extends LitElement {
  static override styles = trainerStyles;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...CONFIG_ATTRIBUTES, 'weights'];
  }

  private readonly i18n = new LocalizeController(this);
  private readonly session = new TrainingSession(this, (error) => this.describe(error));
  private readonly announcer = new Announcer();
  /** Weights set as an object through the `weights` property. */
  private weightsObject: WeightsInput | null = null;
  private readonly exports = new ExportMenu(this, this.session, this.i18n);
  /** The message of the last invalid attribute reported, so that it is reported once. */
  private lastConfigError: string | null = null;
  /** When the last render was, and in which state: see STATUS_MS. */
  private rendered = { at: 0, state: 'idle' as TrainerState };
  /** Ends a render's wait for its turn (see `scheduleUpdate`). */
  private renderNow: (() => void) | null = null;

  // --- Attributes as properties -------------------------------------------

  /** Space-separated model names (an array is accepted too). */
  get models(): string { return this.text('models'); }
  set models(value: string | string[]) { this.setAttribute('models', Array.isArray(value) ? value.join(' ') : value); }
  /** Hidden units. */
  get hiddenSize(): number { return Number(this.text('hidden-size')); }
  set hiddenSize(value: number) { this.setAttribute('hidden-size', String(value)); }
  /** Training sequence length. */
  get seqLen(): number { return Number(this.text('seq-len')); }
  set seqLen(value: number) { this.setAttribute('seq-len', String(value)); }
  /** Adam's learning rate. */
  get learningRate(): number { return Number(this.text('learning-rate')); }
  set learningRate(value: number) { this.setAttribute('learning-rate', String(value)); }
  /** Epochs to train. */
  get epochs(): number { return Number(this.text('epochs')); }
  set epochs(value: number) { this.setAttribute('epochs', String(value)); }
  /** Train fraction of the series. */
  get split(): number { return Number(this.text('split')); }
  set split(value: number) { this.setAttribute('split', String(value)); }
  /** Seed of the initial weights. */
  get seed(): number { return Number(this.text('seed')); }
  set seed(value: number) { this.setAttribute('seed', String(value)); }
  /** URL of a CSV file, or null. */
  get src(): string | null { return this.getAttribute('src'); }
  set src(value: string | null) { this.setOrRemove('src', value); }
  /** Column name or index. */
  get column(): string { return this.text('column'); }
  set column(value: string | number) { this.setAttribute('column', String(value)); }
  /** Start once data is loaded. */
  get autostart(): boolean { return this.hasAttribute('autostart'); }
  set autostart(value: boolean) { this.toggleAttribute('autostart', !!value); }
  /** tfjs backend. */
  get backend(): string { return this.text('backend'); }
  set backend(value: string) { this.setAttribute('backend', value); }
  /** Parameters the reader may change, or `none`. */
  get controls(): string { return this.text('controls'); }
  set controls(value: string) { this.setAttribute('controls', value); }
  /** Charts drawn inside, or `none`. */
  get charts(): string { return this.text('charts'); }
  set charts(value: string) { this.setAttribute('charts', value); }
  /** `PARAM V1 V2 ...`, or null. */
  get sweep(): string | null { return this.getAttribute('sweep'); }
  set sweep(value: string | null) { this.setOrRemove('sweep', value); }
  /** Epochs per second at most, or null. */
  get pace(): number | null { return this.hasAttribute('pace') ? Number(this.getAttribute('pace')) : null; }
  set pace(value: number | null) { this.setOrRemove('pace', value === null ? null : String(value)); }

  /**
   * Initial weights: a PyTorch `state_dict` (as exported by `exportWeights`), or
   * an object of them by model name. Setting the property wins over the
   * `weights` attribute, a URL of such a JSON file.
   */
  get weights(): WeightsInput | string | null { return this.weightsObject ?? this.getAttribute('weights'); }
  set weights(value: WeightsInput | string | null) {
    if (typeof value === 'string' || value === null) {
      this.weightsObject = null;
      this.setOrRemove('weights', value);
    } else {
      this.weightsObject = value;
      if (this.session.running) this.restart();
    }
  }

  /** `idle`, `loading`, `training`, `paused`, `done`, `stopped` or `error`. */
  get state(): TrainerState { return this.session.state; }
  /** The loaded series (null until data is loaded). */
  get series(): Float32Array | null { return this.session.series; }
  /** Index of the first test value in `series`. */
  get splitIndex(): number { return this.session.splitIndex; }
  /** Each run's train and test loss per epoch. */
  get history(): History { return this.session.history; }
  /** Each run's latest closed-loop rollout over the test part. */
  get predictions(): Record<string, Float32Array> { return this.session.predictions; }
  /** The final figures, once `state` is `done`. */
  get result(): TrainResult | null { return this.session.result; }
  /** Each recurrent run's latest recorded gates (recorded only while `watchGates` has a watcher). */
  get gates(): Record<string, GateRecording> { return this.session.gates; }

  /**
   * Asks for gate recordings (what `<gate-chart>` does while bound): recording
   * costs time, so it happens only while someone watches. Returns the call that
   * stops watching.
   */
  watchGates(): () => void {
    return this.session.watchGates();
  }

  /** The last error, `{code, message}` in the reader's language, or null. */
  get error(): TrainerError | null { return this.session.error && this.describe(this.session.error); }

  private describe(error: RnnLabError): TrainerError {
    return { code: error.code, message: this.i18n.t(error.key, error.params) };
  }

  private text(name: ConfigAttribute): string {
    return this.getAttribute(name) ?? DEFAULT_ATTRIBUTES[name] ?? '';
  }

  private setOrRemove(name: string, value: string | null): void {
    if (value === null || value === undefined) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  // --- Lifecycle ------------------------------------------------------------

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (old === value || !(CONFIG_ATTRIBUTES as readonly string[]).includes(name) && name !== 'weights') return;
    this.requestUpdate();
    // Attributes present before the first render are checked once connected (below).
    if (!this.isConnected || !this.hasUpdated) return;
    const config = this.checkConfig();
    if (config && this.session.running) this.restart();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // After the first render, so that listeners added right after insertion hear
    // about an invalid attribute or the autostart.
    this.updateComplete.then(() => {
      if (!this.isConnected) return;
      const config = this.checkConfig();
      if (config?.autostart && !this.session.running) this.restart();
    });
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.announcer.update(this.session, this.i18n);
  }

  /** Renders in budget (see task-budget.ts); while training goes on, at most every STATUS_MS. */
  protected override async scheduleUpdate(): Promise<void> {
    const { state } = this.session;
    const wait = state === 'training' && this.rendered.state === state ? this.rendered.at + STATUS_MS - performance.now() : 0;
    if (wait > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.renderNow = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.renderNow = null;
    }
    await updateInBudget(() => super.scheduleUpdate());
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.rendered = { at: performance.now(), state: this.session.state };
  }

  override requestUpdate(...args: Parameters<LitElement['requestUpdate']>): void {
    super.requestUpdate(...args);
    // A new state (a click on Pause, the end of training) shows at once. Called by Lit before the fields exist.
    if (this.session?.state !== this.rendered?.state) this.renderNow?.();
  }

  // --- Public methods -------------------------------------------------------

  /**
   * Loads the data and trains every configured run. Resolves with `result` when
   * training completes, or null when it is stopped or restarted first; rejects
   * (and fires `rnn-error`) when the configuration, the data or the worker fails.
   */
  async start(): Promise<TrainResult | null> {
    let config: TrainerConfig;
    try {
      config = this.readConfig();
    } catch (error) {
      this.session.cancel();
      throw this.session.fail(error);
    }
    return this.session.start(config, this.weights);
  }

  /** Pauses training between epochs. */
  pause(): void { this.session.pause(); }

  /** Resumes paused training. */
  resume(): void { this.session.resume(); }

  /** Stops training; what was learnt so far stays in `history` and `predictions`. */
  stop(): void { this.session.stop(); }

  /** Config, history, predictions and result, as JSON or as one tidy CSV table (`run,quantity,index,value`). */
  exportResults(format: 'json' | 'csv' = 'json'): string {
    return format === 'csv' ? resultsCsv(this.session) : resultsJson(this.session);
  }

  /**
   * A run's trained parameters as PyTorch `state_dict` JSON (names and shapes of
   * the textbook's model), or null before training ended. `key` is a model name,
   * or a sweep key; by default the first run's.
   */
  exportWeights(key?: string): StateDict | null {
    const run = this.session.runs.find((r) => r.key === (key ?? this.session.runs[0]?.key));
    const parameters = run && this.session.parameters[run.key];
    return run && parameters ? toStateDict(run.model, run.hiddenSize, parameters) : null;
  }

  /** The `<script>` + `<rnn-trainer>` snippet that reproduces this experiment exactly, seed included. */
  embedCode(): string {
    return embedCode(this, this.displayConfig(), SCRIPT_URL, this.weightsObject);
  }

  /** Stops training and clears every result. */
  reset(): void {
    this.session.reset();
    this.lastConfigError = null;
    this.checkConfig();
  }

  // --- Configuration --------------------------------------------------------

  private readConfig(): TrainerConfig {
    const attributes = Object.fromEntries(CONFIG_ATTRIBUTES.map((name) => [name, this.getAttribute(name)]));
    return parseConfig(attributes);
  }

  /**
   * Validates the attributes as soon as they change: an invalid one is reported
   * once (state `error`, an alert, one `rnn-error`), without waiting for Train.
   */
  private checkConfig(): TrainerConfig | null {
    try {
      const config = this.readConfig();
      this.lastConfigError = null;
      if (this.session.error?.code === 'invalid-attribute') this.session.clearError();
      return config;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastConfigError) {
        this.lastConfigError = message;
        this.session.cancel();
        this.session.fail(error);
      }
      return null;
    }
  }

  /** The configuration for display: the attributes', or the defaults' while they are invalid. */
  private displayConfig(): TrainerConfig {
    try {
      return this.readConfig();
    } catch {
      return parseConfig({});
    }
  }

  /** Starts (again) in the background; failures are reported by `rnn-error`. */
  private restart(): void {
    this.start().catch(() => {});
  }

  // --- Rendering ------------------------------------------------------------

  protected override render() {
    const { session, i18n } = this;
    const running = session.running;
    const config = this.displayConfig();
    const error = this.error;
    return html`
      ${renderControls(this, i18n, config.controls as ControlName[])}
      <div part="toolbar" class="toolbar">
        <button part="button train" class="primary" @click=${this.onTrain} ?disabled=${running}>
          ${i18n.t('action.train')}</button>
        <button part="button pause" @click=${this.onPause} ?disabled=${!running || session.state === 'loading'}
          aria-pressed=${session.state === 'paused' ? 'true' : 'false'}>
          ${i18n.t(session.state === 'paused' ? 'action.resume' : 'action.pause')}</button>
        <button part="button stop" @click=${this.onStop} ?disabled=${!running}>${i18n.t('action.stop')}</button>
        <button part="button reset" @click=${() => this.reset()} ?disabled=${running || session.state === 'idle'}>
          ${i18n.t('action.reset')}</button>
        <span part="status" class="status">${this.renderStatus()}</span>
        ${this.exports.render()}
      </div>
      ${renderProgress(progressOf(session), session.state === 'training', i18n)}
      ${error ? html`<div part="error" class="error" role="alert">${error.message}</div>` : nothing}
      ${session.fallback
        ? html`<div part="notice" class="notice">${i18n.t('status.backendFallback', session.fallback)}</div>`
        : nothing}
      ${this.renderCharts(config.charts)}
      ${renderResults(session, i18n)}
      ${renderSweep(session, i18n)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcer.text}</div>
    `;
  }

  /** The charts the `charts` attribute lists, bound to this trainer. */
  private renderCharts(charts: readonly string[]) {
    if (charts.length === 0) return nothing;
    return html`
      <div class="charts" part="charts">
        ${charts.includes('loss') ? html`<loss-chart part="loss-chart" log .source=${this}></loss-chart>` : nothing}
        ${charts.includes('prediction')
          ? html`<prediction-chart part="prediction-chart" .source=${this}></prediction-chart>` : nothing}
      </div>`;
  }

  // A button that becomes disabled loses keyboard focus: hand it to the button that acts next.
  private readonly onTrain = () => {
    this.restart();
    this.moveFocus('train', 'stop');
  };

  private readonly onPause = () => (this.session.state === 'paused' ? this.resume() : this.pause());

  private readonly onStop = () => {
    this.stop();
    this.moveFocus('stop', 'train');
  };

  private async moveFocus(from: string, to: string): Promise<void> {
    const button = (part: string) => this.renderRoot.querySelector<HTMLButtonElement>(`button[part~="${part}"]`);
    if (this.shadowRoot?.activeElement !== button(from)) return;
    await this.updateComplete;
    button(to)?.focus();
  }

  private renderStatus() {
    const { i18n, session } = this;
    const parts = [i18n.t(`state.${session.state}`)];
    for (const r of Object.values(session.latest)) {
      parts.push(`${i18n.runLabel(r.key)}: ${i18n.t('status.trainLoss', { value: r.trainLoss })}, `
        + `${i18n.t('status.testLoss', { value: r.testLoss })}`);
    }
    return parts.join(' · ');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rnn-trainer': RnnTrainer;
  }
}
