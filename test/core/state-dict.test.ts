import { expect } from '@open-wc/testing';
import { MODEL_KINDS, type ModelKind } from '../../src/core/config.js';
import { checkParameters, paramCount, paramSpecs } from '../../src/core/model-layout.js';
import { createPrng } from '../../src/core/prng.js';
import { fromStateDict, modelOfStateDict, toStateDict, type StateDict } from '../../src/core/state-dict.js';
import { translate } from '../../src/i18n/translate.js';
import { rnnLabErrorOf } from '../support/errors.js';

function randomParams(kind: ModelKind, hidden: number): Float32Array {
  const prng = createPrng(7, `${kind}${hidden}`);
  return Float32Array.from({ length: paramCount(kind, hidden) }, () => prng.uniform(-1, 1));
}

/** A JSON round trip: what a file written by toStateDict reads back as. */
const viaJson = (dict: StateDict): Record<string, unknown> => JSON.parse(JSON.stringify(dict));

describe('model layouts (PyTorch state_dict order)', () => {
  it('names and shapes the textbook GRU as PyTorch does, H = 16: 929 parameters', () => {
    expect(paramSpecs('gru', 16).map((s) => [s.name, s.shape])).to.deep.equal([
      ['gru.weight_ih_l0', [48, 1]], ['gru.weight_hh_l0', [48, 16]], ['gru.bias_ih_l0', [48]],
      ['gru.bias_hh_l0', [48]], ['linear.weight', [1, 16]], ['linear.bias', [1]],
    ]);
    expect(paramCount('gru', 16)).to.equal(929);
    expect(paramCount('lstm', 16)).to.equal(1233);
    expect(paramCount('rnn', 16)).to.equal(321);
  });

  it('gives the MLP the nn.Sequential names 0, 2, 4 and fixed sizes whatever the hidden size', () => {
    expect(paramSpecs('mlp', 5).map((s) => s.name)).to.deep.equal(['0.weight', '0.bias', '2.weight', '2.bias', '4.weight', '4.bias']);
    expect(paramCount('mlp', 5)).to.equal(paramCount('mlp', 200)).and.to.equal(64 + 528 + 17);
  });

  it('checkParameters rejects a flat vector of the wrong length or with a non-finite value', () => {
    expect(() => checkParameters('gru', 'gru', 16, new Float32Array(929))).not.to.throw();
    const short = rnnLabErrorOf(() => checkParameters('gru@seq-len=10', 'gru', 16, new Float32Array(928)));
    expect(short).to.include({ code: 'invalid-weights', key: 'error.weightsLength' });
    expect(short.params).to.deep.equal({ model: 'gru@seq-len=10', got: 928, expected: 929 });
    const nan = new Float32Array(929);
    nan[3] = NaN;
    expect(rnnLabErrorOf(() => checkParameters('gru', 'gru', 16, nan)).params).to.include({ index: 3, value: 'NaN' });
  });
});

describe('toStateDict and fromStateDict', () => {
  for (const kind of MODEL_KINDS) {
    for (const hidden of [1, 5, 16]) {
      it(`${kind}, H=${hidden}: fromStateDict(toStateDict(x)) is x, bit for bit, through JSON`, () => {
        const flat = randomParams(kind, hidden);
        const back = fromStateDict(viaJson(toStateDict(kind, hidden, flat)), kind, hidden);
        expect(back).to.be.instanceOf(Float32Array);
        expect(Array.from(back)).to.deep.equal(Array.from(flat));
      });
    }
  }

  it('writes nested arrays in PyTorch shapes, row-major, with the exact float32 values', () => {
    const flat = randomParams('gru', 2);
    const dict = toStateDict('gru', 2, flat);
    expect(Object.keys(dict)).to.deep.equal(paramSpecs('gru', 2).map((s) => s.name));
    expect(dict['gru.weight_ih_l0']).to.deep.equal(Array.from(flat.subarray(0, 6), (v) => [v]));
    expect(dict['gru.weight_hh_l0']).to.deep.equal([0, 1, 2, 3, 4, 5].map((r) => Array.from(flat.subarray(6 + 2 * r, 8 + 2 * r))));
    expect(dict['linear.bias']).to.deep.equal([flat[flat.length - 1]]);
  });

  it('reads a checkpoint object { state_dict: {...} } and ignores its other keys', () => {
    const flat = randomParams('lstm', 3);
    const checkpoint = { epoch: 12, state_dict: toStateDict('lstm', 3, flat), optimizer: 'adam' };
    expect(Array.from(fromStateDict(viaJson(checkpoint as never), 'lstm', 3))).to.deep.equal(Array.from(flat));
  });

  it('reads the textbook class`s module name rnn. as a GRU or LSTM, telling them apart by shape', () => {
    for (const kind of ['gru', 'lstm'] as const) {
      const flat = randomParams(kind, 4);
      const textbook = Object.fromEntries(Object.entries(toStateDict(kind, 4, flat)).map(([k, v]) => [k.replace(`${kind}.`, 'rnn.'), v]));
      expect(Array.from(fromStateDict(textbook, kind, 4)), kind).to.deep.equal(Array.from(flat));
    }
    const gruAsRnn = Object.fromEntries(Object.entries(toStateDict('gru', 4, randomParams('gru', 4))).map(([k, v]) => [k.replace('gru.', 'rnn.'), v]));
    expect(rnnLabErrorOf(() => fromStateDict(gruAsRnn, 'rnn', 4))).to.include({ key: 'error.weightsWrongModel' });
  });
});

