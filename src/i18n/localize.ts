import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLanguage, translate, type MessageKey, type MessageParams } from './translate.js';

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

  /** The shipped language in use: `en` or `zh-CN`. */
  get lang(): string {
    return resolveLanguage(languageOf(this.host));
  }

  /** The reader's own language tag for numbers (`de` writes 0,5 even in the English texts). */
  private get numberLocale(): string {
    const tag = languageOf(this.host);
    try {
      return Intl.NumberFormat.supportedLocalesOf(tag).length > 0 ? tag : this.lang;
    } catch {
      return this.lang; // not a valid tag
    }
  }

  t(key: MessageKey, params: MessageParams = {}): string {
    const formatted: MessageParams = {};
    for (const [name, value] of Object.entries(params)) {
      if (typeof value !== 'number') formatted[name] = value;
      else formatted[name] = Number.isInteger(value) ? cachedFormat(this.numberLocale, {}).format(value) : this.number(value);
    }
    return translate(this.lang, key, formatted);
  }

  /** A run's name for reading: `gru` -> `GRU`, `gru@seq-len=30` -> `GRU (sequence length 30)`. */
  runLabel(key: string): string {
    const [model, sweep] = key.split('@');
    if (!sweep) return model.toUpperCase();
    const [param, value] = sweep.split('=');
    return `${model.toUpperCase()} (${this.t(`attr.${param}` as MessageKey)} ${this.number(Number(value))})`;
  }

  /** Items joined as a list: `A, B` in English, `A、B` in Chinese. */
  list(items: string[]): string {
    return items.join(this.lang === 'zh-CN' ? '、' : ', ');
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

/** Number formats by locale and options: making one costs far more than using it. */
const formats = new Map<string, Intl.NumberFormat>();

function cachedFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}
