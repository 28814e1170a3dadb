import { CONFIG_ATTRIBUTES } from './config.js';
import { RnnLabError } from './errors.js';

/**
 * Settings that travel in a URL (embed.html's fragment, a permalink) or in any
 * key-value store (a notebook widget's model): `<rnn-trainer>`'s attributes by
 * name, plus the keys of the page around it. Pure: no DOM, so every host of a
 * trainer can read its settings the same way.
 */

/** Every attribute of `<rnn-trainer>` that a key may set. */
export const TRAINER_ATTRIBUTES = [...CONFIG_ATTRIBUTES, 'weights'] as const;
export type TrainerAttribute = (typeof TRAINER_ATTRIBUTES)[number];

/** Attributes that are on or off, as a key with no value (`&autostart`). */
const FLAG_ATTRIBUTES: readonly string[] = ['autostart'];

export const EMBED_LANGUAGES = ['en', 'zh-CN'] as const;
export type EmbedLanguage = (typeof EMBED_LANGUAGES)[number];
export const EMBED_THEMES = ['auto', 'light', 'dark'] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];

/** The keys of the page around the trainer: language, a gate chart below it, colours, heading. */
export const PAGE_KEYS = ['lang', 'gates', 'theme', 'title'] as const;
export type PageKey = (typeof PAGE_KEYS)[number];

/** One `key=value` of a fragment; `value` is null for a bare `key`. */
export type Entry = [key: string, value: string | null];

export interface EmbedParams {
  /** The trainer's attributes, as text; a flag is `''`. */
  attributes: Partial<Record<TrainerAttribute, string>>;
  /** The page's language, or null to follow the reader's browser. */
  lang: EmbedLanguage | null;
  /** Show a `<gate-chart>` under the trainer. */
  gates: boolean;
  theme: EmbedTheme;
  title: string | null;
  /**
   * The first key or value this could not read (code `invalid-attribute`), or
   * null. The other keys are still read, so the page can show the trainer and
   * let it report the error itself.
   */
  error: RnnLabError | null;
}

const decode = (text: string): string | null => {
  try {
    return decodeURIComponent(text);
  } catch {
    return null; // malformed %-escape
  }
};

/**
 * A fragment (`#a=1&b&c=x%20y`, with or without `#`) as its entries, in order.
 * A part whose escapes are malformed keeps its raw text.
 */
export function fragmentEntries(fragment: string): Entry[] {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!text) return [];
  return text.split('&').filter(Boolean).map((part) => {
    const at = part.indexOf('=');
    const rawKey = at < 0 ? part : part.slice(0, at);
    const rawValue = at < 0 ? null : part.slice(at + 1);
    return [decode(rawKey) ?? rawKey, rawValue === null ? null : decode(rawValue) ?? rawValue];
  });
}

/** Escapes a key or value for a fragment, keeping what URLs allow there unescaped (readable links). */
export function encodeFragmentPart(text: string): string {
  return encodeURIComponent(text).replace(/%(2C|2F|3A|40|24|21|27|28|29|2A|3B)/gi, (escape) => decodeURIComponent(escape));
}

/** Entries back to fragment text (without `#`). */
export function formatEntries(entries: readonly Entry[]): string {
  return entries.map(([key, value]) =>
    value === null ? encodeFragmentPart(key) : `${encodeFragmentPart(key)}=${encodeFragmentPart(value)}`).join('&');
}

function oneOf<T extends string>(key: PageKey, value: string, options: readonly T[]): T {
  const found = options.find((o) => o.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw new RnnLabError('invalid-attribute', 'error.oneOf', { attribute: key, value, options: options.join(' ') });
  return found;
}

function flag(key: string, value: string | null): boolean {
  if (value === null || value === '' || value === 'true') return true;
  if (value === 'false') return false;
  throw new RnnLabError('invalid-attribute', 'error.oneOf', { attribute: key, value, options: 'true false' });
}

/**
 * Reads entries as embed.html does: trainer attributes, then the page keys. An
 * unknown key, or a page key with a bad value, is reported in `error`; the
 * trainer checks its own attributes' values.
 */
export function parseEmbedParams(entries: Iterable<Entry>): EmbedParams {
  const params: EmbedParams = { attributes: {}, lang: null, gates: false, theme: 'auto', title: null, error: null };
  for (const [key, value] of entries) {
    try {
      readEntry(params, key, value);
    } catch (error) {
      params.error ??= error as RnnLabError;
    }
  }
  return params;
}

function readEntry(params: EmbedParams, key: string, value: string | null): void {
  if ((TRAINER_ATTRIBUTES as readonly string[]).includes(key)) {
    const name = key as TrainerAttribute;
    if (FLAG_ATTRIBUTES.includes(name)) {
      if (flag(name, value)) params.attributes[name] = '';
    } else {
      params.attributes[name] = value ?? '';
    }
    return;
  }
  switch (key) {
    case 'lang': params.lang = oneOf('lang', value ?? '', EMBED_LANGUAGES); return;
    case 'gates': params.gates = flag('gates', value); return;
    case 'theme': params.theme = oneOf('theme', value ?? '', EMBED_THEMES); return;
    case 'title': params.title = value; return;
    default:
      throw new RnnLabError('invalid-attribute', 'error.embedKey', {
        key, options: [...TRAINER_ATTRIBUTES, ...PAGE_KEYS].join(' '),
      });
  }
}

/** The entries that reproduce `params` (the inverse of `parseEmbedParams`), trainer attributes first. */
export function embedEntries(params: Partial<Omit<EmbedParams, 'error'>>): Entry[] {
  const entries: Entry[] = [];
  for (const name of TRAINER_ATTRIBUTES) {
    const value = params.attributes?.[name];
    if (value === undefined) continue;
    entries.push(FLAG_ATTRIBUTES.includes(name) ? [name, null] : [name, value]);
  }
  if (params.lang) entries.push(['lang', params.lang]);
  if (params.gates) entries.push(['gates', null]);
  if (params.theme && params.theme !== 'auto') entries.push(['theme', params.theme]);
  if (params.title) entries.push(['title', params.title]);
  return entries;
}
