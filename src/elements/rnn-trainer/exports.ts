import { CONFIG_ATTRIBUTES, DEFAULT_ATTRIBUTES, type TrainerConfig } from '../../core/config.js';
import { formatFloat32, toCsv, type CsvCell } from '../../core/csv.js';
import { languageOf, type LocalizeController } from '../../i18n/localize.js';
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

/**
 * The snippet that reproduces `element` on a blank page: the script, and the
 * trainer with every setting spelled out (seed included), its data and weights
 * URLs made absolute, inline data copied, weights set as an object inlined, and
 * the page's language, so that a Chinese page's trainer stays Chinese elsewhere.
 */
export function embedCode(element: HTMLElement, config: TrainerConfig, scriptUrl: string, weights: object | null): string {
  const attributes: string[] = [];
  for (const name of CONFIG_ATTRIBUTES) {
    if (name === 'autostart' || name === 'controls' || name === 'charts') {
      if (element.hasAttribute(name)) attributes.push(name === 'autostart' ? name : `${name}="${escapeAttribute(element.getAttribute(name)!)}"`);
      continue;
    }
    const value = name === 'src' && config.src ? new URL(config.src, element.ownerDocument.baseURI).href
      : element.getAttribute(name) ?? DEFAULT_ATTRIBUTES[name];
    if (value !== null) attributes.push(`${name}="${escapeAttribute(value)}"`);
  }
  // Weights set as a property travel inside the snippet, as a data: URL.
  const weightsUrl = weights ? `data:application/json,${encodeURIComponent(JSON.stringify(weights))}`
    : element.hasAttribute('weights') ? new URL(element.getAttribute('weights')!, element.ownerDocument.baseURI).href : null;
  if (weightsUrl) attributes.push(`weights="${escapeAttribute(weightsUrl)}"`);
  const lang = languageOf(element);
  if (lang) attributes.push(`lang="${escapeAttribute(lang)}"`);
  const inline = element.querySelector(':scope > script[type="text/csv"]');
  const body = !config.src && inline ? `\n  <script type="text/csv">${inline.textContent ?? ''}</script>\n` : '';
  return `<script type="module" src="${escapeAttribute(scriptUrl)}"></script>\n`
    + `<rnn-trainer ${attributes.join(' ')}>${body}</rnn-trainer>\n`;
}
