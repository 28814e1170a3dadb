import { LitElement, html, nothing, type PropertyDeclaration, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { parseConfig, type ControlName, type TrainerConfig } from '../../core/config.js';
import { runSpecs } from '../../core/runs.js';
import { attributeTexts, converterOf, defaultOf, isConfigProperty, writeAttribute } from './attributes.js';
import type { RnnLabError } from '../../core/errors.js';
import type { GateRecording, GradientRecording, RunSpec, TrainResult } from '../../core/protocol.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { TrainerError } from '../events.js';
import { renderControls } from './controls.js';
import { OFFSCREEN_STATUS_MS, STATUS_MS } from '../../core/rates.js';
import { ExportMenu } from './export-menu.js';
import { embedCode, resultsCsv, resultsJson, type EmbedKind } from './exports.js';
import { PermalinkController } from './permalink.js';
import type { WeightsInput } from './weights.js';
import { toStateDict, type StateDict } from '../../core/state-dict.js';
import { Announcer } from './announcer.js';
import { progressOf, renderProgress } from './progress.js';
import { renderResults, renderSweep } from './results.js';
import { trainerStyles } from './rnn-trainer.styles.js';
import { RenderWait, updateInBudget } from '../task-budget.js';
import { TrainingSession, type History, type TrainerState } from './training-session.js';

export type { History, TrainerState };

/** Where a pasted snippet loads rnn-lab from: this very file when it is the CDN build. */
const SCRIPT_URL = import.meta.url.endsWith('/cdn/rnn-lab.js')
  ? import.meta.url
  : 'https://unpkg.com/rnn-lab/dist/cdn/rnn-lab.js';

/**
 * Trains GRU / LSTM / RNN / MLP next-step predictors on a time series, in a Web
 * Worker, and shows how they learn. Attributes are the source of truth: each has
 * a camelCase property that reads and writes it. The configuration attributes,
 * their ranges and defaults are ATTRIBUTE_TABLE's (src/core/config.ts).
 *
 * @element rnn-trainer
 *
 * @fires {CustomEvent<TrainerConfig>} rnn-start - Training started; detail: the validated configuration.
 * @fires {CustomEvent<EpochDetail>} rnn-epoch - A model finished epochs; detail: its latest `{key, model, epoch, trainLoss, testLoss, epochsPerSecond}` (`key` names the run, `model` its model).
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
 *   `export-weights`, `copy-embed` (one per kind of embed code: script tag, iframe, link).
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

  private readonly i18n = new LocalizeController(this);
  private readonly session = new TrainingSession(this, (error) => this.describe(error));
  private readonly announcer = new Announcer(this, this.session, this.i18n);
  /** Weights set as an object through the `weights` property. */
  private weightsObject: WeightsInput | null = null;
  private readonly exports = new ExportMenu(this, this.session, this.i18n);
  /** Set once the attributes were first checked (after the first render, connected). */
  private checkedOnce = false;
  /** What `displayConfig` last gave. */
  private shown: TrainerConfig | null = null;
  /** The message of the last invalid attribute reported, so that it is reported once. */
  private lastConfigError: string | null = null;
  /** When the last render was, and in which state: see STATUS_MS. */
  private rendered = { at: 0, state: 'idle' as TrainerState };
  /** A render's wait for its turn (see `scheduleUpdate`). */
  private readonly turn = new RenderWait();
  /** Near the viewport, or not told otherwise yet (see OFFSCREEN_STATUS_MS). */
  private inView = true;
  private readonly viewport = new IntersectionObserver((entries) => {
    this.inView = entries[entries.length - 1].isIntersecting;
    if (this.inView) this.turn.now();
  }, { rootMargin: '200px' });

  constructor() {
    super();
    this.constructed = true;
    // Permalink (permalink.ts): the reader's settings kept in the URL fragment. It registers
    // itself with this element; what it cannot read, it reports as this trainer's own error.
    new PermalinkController(this, (error) => {
      this.session.cancel();
      this.session.fail(error);
    });
  }

  // --- Attributes as properties -------------------------------------------
  // Ranges and defaults: ATTRIBUTE_TABLE (src/core/config.ts). Setting a property
  // writes its attribute at once (`requestUpdate` below), as setting the attribute
  // sets the property.

  /** Space-separated model names (an array is accepted too). */
  @property({ attribute: 'models', converter: converterOf('models') }) models: string | string[] = defaultOf('models');
  /** Hidden units. */
  @property({ attribute: 'hidden-size', converter: converterOf('hidden-size') }) hiddenSize: number = defaultOf('hidden-size');
  /** Training sequence length. */
  @property({ attribute: 'seq-len', converter: converterOf('seq-len') }) seqLen: number = defaultOf('seq-len');
  /** Adam's learning rate. */
  @property({ attribute: 'learning-rate', converter: converterOf('learning-rate') }) learningRate: number = defaultOf('learning-rate');
  /** Epochs to train. */
  @property({ attribute: 'epochs', converter: converterOf('epochs') }) epochs: number = defaultOf('epochs');
  /** Train fraction of the series. */
  @property({ attribute: 'split', converter: converterOf('split') }) split: number = defaultOf('split');
  /** Seed of the initial weights. */
  @property({ attribute: 'seed', converter: converterOf('seed') }) seed: number = defaultOf('seed');
  /** URL of a CSV file, or null. */
  @property({ attribute: 'src', converter: converterOf('src') }) src: string | null = defaultOf('src');
  /** Column name or index. */
  @property({ attribute: 'column', converter: converterOf('column') }) column: string | number = defaultOf('column');
  /** Start once data is loaded. */
  @property({ attribute: 'autostart', converter: converterOf('autostart') }) autostart: boolean = defaultOf('autostart');
  /** tfjs backend. */
  @property({ attribute: 'backend', converter: converterOf('backend') }) backend: string = defaultOf('backend');
  /** Parameters the reader may change, or `none`. */
  @property({ attribute: 'controls', converter: converterOf('controls') }) controls: string = defaultOf('controls');
  /** Charts drawn inside, or `none`. */
  @property({ attribute: 'charts', converter: converterOf('charts') }) charts: string = defaultOf('charts');
  /** `PARAM V1 V2 ...`, or null. */
  @property({ attribute: 'sweep', converter: converterOf('sweep') }) sweep: string | null = defaultOf('sweep');
  /** Epochs per second at most, or null. */
  @property({ attribute: 'pace', converter: converterOf('pace') }) pace: number | null = defaultOf('pace');
  /** The page author's reference test MSE per model, as JSON text, or null. */
  @property({ attribute: 'reference', converter: converterOf('reference') }) reference: string | null = defaultOf('reference');

  /**
   * Initial weights: a PyTorch `state_dict` (as exported by `exportWeights`), or
   * an object of them by model name. Setting the property wins over the
   * `weights` attribute, a URL of such a JSON file.
   */
  @property({ attribute: 'weights', noAccessor: true })
  get weights(): WeightsInput | string | null { return this.weightsObject ?? this.getAttribute('weights'); }
  set weights(value: WeightsInput | string | null) {
    const old = this.weights;
    if (typeof value === 'string' || value === null) {
      this.weightsObject = null;
      if (value === null) this.removeAttribute('weights');
      else if (this.getAttribute('weights') !== value) this.setAttribute('weights', value);
    } else {
      this.weightsObject = value;
    }
    this.requestUpdate('weights', old);
  }

  /** Keep the reader's settings in the page's URL fragment, under keys named by `id`, and restore them on load. */
  @property({ attribute: 'permalink', type: Boolean, noAccessor: true })
  get permalink(): boolean { return this.hasAttribute('permalink'); }
  set permalink(value: boolean) { this.toggleAttribute('permalink', !!value); }

  /**
   * `idle`, `loading`, `training`, `paused`, `done`, `stopped` or `error`
   * (src/core/run-state.ts); reflected to the `state` attribute once connected.
   */
  @property({ reflect: true, noAccessor: true })
  get state(): TrainerState { return this.session.state; }
  // Read-only: the attribute is written by the element, never read back.
  set state(_: TrainerState) {}
  /** The loaded series (null until data is loaded). */
  get series(): Float32Array | null { return this.session.series; }
  /** Index of the first test value in `series`. */
  get splitIndex(): number { return this.session.splitIndex; }
  /** Each run's train and test loss per epoch. */
  get history(): History { return this.session.history; }
  /**
   * The keys of the runs (`gru`, or `gru@seq-len=30` in a sweep): those of the run
   * trained or training, else those that Train would train now. Charts lay out their
   * lines and legends for them before the first epoch, so that nothing moves when
   * training starts.
   */
  get runKeys(): string[] {
    return this.plannedRuns().map((run) => run.key);
  }
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

  /**
   * Each recurrent run's latest recorded BPTT gradients, on the last training
   * sequence of the epoch (recorded only while `watchGradients` has a watcher):
   * `{epoch, connectivity, hiddenGrad, outputs}`, per step t of the sequence,
   * `connectivity[t] = |d yhat_{T-1} / d x_t|`, `hiddenGrad[t] = ||dL/dh_t||` and
   * `outputs[t] = yhat_t`.
   */
  get gradients(): Record<string, GradientRecording> { return this.session.gradients.latest; }
  /** Each recurrent run's recorded gradients over the epochs, oldest first, thinned to at most 200 epochs. */
  get gradientHistory(): Record<string, GradientRecording[]> { return this.session.gradients.history; }

  /**
   * Asks for gradient recordings (what `<gradient-chart>` does while bound),
   * which cost time, so they happen only while someone watches. Returns the call
   * that stops watching.
   */
  watchGradients(): () => void {
    return this.session.watchGradients();
  }

  /** The last error, `{code, message}` in the reader's language, or null. */
  get error(): TrainerError | null { return this.session.error && this.describe(this.session.error); }

  private describe(error: RnnLabError): TrainerError {
    return { code: error.code, message: this.i18n.t(error.key, error.params) };
  }

  // --- Lifecycle ------------------------------------------------------------

  /** Set at the end of construction: the properties' first values are defaults, not writes. */
  private constructed?: boolean;


  /**
   * A configuration property changed (from script, a control, or its attribute):
   * it is written to its attribute, validated at once (an invalid attribute is
   * reported without waiting for Train), and training restarts. Attributes
   * present before the first render are checked once connected.
   */
  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    super.requestUpdate(name, oldValue, options);
    // A new state (a click on Pause, the end of training) shows at once. Called by Lit before the fields exist.
    if (this.session?.state !== this.rendered?.state) this.turn?.now();
    // Once rendered, `state` is reflected at once: charts and pages watch the attribute.
    if (name === 'state' && this.hasUpdated && this.isConnected) this.setAttribute('state', this.state);
    if (!this.constructed || name === undefined || !(isConfigProperty(name) || name === 'weights')) return;
    if (Object.is(oldValue, (this as unknown as Record<PropertyKey, unknown>)[name])) return;
    writeAttribute(this, name);
    if (!this.checkedOnce || !this.isConnected) return;
    const config = this.checkConfig();
    if (config && this.session.running) this.restart();
  }

  /**
   * `moveBefore` moves a connected element without disconnecting it: the run
   * goes on (a remove and insert in the same task does too, see TrainingSession).
   */
  connectedMoveCallback(): void {}

  override connectedCallback(): void {
    super.connectedCallback();
    this.viewport.observe(this);
    // After the first render, so that listeners added right after insertion hear
    // about an invalid attribute or the autostart.
    this.updateComplete.then(() => {
      if (!this.isConnected) return;
      this.checkedOnce = true;
      const config = this.checkConfig();
      if (config?.autostart && !this.session.running) this.restart();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.viewport.disconnect();
  }

  /**
   * Renders in budget (see task-budget.ts); while training goes on, at most every
   * STATUS_MS, or OFFSCREEN_STATUS_MS while out of view.
   */
  protected override async scheduleUpdate(): Promise<void> {
    const { state } = this.session;
    const interval = this.inView ? STATUS_MS : OFFSCREEN_STATUS_MS;
    const wait = state === 'training' && this.rendered.state === state ? this.rendered.at + interval - performance.now() : 0;
    if (wait > 0) await this.turn.for(wait);
    await updateInBudget(() => super.scheduleUpdate());
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.rendered = { at: performance.now(), state: this.session.state };
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
    return format === 'csv' ? resultsCsv(this.session, this.i18n) : resultsJson(this.session);
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

  /**
   * Code that reproduces this experiment exactly (seed included) on another page:
   * `script` (default) the script tag and the element; `iframe` an iframe of
   * embed.html (for platforms that strip scripts); `url` embed.html's link.
   */
  embedCode(kind: EmbedKind = 'script'): string {
    const subject = { element: this, config: this.displayConfig(), scriptUrl: SCRIPT_URL, weights: this.weightsObject, lang: this.i18n.lang };
    return embedCode(kind, subject);
  }

  /** Stops training and clears every result. */
  reset(): void {
    this.session.reset();
    this.lastConfigError = null;
    this.checkConfig();
  }

  // --- Configuration --------------------------------------------------------

  private readConfig(): TrainerConfig {
    return parseConfig(attributeTexts(this));
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

  /**
   * The configuration for display: each valid attribute's value; an invalid one
   * keeps the value it last had (or its default), so that an error in one
   * attribute never shows or hides the parts another one chose.
   */
  private displayConfig(): TrainerConfig {
    this.shown = parseConfig(attributeTexts(this), this.shown ?? parseConfig({}));
    return this.shown;
  }

  /**
   * The runs trained or training, else those that Train would train now: the progress
   * line and the results table, like the charts, are laid out for them before the
   * first epoch, so that nothing on the page moves (and no new text is laid out)
   * when training starts.
   */
  private plannedRuns(config?: TrainerConfig): RunSpec[] {
    const { runs } = this.session;
    // Charts ask at every epoch: the attributes are parsed only when nothing trains.
    return runs.length ? runs : runSpecs(config ?? this.displayConfig());
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
    const planned = this.plannedRuns(config);
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
        <span part="status" class="status">${this.renderStatus(planned.length)}</span>
        ${this.exports.render()}
      </div>
      ${renderProgress(progressOf(session, planned), session.state === 'training', i18n)}
      ${error ? html`<div part="error" class="error" role="alert">${error.message}</div>` : nothing}
      ${session.fallback
        ? html`<div part="notice" class="notice">${i18n.t(session.fallback.reason === 'software'
          ? 'status.backendSoftware' : 'status.backendFallback', { ...session.fallback })}</div>`
        : nothing}
      ${this.renderCharts(config.charts)}
      ${renderResults(session, planned, session.config ?? config, i18n)}
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

  /**
   * The state, and a single run's latest losses. Several runs have the results table
   * for their figures: listed here too, they made a line that grew to two or three as
   * training started and changed length with every number, moving the charts below it.
   */
  private renderStatus(runs: number) {
    const { i18n, session } = this;
    const parts = [i18n.t(session.waiting ? 'status.waiting' : `state.${session.state}`)];
    if (runs === 1) for (const r of Object.values(session.latest)) {
      parts.push(i18n.t('status.run', {
        run: i18n.runLabel(r.key),
        trainLoss: i18n.t('status.trainLoss', { value: r.trainLoss }),
        testLoss: i18n.t('status.testLoss', { value: r.testLoss }),
      }));
    }
    return parts.join(i18n.t('status.separator'));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rnn-trainer': RnnTrainer;
  }
}