describe('modelOfStateDict', () => {
  it('tells which model a state_dict is for, under the textbook`s rnn. name too; null when it cannot', () => {
    for (const kind of MODEL_KINDS) expect(modelOfStateDict(toStateDict(kind, 6, randomParams(kind, 6))), kind).to.equal(kind);
    const lstm = toStateDict('lstm', 6, randomParams('lstm', 6));
    const textbook = Object.fromEntries(Object.entries(lstm).map(([k, v]) => [k.replace('lstm.', 'rnn.'), v]));
    expect(modelOfStateDict({ state_dict: textbook })).to.equal('lstm');
    for (const value of [null, [], 'gru', {}, { 'linear.weight': [[1]] }]) expect(modelOfStateDict(value), JSON.stringify(value)).to.equal(null);
  });
});

describe('fromStateDict: weights that cannot be loaded give invalid-weights, saying what is wrong', () => {
  const gru = () => viaJson(toStateDict('gru', 16, randomParams('gru', 16)));

  const cases: Array<[string, () => unknown, string, Record<string, unknown>]> = [
    ['an array', () => [1, 2, 3], 'error.weightsNotObject', {}],
    ['null', () => null, 'error.weightsNotObject', {}],
    ['a string', () => '{"gru.weight_ih_l0": []}', 'error.weightsNotObject', {}],
    ['an empty object', () => ({}), 'error.weightsNotObject', {}],
    ['keys of no known model', () => ({ 'weight_ih_l0': [[1]], 'linear.weight': [[1]] }), 'error.weightsUnknownModel',
      { model: 'gru', example: 'gru.weight_ih_l0' }],
    ['another model`s weights', () => viaJson(toStateDict('lstm', 16, randomParams('lstm', 16))), 'error.weightsWrongModel',
      { model: 'gru', found: 'lstm' }],
    ['the MLP`s weights', () => viaJson(toStateDict('mlp', 16, randomParams('mlp', 16))), 'error.weightsWrongModel',
      { model: 'gru', found: 'mlp' }],
    ['a missing key', () => {
      const d = gru();
      delete d['gru.bias_hh_l0'];
      return d;
    }, 'error.weightsMissingKey', { model: 'gru', key: 'gru.bias_hh_l0' }],
    ['an unexpected key', () => ({ ...gru(), 'gru.weight_ih_l1': [[0]] }), 'error.weightsUnexpectedKey',
      { model: 'gru', key: 'gru.weight_ih_l1' }],
    ['a wrong shape', () => ({ ...gru(), 'linear.weight': new Array(16).fill(0.1) }), 'error.weightsShape',
      { model: 'gru', key: 'linear.weight', got: '[16]', expected: '[1, 16]' }],
    ['another hidden size', () => viaJson(toStateDict('gru', 32, randomParams('gru', 32))), 'error.weightsHiddenSize',
      { key: 'gru.weight_ih_l0', got: '[96, 1]', expected: '[48, 1]', found: 32, hidden: 16, attribute: 'hidden-size' }],
    ['a ragged array', () => {
      const d = gru();
      (d['gru.weight_hh_l0'] as number[][])[5] = [1, 2];
      return d;
    }, 'error.weightsNotNumbers', { key: 'gru.weight_hh_l0', expected: '[48, 16]' }],
    ['a string for a number', () => {
      const d = gru();
      (d['gru.bias_ih_l0'] as unknown[])[2] = '0.5';
      return d;
    }, 'error.weightsNotNumbers', { key: 'gru.bias_ih_l0' }],
    ['NaN', () => {
      const d = gru();
      (d['gru.weight_hh_l0'] as number[][])[1][3] = NaN;
      return d;
    }, 'error.weightsValue', { key: 'gru.weight_hh_l0', index: 19, value: 'NaN' }],
    ['a number beyond float32`s range', () => ({ ...gru(), 'linear.bias': [1e39] }), 'error.weightsValue',
      { key: 'linear.bias', index: 0, value: '1e+39' }],
  ];

  for (const [what, make, key, params] of cases) {
    it(`${what}: ${key}`, () => {
      const error = rnnLabErrorOf(() => fromStateDict(make(), 'gru', 16));
      expect(error.code).to.equal('invalid-weights');
      expect(error.key).to.equal(key);
      expect(error.params).to.include(params);
    });
  }

  it('lists the keys it found as the reader’s language lists them, the first six and an ellipsis', () => {
    const two = rnnLabErrorOf(() => fromStateDict({ 'weight_ih_l0': [[1]], 'linear.weight': [[1]] }, 'gru', 16));
    expect(two.message).to.contain('a GRU state_dict has keys such as “gru.weight_ih_l0”; these have “weight_ih_l0”, “linear.weight”.');
    const many = rnnLabErrorOf(() => fromStateDict(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, [1]])), 'gru', 16));
    expect(many.message).to.contain('“k4”, “k5”, …');
    expect(translate('zh-CN', many.key, many.params)).to.contain('“k4”、“k5”、……');
  });

  it('says it in English and in Chinese, naming the key and both shapes', () => {
    const error = rnnLabErrorOf(() => fromStateDict(viaJson(toStateDict('gru', 32, randomParams('gru', 32))), 'gru', 16));
    expect(error.message).to.equal('“gru.weight_ih_l0” has shape [96, 1], not [48, 1]: these weights are for hidden size 32, '
      + 'but the hidden size (hidden-size) is 16.');
    expect(translate('zh-CN', error.key, error.params)).to.equal('“gru.weight_ih_l0”的形状是 [96, 1]，而不是 [48, 1]：'
      + '这些权重对应的隐藏单元数是 32，但隐藏单元数（hidden-size）是 16。');
  });
});
