/**
 * The script of embed.html: builds the trainer its URL fragment describes, keeps
 * that fragment as the reader's permalink, and tells the parent page its height.
 */
import '../cdn/rnn-lab.js';
import { fragmentEntries, parseEmbedParams, type EmbedParams } from '../core/embed-params.js';
import { embedTitle } from '../elements/rnn-trainer/exports.js';
import { permalinkOf } from '../elements/rnn-trainer/permalink.js';
import { schemeProperties } from '../elements/theme.js';
import { resolveLanguage } from '../i18n/translate.js';

/** What a parent page receives whenever the content's height changes. */
export interface ResizeMessage {
  type: 'rnn-lab:resize';
  /** CSS pixels: the height that shows the whole page without scrolling. */
  height: number;
}

function applyPage(params: EmbedParams): void {
  const root = document.documentElement;
  // Without `lang`, the reader's browser language (an iframe cannot see its parent's).
  root.lang = params.lang ?? resolveLanguage(navigator.language);
  root.dataset.theme = params.theme;
  root.removeAttribute('style');
  if (params.theme !== 'auto') {
    for (const [name, value] of Object.entries(schemeProperties(params.theme))) root.style.setProperty(name, value);
  }
  document.title = params.title ?? embedTitle(root.lang, (params.attributes.models ?? 'gru').trim().split(/[\s,]+/));
}

/** Builds the page for the current fragment; an unreadable key is shown as the trainer's own error. */
async function build(): Promise<void> {
  const params = parseEmbedParams(fragmentEntries(location.hash));
  applyPage(params);
  const main = document.querySelector('main')!;
  main.replaceChildren();
  if (params.title) {
    const heading = document.createElement('h1');
    heading.textContent = params.title;
    main.append(heading);
  }
  const trainer = document.createElement('rnn-trainer');
  for (const [name, value] of Object.entries(params.attributes)) {
    // A setting that cannot be read must not start a training that ignores it.
    if (name === 'autostart' && params.error) continue;
    trainer.setAttribute(name, value);
  }
  trainer.permalink = true;
  main.append(trainer);
  if (params.gates) {
    const gates = document.createElement('gate-chart');
    gates.source = trainer;
    main.append(gates);
  }
  if (params.error) {
    // After the trainer's own first check of its attributes, which would clear an earlier error.
    await trainer.updateComplete;
    permalinkOf(trainer)?.report(params.error);
  }
}

/** Posts the page's height to the parent whenever it changes. */
function reportHeight(): void {
  if (window.parent === window) return;
  let last = -1;
  new ResizeObserver(() => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    const message: ResizeMessage = { type: 'rnn-lab:resize', height };
    window.parent.postMessage(message, '*');
  }).observe(document.body);
}

// The trainer writes its own changes with replaceState, which fires no hashchange:
// a hashchange is a new address from outside (a builder's preview), so build anew.
window.addEventListener('hashchange', () => void build());
void build();
reportHeight();
