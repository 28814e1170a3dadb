import { expect } from '@open-wc/testing';
import { checkHyperparameters, parseConfig } from '../../src/core/config.js';
import { runSpecs } from '../../src/core/runs.js';
import { rnnLabErrorOf } from '../support/errors.js';

describe('parseConfig', () => {
  it('gives the defaults of the attribute table when no attribute is set', () => {
    const config = parseConfig({});
    expect(config).to.deep.include({
      models: ['gru'], hiddenSize: 16, seqLen: 20, learningRate: 0.0005, epochs: 150, split: 0.8, seed: 0,
      src: null, column: 0, autostart: false, backend: 'auto', sweep: null, pace: null,
    });
    expect(config.controls).to.deep.equal(['models', 'seq-len', 'hidden-size', 'learning-rate', 'epochs']);
    expect(config.charts).to.deep.equal(['loss', 'prediction']);
  });

  it('parses every attribute', () => {
    const config = parseConfig({
      models: ' lstm  GRU mlp ', 'hidden-size': '64', 'seq-len': '30', 'learning-rate': '1e-3', epochs: '20',
      split: '0.7', seed: '42', src: 'data.csv', column: 'price', autostart: '', backend: 'wasm',
      controls: 'none', charts: 'loss', sweep: 'seq-len 10 20 30', pace: '10',
    });
    expect(config).to.deep.include({
      models: ['lstm', 'gru', 'mlp'], hiddenSize: 64, seqLen: 30, learningRate: 0.001, epochs: 20, split: 0.7,
      seed: 42, src: 'data.csv', column: 'price', autostart: true, backend: 'wasm', pace: 10,
    });
    expect(config.controls).to.deep.equal([]);
    expect(config.charts).to.deep.equal(['loss']);
    expect(config.sweep).to.deep.equal({ param: 'seq-len', values: [10, 20, 30] });
  });

  it('reads a numeric column as a 0-based index', () => {
    expect(parseConfig({ column: '2' }).column).to.equal(2);
  });

  const invalid: Array<[string, string]> = [
    ['hidden-size', '0'], ['hidden-size', '257'], ['hidden-size', '16.5'], ['hidden-size', 'abc'],
    ['seq-len', '0'], ['seq-len', '-3'], ['seq-len', ''], ['seq-len', '0x10'], ['seq-len', 'Infinity'],
    ['learning-rate', '0'], ['learning-rate', '1.5'], ['learning-rate', 'NaN'],
    ['epochs', '0'], ['epochs', '100001'], ['split', '0.05'], ['split', '0.96'], ['seed', '-1'],
    ['models', ''], ['models', 'gru gru'], ['models', 'transformer'], ['models', 'gru lstm rnn mlp gru'],
    ['backend', 'gpu'], ['controls', 'everything'], ['charts', 'pie'], ['sweep', 'colour 1 2'],
    ['sweep', 'seq-len'], ['sweep', 'seq-len 10 -5'], ['pace', '0'], ['pace', 'fast'], ['column', ' '],
    ['reference', '{"gru": 0.36'], ['reference', '{"transformer": 0.5}'], ['reference', '{"gru": 0}'],
    ['reference', '{"gru": -0.1}'], ['reference', '{"gru": "0.36"}'], ['reference', '[0.36]'], ['reference', '{}'],
    ['reference', '0.3646'],
  ];
  for (const [attribute, value] of invalid) {
    it(`rejects ${attribute}="${value}" with invalid-attribute naming the attribute`, () => {
      const error = rnnLabErrorOf(() => parseConfig({ [attribute]: value }));
      expect(error.code).to.equal('invalid-attribute');
      expect(error.params.attribute).to.equal(attribute);
      expect(error.message).to.contain(value.trim() === '' ? '“' : value);
    });
  }

  it('reads reference as the page author\'s test MSE per model', () => {
    expect(parseConfig({ reference: '{"gru": 0.3646, "mlp": 0.5354}' }).reference).to.deep.equal({ gru: 0.3646, mlp: 0.5354 });
    expect(parseConfig({}).reference).to.equal(null);
    expect(parseConfig({ reference: ' ' }).reference).to.equal(null);
    expect(rnnLabErrorOf(() => parseConfig({ reference: '{"gru": 0}' })).message).to.contain('gru lstm rnn mlp');
  });

  it('says what range is allowed', () => {
    expect(rnnLabErrorOf(() => parseConfig({ 'hidden-size': '300' })).message).to.contain('from 1 to 256');
    expect(rnnLabErrorOf(() => parseConfig({ split: '2' })).message).to.contain('0.1').and.contain('0.95');
  });
});

describe('checkHyperparameters (the worker-side check)', () => {
  it('accepts the defaults and rejects what the attributes reject', () => {
    const ok = { hiddenSize: 16, seqLen: 20, learningRate: 5e-4, epochs: 150, split: 0.8, seed: 0 };
    expect(checkHyperparameters(ok)).to.equal(ok);
    expect(rnnLabErrorOf(() => checkHyperparameters({ ...ok, hiddenSize: 0 })).code).to.equal('invalid-attribute');
    expect(rnnLabErrorOf(() => checkHyperparameters({ ...ok, learningRate: NaN })).params.attribute).to.equal('learning-rate');
  });
});

describe('runSpecs', () => {
  it('makes one run per model, keyed by the model name', () => {
    const runs = runSpecs(parseConfig({ models: 'gru lstm' }));
    expect(runs.map((r) => r.key)).to.deep.equal(['gru', 'lstm']);
    expect(runs[1]).to.deep.include({ model: 'lstm', seqLen: 20, hiddenSize: 16 });
  });

  it('makes one run per model and sweep value, keyed MODEL@PARAM=VALUE', () => {
    const runs = runSpecs(parseConfig({ models: 'gru mlp', sweep: 'seq-len 20 30' }));
    expect(runs.map((r) => r.key)).to.deep.equal(['gru@seq-len=20', 'mlp@seq-len=20', 'gru@seq-len=30', 'mlp@seq-len=30']);
    expect(runs[2].seqLen).to.equal(30);
    const rates = runSpecs(parseConfig({ sweep: 'learning-rate 0.001 0.01' }));
    expect(rates.map((r) => r.learningRate)).to.deep.equal([0.001, 0.01]);
  });
});
