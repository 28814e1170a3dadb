import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { workerPool, type JobHandle } from '../../client/worker-pool.js';
import { loadSeries, seriesSourceOf, sourceKey } from '../../client/load-series.js';
import {
  CONFIG_ATTRIBUTES, DEFAULT_ATTRIBUTES, parseConfig, type ConfigAttribute, type TrainerConfig,
} from '../../core/config.js';
import { RnnLabError } from '../../core/errors.js';
import type { EpochRecord, JobOutcome, ProgressBatch, RunSpec, TrainResult } from '../../core/protocol.js';
import { runSpecs } from '../../core/runs.js';
import { checkSeriesFits, splitIndexOf } from '../../core/windows.js';
import { LocalizeController } from '../../i18n/localize.js';
import { emit, type TrainerError } from '../events.js';
import { trainerStyles } from './rnn-trainer.styles.js';

export type TrainerState = 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'stopped' | 'error';

/** Each run's losses, one entry per epoch. */
export type History = Record<string, { trainLoss: number[]; testLoss: number[] }>;

let nextJobId = 0;

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
 * @attr state - Reflects the read-only `state` property.
 *
 * @fires {CustomEvent<TrainerConfig>} rnn-start - Training started; detail: the validated configuration.
 * @fires {CustomEvent<EpochDetail>} rnn-epoch - A model finished epochs; detail: its latest `{model, epoch, trainLoss, testLoss, epochsPerSecond}`.
 * @fires {CustomEvent<TrainResult>} rnn-done - Training finished; detail: `result`.
 * @fires {CustomEvent<null>} rnn-stop - Training was stopped.
 * @fires {CustomEvent<TrainerError>} rnn-error - Something went wrong; detail: `{code, message}`.
 *
 * @slot - A `<script type="text/csv">` child holds inline data.
 * @csspart toolbar - The row of buttons and the status line.
 * @csspart button - Every action button.
 * @csspart status - The live line of epoch and losses.
 * @csspart error - The error message (`role="alert"`).
 * @csspart notice - A note, such as a backend fallback.
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
    return [...super.observedAttributes, ...CONFIG_ATTRIBUTES];
  }

  private readonly i18n = new LocalizeController(this);

  @state() private status: TrainerState = 'idle';
  @state() private latest: Record<string, EpochRecord> = {};
  @state() private notice: string | null = null;
  private errorDetail: RnnLabError | null = null;

  /** The loaded series (the default series until other data is loaded). */
  series: Float32Array | null = null;
  /** Index of the first test value in `series`. */
  splitIndex = 0;
  /** Each run's train and test loss per epoch. */
  history: History = {};
  /** Each run's latest closed-loop rollout over the test part. */
  predictions: Record<string, Float32Array> = {};
  /** The final figures, once `state` is `done`. */
  result: TrainResult | null = null;

  private job: JobHandle | null = null;
  /** Bumped by every start, stop and reset: a job whose token is stale is ignored. */
  private token = 0;
  private loaded: { key: string; series: Float32Array } | null = null;
  private pendingEpochs = new Map<string, EpochRecord>();
  private frame = 0;
  private lastConfigError: string | null = null;

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

  /** `idle`, `loading`, `training`, `paused`, `done`, `stopped` or `error`. */
  get state(): TrainerState { return this.status; }
  /** The last error, `{code, message}` in the reader's language, or null. */
  get error(): TrainerError | null {
    return this.errorDetail && { code: this.errorDetail.code, message: this.i18n.t(this.errorDetail.key, this.errorDetail.params) };
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
    if (old === value || !(CONFIG_ATTRIBUTES as readonly string[]).includes(name)) return;
    this.requestUpdate();
    // Attributes present before the first render are checked once connected (below).
    if (!this.isConnected || !this.hasUpdated) return;
    this.checkConfig();
    if (this.status === 'training' || this.status === 'paused' || this.status === 'loading') this.restart();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // After the first render, so that listeners added right after insertion hear
    // about an invalid attribute or the autostart.
    this.updateComplete.then(() => {
      if (!this.isConnected) return;
      const config = this.checkConfig();
      if (config?.autostart && !this.job) this.restart();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancel();
    cancelAnimationFrame(this.frame);
    if (this.status === 'training' || this.status === 'paused' || this.status === 'loading') this.status = 'stopped';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.getAttribute('state') !== this.status) this.setAttribute('state', this.status);
  }

  // --- Public methods -------------------------------------------------------

  /**
   * Loads the data and trains every configured run. Resolves with `result` when
   * training completes, or null when it is stopped or restarted first; rejects
   * (and fires `rnn-error`) when the configuration, the data or the worker fails.
   */
  async start(): Promise<TrainResult | null> {
    this.cancel();
    const token = ++this.token;
    try {
      const config = this.readConfig();
      this.setStatus('loading');
      const series = await this.load(config);
      if (token !== this.token) return null;
      const runs = runSpecs(config);
      for (const run of runs) checkSeriesFits(series.length, run.seqLen, run.split);
      this.begin(config, series, runs);
      const outcome = await this.job!.outcome;
      await this.settleEpochs();
      return token === this.token ? this.finish(outcome) : null;
    } catch (error) {
      if (token !== this.token) return null;
      throw this.fail(error);
    }
  }

  /** Pauses training between epochs. */
  pause(): void {
    if (this.status !== 'training' || !this.job) return;
    this.job.pause();
    this.setStatus('paused');
  }

  /** Resumes paused training. */
  resume(): void {
    if (this.status !== 'paused' || !this.job) return;
    this.job.resume();
    this.setStatus('training');
  }

  /** Stops training; what was learnt so far stays in `history` and `predictions`. */
  stop(): void {
    if (this.status !== 'training' && this.status !== 'paused' && this.status !== 'loading') return;
    this.cancel();
    this.flushEpochs();
    this.setStatus('stopped');
    emit(this, 'rnn-stop', null);
  }

  /** Stops training and clears every result. */
  reset(): void {
    this.cancel();
    this.history = {};
    this.predictions = {};
    this.result = null;
    this.latest = {};
    this.pendingEpochs.clear();
    this.errorDetail = null;
    this.notice = null;
    this.setStatus('idle');
    this.checkConfig();
  }

  // --- Training -------------------------------------------------------------

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
      if (this.status === 'error' && this.errorDetail?.code === 'invalid-attribute') {
        this.errorDetail = null;
        this.setStatus(this.result ? 'done' : 'idle');
      }
      return config;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastConfigError) {
        this.lastConfigError = message;
        this.cancel();
        this.fail(error);
      }
      return null;
    }
  }

  /** Starts (again) in the background; failures are reported by `rnn-error`. */
  private restart(): void {
    this.start().catch(() => {});
  }

  private async load(config: TrainerConfig): Promise<Float32Array> {
    const source = seriesSourceOf(this, config.src, config.column);
    const key = sourceKey(source);
    if (this.loaded?.key !== key) this.loaded = { key, series: await loadSeries(source) };
    return this.loaded.series;
  }

  private begin(config: TrainerConfig, series: Float32Array, runs: RunSpec[]): void {
    this.series = series;
    this.splitIndex = splitIndexOf(series.length, config.split);
    this.history = Object.fromEntries(runs.map((r) => [r.key, { trainLoss: [], testLoss: [] }]));
    this.predictions = {};
    this.result = null;
    this.latest = {};
    this.errorDetail = null;
    this.notice = null;
    this.setStatus('training');
    emit(this, 'rnn-start', config);
    const token = this.token;
    this.job = workerPool.run(
      { id: `rnn-lab-${++nextJobId}`, series: series.slice(), runs, backend: config.backend, pace: config.pace },
      (batch) => token === this.token && this.receive(batch),
    );
  }

  private receive(batch: ProgressBatch): void {
    for (const record of batch.epochs) {
      const runHistory = this.history[record.key];
      runHistory.trainLoss.push(record.trainLoss);
      runHistory.testLoss.push(record.testLoss);
      this.pendingEpochs.set(record.key, record);
    }
    Object.assign(this.predictions, batch.predictions);
    if (batch.backend) this.notice = this.i18n.t('status.backendFallback', batch.backend);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flushEpochs());
  }

  /**
   * Waits for the frame that sends the last epochs, so they too arrive at most
   * once per frame; a hidden tab has no frames, so after 100 ms they go anyway.
   */
  private settleEpochs(): Promise<void> {
    if (!this.frame) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.flushEpochs();
        resolve();
      }, 100);
      requestAnimationFrame(() => {
        clearTimeout(timer);
        this.flushEpochs();
        resolve();
      });
    });
  }

  /** At most one `rnn-epoch` per model per frame, with its latest values. */
  private flushEpochs(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.pendingEpochs.size === 0) return;
    const records = [...this.pendingEpochs.values()];
    this.pendingEpochs.clear();
    this.latest = { ...this.latest, ...Object.fromEntries(records.map((r) => [r.key, r])) };
    for (const { key, epoch, trainLoss, testLoss, epochsPerSecond } of records) {
      emit(this, 'rnn-epoch', { model: key, epoch, trainLoss, testLoss, epochsPerSecond });
    }
  }

  private finish(outcome: JobOutcome): TrainResult | null {
    this.job = null;
    if (outcome.status === 'error') throw RnnLabError.fromDetail(outcome.error);
    if (outcome.status === 'stopped') return null;
    this.result = outcome.result;
    this.setStatus('done');
    emit(this, 'rnn-done', outcome.result);
    return outcome.result;
  }

  /** Records an error (state, alert, one `rnn-error`) and returns it as an RnnLabError. */
  private fail(error: unknown): RnnLabError {
    this.job = null;
    this.flushEpochs();
    const failure = error instanceof RnnLabError ? error
      : new RnnLabError('worker', 'error.worker', { reason: error instanceof Error ? error.message : String(error) });
    this.errorDetail = failure;
    this.setStatus('error');
    emit(this, 'rnn-error', this.error!);
    return failure;
  }

  /** Stops the current job, if any, and invalidates its pending callbacks. */
  private cancel(): void {
    this.token++;
    this.job?.stop();
    this.job = null;
  }

  private setStatus(status: TrainerState): void {
    this.status = status;
    this.setAttribute('state', status);
  }

  // --- Rendering ------------------------------------------------------------

  protected override render() {
    const running = this.status === 'training' || this.status === 'paused' || this.status === 'loading';
    const error = this.error;
    return html`
      <div part="toolbar" class="toolbar">
        <button part="button" class="primary" @click=${() => this.restart()} ?disabled=${running}>
          ${this.i18n.t('action.train')}
        </button>
        ${this.status === 'paused'
          ? html`<button part="button" @click=${() => this.resume()}>${this.i18n.t('action.resume')}</button>`
          : html`<button part="button" @click=${() => this.pause()} ?disabled=${this.status !== 'training'}>
              ${this.i18n.t('action.pause')}</button>`}
        <button part="button" @click=${() => this.stop()} ?disabled=${!running}>${this.i18n.t('action.stop')}</button>
        <button part="button" @click=${() => this.reset()} ?disabled=${running}>${this.i18n.t('action.reset')}</button>
        <span part="status" class="status">${this.renderStatus()}</span>
      </div>
      ${error ? html`<div part="error" class="error" role="alert">${error.message}</div>` : nothing}
      ${this.notice ? html`<div part="notice" class="notice">${this.notice}</div>` : nothing}
    `;
  }

  private renderStatus() {
    const i18n = this.i18n;
    const parts = [i18n.t(`state.${this.status}`)];
    const records = Object.values(this.latest);
    const epochs = this.readEpochs();
    for (const r of records) {
      parts.push(`${i18n.runLabel(r.key)}: ${i18n.t('status.epoch', { epoch: r.epoch, epochs: epochs ?? r.epoch })}, `
        + `${i18n.t('status.trainLoss', { value: r.trainLoss })}, ${i18n.t('status.testLoss', { value: r.testLoss })}`);
    }
    return parts.join(' · ');
  }

  private readEpochs(): number | null {
    try {
      return this.readConfig().epochs;
    } catch {
      return null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rnn-trainer': RnnTrainer;
  }
}
