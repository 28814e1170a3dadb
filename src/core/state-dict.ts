/**
 * Weights in and out as PyTorch `state_dict` JSON: `{name: nested arrays}`, named
 * and shaped exactly as the textbook's model's `state_dict()`, so that
 * `model.load_state_dict({k: torch.tensor(v) for k, v in json.load(f).items()})`
 * loads an export, and `json.dump({k: v.tolist() for k, v in model.state_dict().items()}, f)`
 * writes something `fromStateDict` reads. Pure: no DOM, no tfjs.
 */
import { NUMBER_RULES, type ModelKind } from './config.js';
import { RnnLabError } from './errors.js';
import { GATE_ROWS, checkParameters, isRecurrent, paramCount, paramSpecs, sizeOf, type ParamSpec, type RecurrentKind } from './model-layout.js';
import { MORE, type MessageKey, type MessageParams } from '../i18n/translate.js';

/** A tensor as nested arrays, outermost dimension first (`tensor.tolist()`). */
export type NestedNumbers = number | NestedNumbers[];

/** Parameter name -> values, ready for `JSON.stringify`. */
export type StateDict = Record<string, NestedNumbers>;

function fail(key: MessageKey, params: MessageParams = {}): never {
  throw new RnnLabError('invalid-weights', key, params);
}

/** The flat parameter vector of `kind` (our layout) as PyTorch's `state_dict`, values as exact float32 numbers. */
export function toStateDict(kind: ModelKind, hidden: number, flat: Float32Array): StateDict {
  checkParameters(kind, kind, hidden, flat);
  const dict: StateDict = {};
  let offset = 0;
  for (const { name, shape } of paramSpecs(kind, hidden)) {
    dict[name] = nest(Array.from(flat.subarray(offset, offset + sizeOf(shape))), shape);
    offset += sizeOf(shape);
  }
  return dict;
}

function nest(values: number[], shape: number[]): NestedNumbers[] {
  if (shape.length === 1) return values;
  const inner = sizeOf(shape.slice(1));
  return Array.from({ length: shape[0] }, (_, i) => nest(values.slice(i * inner, (i + 1) * inner), shape.slice(1)));
}

/**
 * `json` (a parsed state_dict) as the flat parameter vector of `kind` at hidden
 * size `hidden`. Also accepted: a checkpoint object `{"state_dict": {...}, ...}`
 * (PyTorch Lightning's and many notebooks' convention; its other keys are
 * ignored), and, for a recurrent model, the textbook's own module name `rnn.`
 * in place of `gru.`/`lstm.` (its class calls every recurrent layer `self.rnn`).
 * Anything else throws `invalid-weights` saying what is wrong.
 */
export function fromStateDict(json: unknown, kind: ModelKind, hidden: number): Float32Array {
  const dict = unwrap(json);
  const found = identify(dict, kind);
  if (!found) fail('error.weightsUnknownModel', { model: kind, example: paramSpecs(kind, hidden)[0].name, keys: listKeys(dict) });
  if (found.kind !== kind) fail('error.weightsWrongModel', { model: kind, found: found.kind });
  const { prefix, hidden: foundHidden } = found;
  const specs = paramSpecs(kind, hidden).map((spec) => ({ ...spec, name: rename(spec.name, kind, prefix) }));
  const names = new Set(specs.map((s) => s.name));
  for (const { name } of specs) if (!Object.hasOwn(dict, name)) fail('error.weightsMissingKey', { model: kind, key: name });
  for (const key of Object.keys(dict)) {
    if (!names.has(key)) fail('error.weightsUnexpectedKey', { model: kind, key, keys: [...names].map((k) => `“${k}”`) });
  }
  const flat = new Float32Array(paramCount(kind, hidden));
  let offset = 0;
  for (const spec of specs) {
    checkShape(dict[spec.name], spec, kind, hidden, foundHidden);
    offset = flatten(dict[spec.name], spec, flat, offset);
  }
  return flat;
}

/**
 * Which model a parsed state_dict is for, as `fromStateDict` reads it (so a page
 * can give a file to the run of that model), or null when it cannot tell.
 */
