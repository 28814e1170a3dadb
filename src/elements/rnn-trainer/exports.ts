import { CONFIG_ATTRIBUTES, DEFAULT_ATTRIBUTES, type TrainerConfig } from '../../core/config.js';
import { embedEntries, formatEntries, type EmbedLanguage, type TrainerAttribute } from '../../core/embed-params.js';
import { resolveLanguage, translate } from '../../i18n/translate.js';
import { formatFloat32, toCsv, type CsvCell } from '../../core/csv.js';
import type { LocalizeController } from '../../i18n/localize.js';
import type { TrainingSession } from './training-session.js';

/** Everything a training produced, as plain JSON: configuration, losses, rollouts, result. */
export function resultsJson(session: TrainingSession): string {
  const predictions = Object.fromEntries(Object.entries(session.predictions).map(([k, v]) => [k, Array.from(v)]));
  return JSON.stringify({
    config: session.config,
    splitIndex: session.splitIndex,
    seriesLength: session.series?.length ?? 0,
    history: session.history,
    predictions,
    result: session.result,
  }, null, 2);
}

/**
 * The same as one tidy CSV table: run, quantity, index, value. The headers are
 * in the reader's language (`run,quantity,index,value` in English), like every
 * CSV's; the cells are stable names: the run key (`gru`, `gru@seq-len=30`), and
 * quantity `train_loss` or `test_loss` (index = epoch, from 1) or `prediction`
 * (index = position in the series).
 */
