/**
 * A decimal number as rnn-lab reads one, in attributes and in data files: digits
 * with an optional point and exponent. No hex, no `Infinity`, no empty string
 * (all of which `Number()` would accept).
 */
export const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
