import { en, type MessageKey, type Translation } from './en.js';
import { zhCN } from './zh-cn.js';

export type { MessageKey, Translation };

/**
 * Parameters substituted into a message: `{min}` and so on. A list is joined
 * with the language's separator (`a, b` in English, `a、b` in Chinese), so code
 * never joins words for reading itself.
 */
export type MessageParams = Record<string, string | number | readonly (string | number)[]>;

/** A list item that stands for "and more": written `…` in English, `……` in Chinese. */
export const MORE = '…';

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

/** `{name}`; `{name|attr}`, an attribute named by its label; `{name|run}`, a run key named for reading. */
const PLACEHOLDER = /\{(\w+)(?:\|(attr|run))?\}/g;

/** How numbers are written: by the page, for its reader; plainly in the worker's English messages. */
export type NumberFormat = (value: number) => string;

function attributeLabel(table: Translation, attribute: string): string {
  const labelKey = `attr.${attribute}` as MessageKey;
  return labelKey in table ? table[labelKey] : attribute;
}

/**
 * A run's name for reading: the internal key `gru` is `GRU`; a sweep's
 * `gru@seq-len=30` is `GRU (sequence length 30)`, `GRU（序列长度 30）` in Chinese.
 */
export function runLabel(lang: string, key: string, format: NumberFormat = String): string {
  const table = TRANSLATIONS[resolveLanguage(lang)];
  const [model, sweep] = key.split('@');
  if (!sweep) return model.toUpperCase();
  const [param, value] = sweep.split('=');
  return translate(lang, 'run.sweep', { model: model.toUpperCase(), param: attributeLabel(table, param), value: Number(value) }, format);
}

/** The message `key` in language `lang`, with `params` substituted and numbers written by `format`. */
export function translate(lang: string, key: MessageKey, params: MessageParams = {}, format: NumberFormat = String): string {
  const table = TRANSLATIONS[resolveLanguage(lang)];
  const text = (item: string | number) => (typeof item === 'number' ? format(item) : item === MORE ? table['list.more'] : item);
  const filled = table[key].replace(PLACEHOLDER, (whole, name: string, kind?: 'attr' | 'run') => {
    const value = params[name];
    if (value === undefined) return whole;
    if (Array.isArray(value)) return value.map(text).join(table['list.separator']);
    if (kind === 'attr') return attributeLabel(table, String(value));
    if (kind === 'run') return runLabel(lang, String(value), format);
    return text(value as string | number);
  });
  // A template's space before or after a parameter is for a Latin neighbour (`GRU 训练损失`);
  // beside a full-width parenthesis (`GRU（序列长度 30）训练损失`) Chinese sets none.
  return filled.replace(/ +(?=（)|(?<=）) +/g, '');
}
