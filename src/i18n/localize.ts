import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { nextTask } from '../elements/task-budget.js';
import { resolveLanguage, runLabel, translate, type MessageKey, type MessageParams, type NumberFormat } from './translate.js';

/** The nearest `lang` attribute above `element`, crossing shadow roots; else the document's. */
export function languageOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const withLang: Element | null = node.closest('[lang]');
    if (withLang) return withLang.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return element.ownerDocument.documentElement.lang;
}

type Host = ReactiveControllerHost & HTMLElement;

/** An element's language as found in one turn, and the format for numbers in its messages. */
interface Looked {
  turn: number;
  /** The shipped language: `en` or `zh-CN`. */
  lang: string;
  /** The reader's own tag where Intl knows it (`de` writes 0,5 even in the English texts). */
  numberLocale: string;
  format: NumberFormat | null;
}

/**
 * Counts the turns of the page's work: a turn ends at the first microtask after the
 * code that asked. A `lang` changed by that same code is seen from the next turn on,
 * which is when the language observer below re-renders the elements anyway.
 */
let turn = 0;
let turnEnding = false;
function currentTurn(): number {
  if (!turnEnding) {
    turnEnding = true;
    queueMicrotask(() => {
      turn++;
      turnEnding = false;
    });
  }
  return turn;
}

/** Hosts re-render when any `lang` attribute of the document changes. */
const hosts = new Set<Host>();
let observer: MutationObserver | null = null;

function watchLanguage(host: Host): void {
  hosts.add(host);
  if (observer) return;
  observer = new MutationObserver(() => hosts.forEach((h) => h.requestUpdate()));
  observer.observe(document, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/**
 * Every visible string of an element goes through this: translated for the
 * nearest `lang` (English and Simplified Chinese ship), numbers formatted with
 * `Intl.NumberFormat` for that language.
 */
export class LocalizeController implements ReactiveController {
  private readonly host: Host;
  /**
   * The element's language, looked up once per turn: finding the nearest `lang` walks up
   * through every shadow root, and a chart's draw writes dozens of strings and numbers
   * (its summary, legend and axes). Looked up for each one, in CPU profiles of draws at
   * 4x throttling, the walks took up to a fifth of a draw.
   */
  private looked: Looked | null = null;

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    watchLanguage(this.host);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  /** The language as the element finds it in this turn (see `looked`). */
  private language(): Looked {
    const now = currentTurn();
    if (this.looked?.turn !== now) {
      const tag = languageOf(this.host);
      const lang = resolveLanguage(tag);
      this.looked = { turn: now, lang, numberLocale: formatsNumbers(tag) ? tag : lang, format: null };
    }
    return this.looked;
  }

  /** The shipped language in use: `en` or `zh-CN`. */
  get lang(): string {
    return this.language().lang;
  }

  private get numberLocale(): string {
    return this.language().numberLocale;
  }

  t(key: MessageKey, params: MessageParams = {}): string {
    // The formats are looked up only when the message has a number.
    return translate(this.lang, key, params, (value) => this.paramFormat()(value));
  }

  /** Items as one list in the language: `GRU, LSTM` in English, `GRU、LSTM` in Chinese. */
  list(items: readonly string[]): string {
    return items.join(this.t('list.separator'));
  }

  /**
   * Clauses joined into one sentence-part: `; ` in English, `；` in Chinese.
   * (Intl.ListFormat cannot do this, and for lists its Chinese "conjunction"
   * style adds 和 before the last item; the translation tables say it instead.)
   */
  clauses(parts: readonly string[]): string {
    return parts.join(this.t('chart.separator'));
  }

  /** A run's name for reading: `gru` -> `GRU`, `gru@seq-len=30` -> `GRU (sequence length 30)`, `GRU（序列长度 30）`. */
  runLabel(key: string): string {
    return runLabel(this.lang, key, this.paramFormat());
  }

  /** Numbers in messages: whole numbers in full, grouped as the language groups them; others as `number` writes them. */
  private paramFormat(): NumberFormat {
    const looked = this.language();
    if (!looked.format) {
      const integers = cachedFormat(looked.numberLocale, {});
      const others = this.numberFormatter();
      looked.format = (value) => (Number.isInteger(value) ? integers.format(value) : others(value));
    }
    return looked.format;
  }

  /** A number for reading: up to 4 significant digits, scientific when tiny or huge. */
  number(value: number, options: Intl.NumberFormatOptions = {}): string {
    return this.numberFormatter(options)(value);
  }

  /**
   * `number` with the language looked up once: for formatting many numbers (a
   * chart's table formats thousands per frame).
   */
  numberFormatter(options: Intl.NumberFormatOptions = {}): (value: number) => string {
    const locale = this.numberLocale;
    const standard = cachedFormat(locale, { maximumSignificantDigits: 4, ...options });
    const scientific = cachedFormat(locale, { maximumSignificantDigits: 4, notation: 'scientific', ...options });
    return (value) => {
      const magnitude = Math.abs(value);
      return (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e7) ? scientific : standard).format(value);
    };
  }
}

/** Whether Intl formats numbers for a language tag, by tag: asked once per element and turn. */
const supported = new Map<string, boolean>();

// Intl's first question on a page loads its locale data: 80-150 ms at 4x CPU throttling
// (Chromium 156), whichever question it is. Asked here in a task of its own, which comes
// before the first render of any element (see task-budget.ts), so that render does not carry it.
void nextTask().then(() => formatsNumbers(document.documentElement.lang || 'en'));

function formatsNumbers(tag: string): boolean {
  let answer = supported.get(tag);
  if (answer === undefined) {
    try {
      answer = Intl.NumberFormat.supportedLocalesOf(tag).length > 0;
    } catch {
      answer = false; // not a valid tag
    }
    supported.set(tag, answer);
  }
  return answer;
}

/** Number formats by locale and options: making one costs far more than using it. */
const formats = new Map<string, Intl.NumberFormat>();

function cachedFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}