export function resultsCsv(session: TrainingSession, i18n: LocalizeController): string {
  const rows: CsvCell[][] = [(['run', 'quantity', 'index', 'value'] as const).map((c) => i18n.t(`results.csv.${c}`))];
  for (const [key, { trainLoss, testLoss }] of Object.entries(session.history)) {
    trainLoss.forEach((v, i) => rows.push([key, 'train_loss', i + 1, v]));
    testLoss.forEach((v, i) => rows.push([key, 'test_loss', i + 1, v]));
  }
  for (const [key, values] of Object.entries(session.predictions)) {
    values.forEach((v, i) => rows.push([key, 'prediction', session.splitIndex + 1 + i, formatFloat32(v)]));
  }
  return toCsv(rows);
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** What `embedCode` gives: a script tag and the element, an iframe of embed.html, or embed.html's bare link. */
export type EmbedKind = 'script' | 'iframe' | 'url';
export const EMBED_KINDS: readonly EmbedKind[] = ['script', 'iframe', 'url'];

/** A trainer as `embedCode` reproduces it. */
export interface EmbedSubject {
  element: HTMLElement;
  /** Its configuration (the defaults' while its attributes are invalid). */
  config: TrainerConfig;
  /** Where rnn-lab's CDN build is: embed.html is beside it. */
  scriptUrl: string;
  /** Weights set as an object, or null. */
  weights: object | null;
  /** The language it speaks (`en`, `zh-CN`): an iframe does not inherit the page's. */
  lang: string;
}

/**
 * Every setting of the trainer, spelled out (seed included): its data and
 * weights URLs made absolute, inline data and weights set as an object carried
 * as `data:` URLs where they cannot be copied as markup.
 */
function settings({ element, config, weights }: EmbedSubject, inlineAsUrl: boolean): [TrainerAttribute, string][] {
  const base = element.ownerDocument.baseURI;
  const attributes: [TrainerAttribute, string][] = [];
  for (const name of CONFIG_ATTRIBUTES) {
    if (name === 'autostart' || name === 'controls' || name === 'charts') {
      if (element.hasAttribute(name)) attributes.push([name, name === 'autostart' ? '' : element.getAttribute(name)!]);
      continue;
    }
    const value = name === 'src' && config.src ? new URL(config.src, base).href
      : element.getAttribute(name) ?? DEFAULT_ATTRIBUTES[name];
    if (value !== null) attributes.push([name, value]);
  }
  const inline = inlineData(element, config);
  if (inlineAsUrl && inline !== null) attributes.push(['src', `data:text/csv,${encodeURIComponent(inline)}`]);
  const weightsUrl = weights ? `data:application/json,${encodeURIComponent(JSON.stringify(weights))}`
    : element.hasAttribute('weights') ? new URL(element.getAttribute('weights')!, base).href : null;
  if (weightsUrl) attributes.push(['weights', weightsUrl]);
  return attributes;
}

/** The text of the trainer's child `<script type="text/csv">`, when that is its data. */
function inlineData(element: HTMLElement, config: TrainerConfig): string | null {
  const inline = element.querySelector(':scope > script[type="text/csv"]');
  return !config.src && inline ? inline.textContent ?? '' : null;
}

/** True when a `<gate-chart>` on the page shows this trainer's gates. */
function hasGateChart(element: HTMLElement): boolean {
  const root = element.getRootNode() as Document | ShadowRoot;
  return [...root.querySelectorAll('gate-chart')].some((chart) =>
    (chart as HTMLElement & { source?: unknown }).source === element || (!!element.id && chart.getAttribute('for') === element.id));
}

/** embed.html's address for the trainer: its settings, language and gate chart in the fragment. */
export function embedUrl(subject: EmbedSubject): string {
  const attributes = Object.fromEntries(settings(subject, true));
  const entries = embedEntries({ attributes, lang: subject.lang as EmbedLanguage, gates: hasGateChart(subject.element) });
  return `${new URL('embed.html', subject.scriptUrl).href}#${formatEntries(entries)}`;
}

/**
 * A height that fits embed.html's content for this configuration after
 * training, at any frame width from 640 px up (a chart is at most 24em tall,
 * its legend and buttons below): CSS pixels at the default font size, as
 * measured on the embed page. Narrower frames wrap the controls and need the
 * parent to follow `rnn-lab:resize`.
 */
export function embedHeight(config: TrainerConfig, gates: boolean): number {
  const runs = config.models.length * (config.sweep?.values.length ?? 1);
  const controls = config.controls.length === 0 ? 0 : 130;
  const charts = config.charts.length * 480;
  const sweep = config.sweep ? 70 + 33 * config.sweep.values.length : 0;
  const gateRows = config.models.includes('lstm') ? 4 : 3;
  const gateChart = gates ? 110 + gateRows * (Math.min(4 * config.hiddenSize, 200) + 20) : 0;
  return 190 + controls + charts + 110 * (runs - 1) + sweep + gateChart;
}

/** The title of an embedded experiment: its models, in the reader's language (an iframe's title, embed.html's). */
export function embedTitle(lang: string, models: readonly string[]): string {
  const list = models.map((m) => m.toUpperCase()).join(resolveLanguage(lang) === 'zh-CN' ? '、' : ', ');
  return translate(lang, 'embed.title', { models: list });
}

/**
 * The snippet that reproduces `subject` on another page. `script`: rnn-lab's
 * script and the trainer with every setting and its language (inline data
 * copied as markup);
 * `iframe`: embed.html in an iframe as tall as its content, titled, loaded
 * lazily; `url`: embed.html's link alone.
 */
export function embedCode(kind: EmbedKind, subject: EmbedSubject): string {
  if (kind === 'url') return embedUrl(subject);
  if (kind === 'iframe') {
    const title = embedTitle(subject.lang, subject.config.models);
    const height = embedHeight(subject.config, hasGateChart(subject.element));
    return `<iframe src="${escapeAttribute(embedUrl(subject))}" title="${escapeAttribute(title)}" `
      + `width="100%" height="${height}" style="border: 0; max-width: 100%" loading="lazy"></iframe>\n`;
  }
  const attributes = settings(subject, false).map(([name, value]) =>
    (name === 'autostart' ? name : `${name}="${escapeAttribute(value)}"`));
  // The language travels with the elements: the page they are pasted into may speak another.
  const lang = `lang="${escapeAttribute(subject.lang)}"`;
  attributes.unshift(lang);
  // A gate chart shown with the trainer comes along, bound by id.
  const id = hasGateChart(subject.element) ? subject.element.id || 'rnn-lab' : null;
  if (id) attributes.unshift(`id="${escapeAttribute(id)}"`);
  const inline = inlineData(subject.element, subject.config);
  const body = inline !== null ? `\n  <script type="text/csv">${inline}</script>\n` : '';
  return `<script type="module" src="${escapeAttribute(subject.scriptUrl)}"></script>\n`
    + `<rnn-trainer ${attributes.join(' ')}>${body}</rnn-trainer>\n`
    + (id ? `<gate-chart for="${escapeAttribute(id)}" ${lang}></gate-chart>\n` : '');
}
