import { en, type MessageKey, type Translation } from './en.js';
import { zhCN } from './zh-cn.js';

export type { MessageKey, Translation };

/** Parameters substituted into a message: `{min}` and so on. */
export type MessageParams = Record<string, string | number>;

/** The languages that ship, by BCP 47 tag. */
export const TRANSLATIONS: Record<string, Translation> = { en, 'zh-CN': zhCN };

/**
 * The shipped language that best serves `lang`: an exact tag, then the same
 * primary language (every `zh-*` reads the Simplified Chinese table), else English.
 */
export function resolveLanguage(lang: string | null | undefined): string {
  const tag = (lang ?? '').trim().toLowerCase();
  if (!tag) return 'en';
  const exact = Object.keys(TRANSLATIONS).find((t) => t.toLowerCase() === tag);
  if (exact) return exact;
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  return 'en';
}

const PLACEHOLDER = /\{(\w+)(\|attr)?\}/g;

/** The message `key` in language `lang`, with `params` substituted. */
export function translate(lang: string, key: MessageKey, params: MessageParams = {}): string {
  const table = TRANSLATIONS[resolveLanguage(lang)];
  return table[key].replace(PLACEHOLDER, (whole, name: string, attr?: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (!attr) return String(value);
    const labelKey = `attr.${value}` as MessageKey;
    return labelKey in table ? table[labelKey] : String(value);
  });
}