export function modelOfStateDict(json: unknown): ModelKind | null {
  try {
    return identify(unwrap(json), null)?.kind ?? null;
  } catch {
    return null;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

function unwrap(json: unknown): Record<string, unknown> {
  if (!isPlainObject(json)) fail('error.weightsNotObject');
  const dict = isPlainObject(json.state_dict) ? json.state_dict : json;
  if (Object.keys(dict).length === 0) fail('error.weightsNotObject');
  return dict;
}

interface Identified {
  kind: ModelKind;
  /** The recurrent layer's module name as the keys spell it. */
  prefix: string;
  /** The hidden size the keys' shapes say, when they say one. */
  hidden: number | null;
}

/**
 * Which model the keys belong to: `gru.`/`lstm.`/`rnn.` keys a recurrent model
 * (under `rnn.` the shape of weight_hh_l0, [gates*H, H], tells the kind), keys
 * `0.`...`4.` the MLP; null when they look like neither.
 */
function identify(dict: Record<string, unknown>, wanted: ModelKind | null): Identified | null {
  const keys = Object.keys(dict);
  const prefixes = (['gru', 'lstm', 'rnn'] as const).filter((p) => keys.some((k) => k.startsWith(`${p}.`)));
  if (prefixes.length > 0) {
    // With keys of several kinds, read them as the wanted one: the unexpected keys are then named.
    const prefix = prefixes.find((p) => p === wanted) ?? prefixes[0];
    const hh = shapeOf(dict[`${prefix}.weight_hh_l0`]);
    const columns = hh?.length === 2 && hh[1] > 0 ? hh[1] : null;
    const gates = columns ? hh![0] / columns : null;
    const byShape = (Object.keys(GATE_ROWS) as RecurrentKind[]).find((k) => GATE_ROWS[k] === gates);
    const kind = prefix !== 'rnn' ? prefix : byShape ?? (wanted && isRecurrent(wanted) ? wanted : 'rnn');
    // The shape says a hidden size only when it is whole: [gates * H, H]. [48, 15] is no GRU's.
    const hidden = columns && hh![0] === GATE_ROWS[kind as RecurrentKind] * columns ? columns : null;
    return { kind, prefix, hidden };
  }
  if (keys.some((k) => /^[024]\.(weight|bias)$/.test(k))) return { kind: 'mlp', prefix: '', hidden: null };
  return null;
}

function rename(name: string, kind: ModelKind, prefix: string): string {
  return isRecurrent(kind) && name.startsWith(`${kind}.`) ? `${prefix}.${name.slice(kind.length + 1)}` : name;
}

/** The first keys, quoted, as a list the message joins in the reader's language. */
function listKeys(dict: Record<string, unknown>): string[] {
  const keys = Object.keys(dict);
  return [...keys.slice(0, 6).map((k) => `“${k}”`), ...(keys.length > 6 ? [MORE] : [])];
}

/** The shape nested arrays claim, following first elements; null when the value is not an array of numbers. */
function shapeOf(value: unknown): number[] | null {
  if (typeof value === 'number') return [];
  if (!Array.isArray(value)) return null;
  if (value.length === 0) return [0];
  const inner = shapeOf(value[0]);
  return inner && [value.length, ...inner];
}

const formatShape = (shape: number[]) => `[${shape.join(', ')}]`;

function checkShape(value: unknown, spec: ParamSpec, kind: ModelKind, hidden: number, foundHidden: number | null): void {
  const got = shapeOf(value);
  if (!got) fail('error.weightsNotNumbers', { key: spec.name, expected: formatShape(spec.shape) });
  if (got.join() === spec.shape.join()) return;
  const params = { model: kind, key: spec.name, got: formatShape(got), expected: formatShape(spec.shape) };
  if (foundHidden !== null && foundHidden !== hidden) {
    const { max } = NUMBER_RULES['hidden-size'];
    if (foundHidden > max) fail('error.weightsHiddenTooLarge', { ...params, found: foundHidden, max });
    fail('error.weightsHiddenSize', { ...params, found: foundHidden, hidden, attribute: 'hidden-size' });
  }
  fail('error.weightsShape', params);
}

/** Writes `value`'s numbers, outermost dimension first, from `offset`; returns the next offset. */
function flatten(value: unknown, spec: ParamSpec, out: Float32Array, offset: number): number {
  const start = offset;
  const walk = (v: unknown, depth: number): void => {
    if (depth === spec.shape.length) {
      if (typeof v !== 'number') fail('error.weightsNotNumbers', { key: spec.name, expected: formatShape(spec.shape) });
      const stored = Math.fround(v); // beyond float32's range a finite number becomes infinite
      if (!Number.isFinite(stored)) fail('error.weightsValue', { key: spec.name, index: offset - start, value: String(v) });
      out[offset++] = stored;
      return;
    }
    if (!Array.isArray(v) || v.length !== spec.shape[depth]) {
      fail('error.weightsNotNumbers', { key: spec.name, expected: formatShape(spec.shape) });
    }
    for (const item of v) walk(item, depth + 1);
  };
  walk(value, 0);
  return offset;
}
