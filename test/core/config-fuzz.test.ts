import { expect } from '@open-wc/testing';
import { CONFIG_ATTRIBUTES, DEFAULT_ATTRIBUTES, NUMBER_RULES, parseConfig, type ConfigAttribute } from '../../src/core/config.js';
import { RnnLabError } from '../../src/core/errors.js';
import { createPrng } from '../../src/core/prng.js';

/** Attributes that take any text: a URL, a flag. */
const FREE_TEXT = ['src', 'autostart'];

/** What a curious student types: the default, the edge cases, then random text from a seeded generator. */
function inputs(attribute: ConfigAttribute): string[] {
  const fixed = ['', ' ', '\t\n', '0', '-0', '-1', '1', '0.5', '-0.5', '1e3', '1e-3', '1e400', '-1e400', 'NaN', 'Infinity',
    '-Infinity', '9'.repeat(400), '0x10', '0b1', '1,000', '1 000', '١٢', '２０', '二十', '🤖', 'null', 'undefined', 'true',
    '<img src=x onerror=alert(1)>', '"', "'", '\\', '%s', '{{x}}', 'gru', 'GRU LSTM', 'gru,lstm', 'seq-len 10 20', 'none'];
  const prng = createPrng(7, attribute);
  const alphabet = ' -+.,eE0123456789abcxyzLSTMGRUnone@#é中';
  const random = Array.from({ length: 250 }, () => {
    const length = Math.floor(prng.next() * 12);
    return Array.from({ length }, () => alphabet[Math.floor(prng.next() * alphabet.length)]).join('');
  });
  const byDefault = DEFAULT_ATTRIBUTES[attribute];
  return [...(byDefault === null ? [] : [byDefault]), ...fixed, ...random];
}

/** The numbers the error message must name: the allowed range, or the allowed words. */
function allowedMentioned(error: RnnLabError): boolean {
  const p = error.params;
  return p.min !== undefined || p.options !== undefined || error.key === 'error.column' || p.param !== undefined;
}

describe('attribute fuzzing', () => {
  for (const attribute of CONFIG_ATTRIBUTES) {
    it(`${attribute}: every input gives a valid config or invalid-attribute naming ${attribute}`, () => {
      let valid = 0;
      let invalid = 0;
      for (const text of inputs(attribute)) {
        let config;
        try {
          config = parseConfig({ [attribute]: text } as Partial<Record<ConfigAttribute, string>>);
        } catch (error) {
          expect(error, `${attribute}="${text}"`).to.be.instanceOf(RnnLabError);
          const e = error as RnnLabError;
          expect(e.code).to.equal('invalid-attribute');
          expect(e.params.attribute).to.equal(attribute);
          expect(allowedMentioned(e), `${attribute}="${text}": ${e.message}`).to.equal(true);
          invalid++;
          continue;
        }
        valid++;
        for (const [name, rule] of Object.entries(NUMBER_RULES)) {
          const value = (config as unknown as Record<string, number | null>)[name.replace(/-(\w)/g, (_, c) => c.toUpperCase())];
          if (value === null || value === undefined) continue;
          expect(Number.isFinite(value), `${name} from ${attribute}="${text}"`).to.equal(true);
          expect(value).to.be.at.most(rule.max);
          expect(value).to.be.at.least(rule.min);
        }
        expect(config.models.length).to.be.within(1, 4);
      }
      // Both branches above ran: the default is accepted, and an attribute with rules refuses some text.
      expect(valid, 'inputs accepted').to.be.greaterThan(0);
      if (FREE_TEXT.includes(attribute)) expect(invalid, 'inputs refused').to.equal(0);
      else expect(invalid, 'inputs refused').to.be.greaterThan(0);
    });
  }
});
