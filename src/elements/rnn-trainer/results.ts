import { html, nothing, type TemplateResult } from 'lit';
import { propertyName, type Hyperparameters, type TrainerConfig } from '../../core/config.js';
import type { RunSpec } from '../../core/protocol.js';
import type { LocalizeController } from '../../i18n/localize.js';
import type { TrainingSession } from './training-session.js';
import { modelOfKey } from '../../core/runs.js';

/** One row per run: the latest figures while training, the final ones when done. */
interface Row {
  key: string;
  epochs: number;
  trainMse: number;
  testMse: number;
  bestTestMse: number;
  epochsPerSecond: number;
}

/** The runs of `runs` with figures: a run before its first epoch has none. */
function rows(session: TrainingSession, runs: readonly RunSpec[] = session.runs): Row[] {
  return runs.flatMap((run) => {
    const final = session.result?.models[run.key];
    if (final) return [{ key: run.key, ...final }];
    const history = session.history[run.key];
    const latest = session.latest[run.key];
    if (!history || !latest) return [];
    return [{
      key: run.key, epochs: latest.epoch, trainMse: latest.trainLoss, testMse: latest.testLoss,
      bestTestMse: Math.min(...history.testLoss.slice(0, latest.epoch)), epochsPerSecond: latest.epochsPerSecond,
    }];
  });
}

/**
 * The compare table: every run side by side, when more than one model trains (or
 * would: a run without figures yet shows dashes); the page author's reference beside,
 * if given.
 */
export function renderResults(session: TrainingSession, runs: readonly RunSpec[], config: TrainerConfig,
  i18n: LocalizeController): TemplateResult | typeof nothing {
  if (runs.length < 2 || config.sweep) return nothing;
  const byKey = new Map(rows(session, runs).map((r) => [r.key, r]));
  const n = (v: number | undefined) => (v === undefined ? '–' : i18n.number(v));
  const reference = config.reference;
  const referenceOf = (key: string) => reference?.[modelOfKey(key)];
  return html`<div class="scroll">
    <table class="results" part="results">
      <caption>${i18n.t('results.caption')}</caption>
      <thead><tr>
        <th scope="col">${i18n.t('results.model')}</th><th scope="col">${i18n.t('results.epochs')}</th>
        <th scope="col">${i18n.t('results.trainMse')}</th><th scope="col">${i18n.t('results.testMse')}</th>
        <th scope="col">${i18n.t('results.bestTestMse')}</th><th scope="col">${i18n.t('results.speed')}</th>
        ${reference ? html`<th scope="col">${i18n.t('results.reference')}</th>` : nothing}
      </tr></thead>
      <tbody>${runs.map(({ key }) => {
        const r = byKey.get(key);
        return html`<tr>
          <th scope="row">${i18n.runLabel(key)}</th><td>${r ? r.epochs : '–'}</td><td>${n(r?.trainMse)}</td>
          <td>${n(r?.testMse)}</td><td>${n(r?.bestTestMse)}</td><td>${n(r?.epochsPerSecond)}</td>
          ${reference ? html`<td>${n(referenceOf(key))}</td>` : nothing}
        </tr>`;
      })}</tbody>
    </table></div>`;
}

/** The sweep's answer: final test MSE for each value (rows) and model (columns); the page author's reference as a last row, if given. */
export function renderSweep(session: TrainingSession, i18n: LocalizeController): TemplateResult | typeof nothing {
  const sweep = session.config?.sweep;
  if (!sweep) return nothing;
  const reference = session.config!.reference;
  const byKey = new Map(rows(session).map((r) => [r.key, r]));
  const field = propertyName(sweep.param) as keyof Hyperparameters;
  const models = session.config!.models;
  return html`<div class="scroll">
    <table class="results sweep" part="sweep">
      <caption>${i18n.t('sweep.caption', { param: sweep.param })}</caption>
      <thead><tr>
        <th scope="col">${i18n.t(`attr.${sweep.param}`)}</th>
        ${models.map((m) => html`<th scope="col">${i18n.t('sweep.testMse', { model: m.toUpperCase() })}</th>`)}
      </tr></thead>
      <tbody>${sweep.values.map((v) => html`<tr>
        <th scope="row">${i18n.number(v)}</th>
        ${models.map((m) => {
          const run = session.runs.find((r) => r.model === m && r[field] === v);
          const row = run && byKey.get(run.key);
          return html`<td>${row ? i18n.number(row.testMse) : '–'}</td>`;
        })}
      </tr>`)}${reference ? html`<tr class="reference">
        <th scope="row">${i18n.t('results.reference')}</th>
        ${models.map((m) => html`<td>${reference[m] === undefined ? '–' : i18n.number(reference[m]!)}</td>`)}
      </tr>` : nothing}</tbody>
    </table></div>`;
}
