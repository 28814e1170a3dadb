import type { ComplexAttributeConverter } from 'lit';
import {
  CONFIG_ATTRIBUTES, DEFAULT_ATTRIBUTES, NUMERIC_ATTRIBUTES, propertyName, type AttributeValues, type ConfigAttribute,
} from '../../core/config.js';
import { DECIMAL } from '../../core/numbers.js';

/**
 * The `<rnn-trainer>` properties of the configuration attributes (src/core/config.ts,
 * ATTRIBUTE_TABLE): how each reads its attribute, and writes it back. A number
 * that is not one reads as NaN; the attribute's own text is what the error quotes.
 */
const numberConverter: ComplexAttributeConverter<number | null> = {
  fromAttribute: (text) => (text === null ? null : DECIMAL.test(text.trim()) ? Number(text.trim()) : NaN),
  toAttribute: (value) => (value === null || value === undefined ? null : String(value)),
};

const textConverter: ComplexAttributeConverter<string | null> = {
  fromAttribute: (text) => text,
  toAttribute: (value) => (value === null || value === undefined ? null : String(value)),
};

const READERS: Record<ConfigAttribute, ComplexAttributeConverter> = {
  ...Object.fromEntries(CONFIG_ATTRIBUTES.map((name) => [name, textConverter])) as Record<ConfigAttribute, ComplexAttributeConverter>,
  ...Object.fromEntries(NUMERIC_ATTRIBUTES.map((name) => [name, numberConverter])),
  pace: numberConverter,
  // An array of model names is accepted too.
  models: {
    fromAttribute: (text) => text,
    toAttribute: (value: string | string[]) => (Array.isArray(value) ? value.join(' ') : String(value)),
  },
  column: {
    fromAttribute: (text) => (text !== null && /^\d+$/.test(text.trim()) ? Number(text.trim()) : text),
    toAttribute: (value) => String(value),
  },
  autostart: {
    fromAttribute: (text) => text !== null,
    toAttribute: (value) => (value ? '' : null),
  },
};

/** Each converter reads an absent attribute as its default: removing an attribute restores the default. */
const CONVERTERS = Object.fromEntries(CONFIG_ATTRIBUTES.map((name) => [name, {
  fromAttribute: (text: string | null) => READERS[name].fromAttribute!(text ?? DEFAULT_ATTRIBUTES[name], undefined),
  toAttribute: READERS[name].toAttribute,
}])) as Record<ConfigAttribute, ComplexAttributeConverter>;

/** The attribute a configuration property stands for (`seqLen` -> `seq-len`). */
const ATTRIBUTE_OF = new Map<PropertyKey, ConfigAttribute>(CONFIG_ATTRIBUTES.map((name) => [propertyName(name), name]));

/** The converter of a configuration attribute's property. */
export function converterOf(name: ConfigAttribute): ComplexAttributeConverter {
  return CONVERTERS[name];
}

/** A property's starting value: its attribute's default, read as the attribute would be. */
export function defaultOf<T>(name: ConfigAttribute): T {
  return CONVERTERS[name].fromAttribute!(DEFAULT_ATTRIBUTES[name], undefined) as T;
}

type Element = HTMLElement & Record<string, unknown>;

/**
 * The text of each configuration attribute as `parseConfig` wants it. Usually
 * the attribute's; a property set from script and not yet written to its
 * attribute gives its own text; an attribute that reads as the property's value
 * (including an invalid number, NaN) gives its original text for the error.
 */
export function attributeTexts(element: HTMLElement): AttributeValues {
  const el = element as Element;
  return Object.fromEntries(CONFIG_ATTRIBUTES.map((name) => {
    const attribute = el.getAttribute(name);
    const value = el[propertyName(name)];
    const converter = CONVERTERS[name];
    if (Object.is(converter.fromAttribute!(attribute, undefined), value)) return [name, attribute];
    return [name, converter.toAttribute!(value, undefined) as string | null];
  }));
}

/**
 * Writes a configuration property's value to its attribute at once, when they
 * differ: attributes stay the source of truth (what the page's HTML, the controls
 * and the embed code read), whichever of the two was set.
 */
export function writeAttribute(element: HTMLElement, property: PropertyKey): void {
  const name = ATTRIBUTE_OF.get(property);
  if (!name) return;
  const text = attributeTexts(element)[name] ?? null;
  if (element.getAttribute(name) === text) return;
  if (text === null) element.removeAttribute(name);
  else element.setAttribute(name, text);
}

/** True for the name of a configuration property. */
export const isConfigProperty = (key: PropertyKey) => ATTRIBUTE_OF.has(key);
