import { expect } from '@open-wc/testing';
import type { ModelKind } from '../../../src/core/config.js';
import { paramSpecs, sizeOf } from '../../../src/core/model-layout.js';
import { runSpecs } from '../../../src/core/runs.js';
import { parseConfig } from '../../../src/core/config.js';
import { TorchGenerator } from '../../../src/core/torch-generator.js';
import { initialParams } from '../../../workers/engine/params.js';

/** test/reference/init.json, written by make_init_fixtures.py with PyTorch 1.13. */
interface InitFixture {
  torch: string;
  cases: Array<{
    seed: number;
    hidden: number;
    models: ModelKind[];
    stateDicts: Record<string, Record<string, { shape: number[]; bits: string }>>;
  }>;
}

const fixture: InitFixture = await (await fetch('/test/reference/init.json')).json();

/** A tensor's float32 bit patterns, from the fixture's base64 little-endian bytes. */
function fixtureBits(base64: string): Uint32Array {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Uint32Array(bytes.buffer);
}

/** Where ours and PyTorch's bit patterns first differ, or null. */
function firstDifference(ours: Float32Array, theirs: Uint32Array): string | null {
  const bits = new Uint32Array(ours.buffer, ours.byteOffset, ours.length);
  if (bits.length !== theirs.length) return `length ${bits.length} vs ${theirs.length}`;
  const i = bits.findIndex((b, k) => b !== theirs[k]);
  return i < 0 ? null : `element ${i}: ${ours[i]} (0x${bits[i].toString(16)}) vs 0x${theirs[i].toString(16)}`;
}

describe(`initial parameters are PyTorch ${fixture.torch}'s after torch.manual_seed, bit for bit`, () => {
  it('covers at least five seeds, every model kind and several orders and hidden sizes', () => {
    expect(new Set(fixture.cases.map((c) => c.seed)).size).to.be.at.least(5);
    expect(new Set(fixture.cases.flatMap((c) => c.models))).to.have.keys('gru', 'lstm', 'rnn', 'mlp');
    expect(new Set(fixture.cases.map((c) => c.models.join(' '))).size).to.be.at.least(4);
    expect(new Set(fixture.cases.map((c) => c.hidden)).size).to.be.at.least(2);
  });

  for (const { seed, hidden, models, stateDicts } of fixture.cases) {
    it(`seed ${seed}, hidden ${hidden}, models "${models.join(' ')}": every tensor of every model`, () => {
      models.forEach((kind, i) => {
        const flat = initialParams(kind, hidden, seed, models.slice(0, i));
        let offset = 0;
        for (const spec of paramSpecs(kind, hidden)) {
          const size = sizeOf(spec.shape);
          const theirs = stateDicts[kind][spec.name];
          expect(theirs.shape, spec.name).to.deep.equal(spec.shape);
          const difference = firstDifference(flat.subarray(offset, offset + size), fixtureBits(theirs.bits));
          expect(difference, `${kind} ${spec.name}`).to.equal(null);
          offset += size;
        }
      });
    });
  }

  it('seeds mt19937 with the low 32 bits of the seed, as torch.manual_seed does', () => {
    const high = new TorchGenerator(2 ** 32 + 5);
    const low = new TorchGenerator(5);
    for (let i = 0; i < 700; i++) expect(high.nextUint32()).to.equal(low.nextUint32());
  });

  it('gives each run the models listed before it, and every sweep value re-seeds', () => {
    const config = parseConfig({ models: 'lstm gru', sweep: 'seq-len 20 30' });
    expect(runSpecs(config).map((run) => [run.key, run.builtBefore])).to.deep.equal([
      ['lstm@seq-len=20', []], ['gru@seq-len=20', ['lstm']],
      ['lstm@seq-len=30', []], ['gru@seq-len=30', ['lstm']],
    ]);
  });
});
