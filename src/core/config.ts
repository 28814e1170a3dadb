import { RnnLabError } from './errors.js';
import { DECIMAL } from './numbers.js';
import type { MessageKey, MessageParams } from '../i18n/translate.js';

export const MODEL_KINDS = ['gru', 'lstm', 'rnn', 'mlp'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const BACKENDS = ['auto', 'cpu', 'wasm', 'webgl'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** The numeric hyperparameters: what a sweep can vary and the worker validates. */
export const NUMERIC_ATTRIBUTES = ['hidden-size', 'seq-len', 'learning-rate', 'epochs', 'split', 'seed'] as const;
export type NumericAttribute = (typeof NUMERIC_ATTRIBUTES)[number];

export const CONTROL_NAMES = ['models', 'seq-len', 'hidden-size', 'learning-rate', 'epochs', 'split', 'seed'] as const;
export type ControlName = (typeof CONTROL_NAMES)[number];

export const CHART_NAMES = ['loss', 'prediction'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** Every attribute of `<rnn-trainer>` that configures an experiment. */
export const CONFIG_ATTRIBUTES = [
  'models', ...NUMERIC_ATTRIBUTES, 'src', 'column', 'autostart', 'backend', 'controls', 'charts', 'sweep', 'pace',
  'reference',
] as const;
export type ConfigAttribute = (typeof CONFIG_ATTRIBUTES)[number];

/** Attribute name -> its raw text, `null` when absent. */
export type AttributeValues = Partial<Record<ConfigAttribute, string | null>>;

/** One experiment's numbers: what a single training run needs. */
export interface Hyperparameters {
  hiddenSize: number;
  seqLen: number;
  learningRate: number;
  epochs: number;
  split: number;
  seed: number;
}

export interface Sweep {
  param: NumericAttribute;
  values: number[];
}

/** The validated configuration of `<rnn-trainer>`, the detail of `rnn-start`. */
export interface TrainerConfig extends Hyperparameters {
  models: ModelKind[];
  src: string | null;
  column: string | number;
  autostart: boolean;
  backend: BackendName;
  controls: ControlName[];
  charts: ChartName[];
  sweep: Sweep | null;
  /** At most this many epochs per second, or null for as fast as possible. */
  pace: number | null;
  /** The page author's reference test MSE per model (such as the book's), or null: drawn and listed, never trained on. */
  reference: Partial<Record<ModelKind, number>> | null;
}

interface NumberRule {
  integer: boolean;
  min: number;
  max: number;
  /** When true the minimum itself is not allowed: (min, max]. */
  openMin?: boolean;
}

/** The ranges of the numeric attributes, shared by attribute parsing and the worker's own check. */
export const NUMBER_RULES: Record<NumericAttribute | 'pace', NumberRule> = {
  'hidden-size': { integer: true, min: 1, max: 256 },
  'seq-len': { integer: true, min: 1, max: Number.MAX_SAFE_INTEGER },
  'learning-rate': { integer: false, min: 0, max: 1, openMin: true },
  epochs: { integer: true, min: 1, max: 100000 },
  split: { integer: false, min: 0.1, max: 0.95 },
  seed: { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER },
  pace: { integer: false, min: 0, max: 10000, openMin: true },
};

/**
 * Every attribute of `<rnn-trainer>` that configures an experiment, once: its
 * default (as attribute text; null when absent) and what it means. The numeric
 * ones' ranges are NUMBER_RULES. The element's properties, their converters, the
 * manifest's descriptions (custom-elements-manifest.config.mjs) and the README's
 * table (checked by test/distribution/manifest.test.ts) all come from here.
 * Adding an attribute is adding a row here, its parsing in `parseConfig`, and an
 * `@property` line in rnn-trainer.ts.
 */
export const ATTRIBUTE_TABLE: Record<ConfigAttribute, { default: string | null; doc: string }> = {
  models: { default: 'gru', doc: 'Space-separated, 1-4 distinct of `gru lstm rnn mlp`' },
  'hidden-size': { default: '16', doc: 'Hidden units' },
  'seq-len': { default: '20', doc: 'Training sequence length' },
  'learning-rate': { default: '0.0005', doc: 'Adam\'s learning rate' },
  epochs: { default: '150', doc: 'Epochs to train' },
  split: { default: '0.8', doc: 'Train fraction of the series' },
  seed: { default: '0', doc: '`torch.manual_seed(seed)`: the initial weights are PyTorch\'s, the models built in the listed order' },
  src: { default: null, doc: 'URL of a CSV file; else a child `<script type="text/csv">`; else the built-in series' },
  column: { default: '0', doc: 'Column name or 0-based index in a multi-column CSV' },
  autostart: { default: null, doc: 'Start training once the data is loaded' },
  backend: { default: 'auto', doc: '`auto`, `cpu`, `wasm` or `webgl`' },
  controls: { default: 'models seq-len hidden-size learning-rate epochs', doc: 'Which parameters the reader may change, or `none`' },
  charts: { default: 'loss prediction', doc: 'Charts drawn inside: `loss prediction`, or `none`' },
  sweep: { default: null, doc: '`PARAM V1 V2 ...`: train once per value, every model' },
  pace: { default: null, doc: 'At most this many epochs per second' },
  reference: { default: null, doc: 'JSON `{model: test MSE}`, such as the book\'s `{"gru": 0.3646, "mlp": 0.5354}`: drawn as lines on the loss chart and listed in the results, as the page author\'s reference' },
};

export const DEFAULT_ATTRIBUTES = Object.fromEntries(
  CONFIG_ATTRIBUTES.map((name) => [name, ATTRIBUTE_TABLE[name].default]),
) as Required<Record<ConfigAttribute, string | null>>;

const bound = (value: number) => (value === Number.MAX_SAFE_INTEGER ? null : value);

/** An attribute's one-line description: what it means, its range, its default (the manifest's text). */
export function describeAttribute(name: ConfigAttribute): string {
  const { doc, default: fallback } = ATTRIBUTE_TABLE[name];
  const rule = (NUMBER_RULES as Partial<Record<string, NumberRule>>)[name];
  let range = '';
  if (rule) {
    const max = bound(rule.max);
    const kind = rule.integer ? 'integer' : 'number';
    range = max === null ? `, ${kind} >= ${rule.min}` : rule.openMin ? `, ${kind} in (${rule.min}, ${max}]` : `, ${kind} ${rule.min}-${max}`;
  }
  return `${doc}${range}${fallback === null ? '' : ` (default \`${fallback}\`)`}.`;
}

/** The camelCase property name of an attribute (`seq-len` -> `seqLen`). */
export function propertyName(attribute: string): string {
  return attribute.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}


function invalid(key: MessageKey, attribute: string, value: string, extra: MessageParams = {}) {
  return new RnnLabError('invalid-attribute', key, { attribute, value, ...extra });
}

function ruleError(attribute: NumericAttribute | 'pace', text: string): RnnLabError {
  const rule = NUMBER_RULES[attribute];
  if (rule.integer) {
    return rule.max === Number.MAX_SAFE_INTEGER
      ? invalid('error.integerMin', attribute, text, { min: rule.min })
      : invalid('error.integer', attribute, text, { min: rule.min, max: rule.max });
  }
  return invalid(rule.openMin ? 'error.numberOpen' : 'error.number', attribute, text, { min: rule.min, max: rule.max });
}

/** Throws `invalid-attribute` unless `value` is allowed for `attribute`. */
export function checkNumber(attribute: NumericAttribute | 'pace', value: number, text = String(value)): number {
  const rule = NUMBER_RULES[attribute];
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.openMin ? value > rule.min : value >= rule.min) &&
    value <= rule.max;
  if (!ok) throw ruleError(attribute, text);
  return value;
}

/** Parses a decimal number (no hex, no empty string, no `Infinity`) and checks its range. */
export function parseNumber(attribute: NumericAttribute | 'pace', text: string): number {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) throw ruleError(attribute, text);
  return checkNumber(attribute, Number(trimmed), text);
}

function tokens(text: string): string[] {
  return text.trim().split(/[\s,]+/).filter(Boolean);
}

function parseModels(text: string): ModelKind[] {
  const names = tokens(text.toLowerCase());
  const known = names.every((n) => (MODEL_KINDS as readonly string[]).includes(n));
  if (!known || names.length < 1 || names.length > 4 || new Set(names).size !== names.length) {
    throw invalid('error.models', 'models', text, { options: MODEL_KINDS.map((m) => m.toUpperCase()) });
  }
  return names as ModelKind[];
}

function parseList<T extends string>(attribute: ConfigAttribute, text: string, options: readonly T[]): T[] {
  const names = tokens(text.toLowerCase());
  if (names.length === 1 && names[0] === 'none') return [];
  if (names.length === 0 || !names.every((n) => (options as readonly string[]).includes(n))) {
    throw invalid('error.listOf', attribute, text, { options });
  }
  return [...new Set(names)] as T[];
}

function parseBackend(text: string): BackendName {
  const name = text.trim().toLowerCase();
  if (!(BACKENDS as readonly string[]).includes(name)) {
    throw invalid('error.oneOf', 'backend', text, { options: BACKENDS });
  }
  return name as BackendName;
}

function parseColumn(text: string): string | number {
  const trimmed = text.trim();
  if (!trimmed) throw invalid('error.column', 'column', text);
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function parseSweep(text: string): Sweep {
  const [param, ...values] = tokens(text);
  const name = param?.toLowerCase() as NumericAttribute;
  if (!(NUMERIC_ATTRIBUTES as readonly string[]).includes(name) || values.length === 0) {
    throw invalid('error.sweep', 'sweep', text, { options: NUMERIC_ATTRIBUTES });
  }
  const parsed = values.map((item) => {
    try {
      return parseNumber(name, item);
    } catch {
      throw invalid('error.sweepValue', 'sweep', text, { item, param: name });
    }
  });
  return { param: name, values: [...new Set(parsed)] };
}

/** `{"gru": 0.3646, "mlp": 0.5354}`: a JSON object whose keys are model names and whose values are positive numbers. */
function parseReference(text: string): Partial<Record<ModelKind, number>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  const entries = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
  const valid = entries.length > 0 && entries.every(([model, mse]) =>
    (MODEL_KINDS as readonly string[]).includes(model) && typeof mse === 'number' && Number.isFinite(mse) && mse > 0);
  if (!valid) throw invalid('error.reference', 'reference', text, { options: MODEL_KINDS.join(' ') });
  return Object.fromEntries(entries) as Partial<Record<ModelKind, number>>;
}

/**
 * Attribute texts -> a validated configuration. Absent attributes take their
 * defaults; the first invalid one throws `RnnLabError('invalid-attribute')`
 * naming the attribute and what it accepts. With `fallback`, nothing throws:
 * an invalid attribute takes `fallback`'s value instead (what the element shows
 * while an attribute is invalid, so that an error never changes which parts show).
 */
export function parseConfig(attributes: AttributeValues, fallback?: TrainerConfig): TrainerConfig {
  const text = (name: ConfigAttribute): string | null => {
    const value = attributes[name];
    return value === undefined || value === null ? DEFAULT_ATTRIBUTES[name] : value;
  };
  const field = <K extends keyof TrainerConfig>(key: K, parse: () => TrainerConfig[K]): TrainerConfig[K] => {
    if (!fallback) return parse();
    try {
      return parse();
    } catch {
      return fallback[key];
    }
  };
  const num = (name: NumericAttribute) => field(propertyName(name) as keyof Hyperparameters, () => parseNumber(name, text(name)!));
  const pace = text('pace');
  const sweep = text('sweep');
  const reference = text('reference');
  return {
    models: field('models', () => parseModels(text('models')!)),
    hiddenSize: num('hidden-size'),
    seqLen: num('seq-len'),
    learningRate: num('learning-rate'),
    epochs: num('epochs'),
    split: num('split'),
    seed: num('seed'),
    src: text('src')?.trim() || null,
    column: field('column', () => parseColumn(text('column')!)),
    autostart: attributes.autostart !== undefined && attributes.autostart !== null,
    backend: field('backend', () => parseBackend(text('backend')!)),
    controls: field('controls', () => parseList('controls', text('controls')!, CONTROL_NAMES)),
    charts: field('charts', () => parseList('charts', text('charts')!, CHART_NAMES)),
    sweep: field('sweep', () => (sweep === null || sweep.trim() === '' ? null : parseSweep(sweep))),
    pace: field('pace', () => (pace === null || pace.trim() === '' ? null : parseNumber('pace', pace))),
    reference: field('reference', () => (reference === null || reference.trim() === '' ? null : parseReference(reference))),
  };
}

/** Throws `invalid-attribute` unless every hyperparameter is in range (the worker's check). */
export function checkHyperparameters(h: Hyperparameters): Hyperparameters {
  for (const attribute of NUMERIC_ATTRIBUTES) {
    checkNumber(attribute, h[propertyName(attribute) as keyof Hyperparameters]);
  }
  return h;
}
