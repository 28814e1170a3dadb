import { expect } from '@open-wc/testing';
import { RnnLabError } from '../../src/core/errors.js';
import { checkSeriesFits, splitIndexOf, windowSequences } from '../../src/core/windows.js';

describe('splitIndexOf', () => {
  it('is floor(split * N), as the textbook`s int(0.8 * len(data))', () => {
    expect(splitIndexOf(1000, 0.8)).to.equal(800);
    expect(splitIndexOf(999, 0.8)).to.equal(799);
    expect(splitIndexOf(10, 0.95)).to.equal(9);
  });
});

describe('windowSequences', () => {
  it('gives 38 sequences for 800 training points at seqLen 20, and 25 at seqLen 30', () => {
    expect(windowSequences(new Float32Array(800), 20).count).to.equal(38);
    expect(windowSequences(new Float32Array(800), 30).count).to.equal(25);
  });

  it('cuts back-to-back windows of seqLen+1: input the first seqLen, target shifted by one', () => {
    const train = Float32Array.from({ length: 11 }, (_, i) => i);
    const { count, inputs, targets } = windowSequences(train, 2);
    expect(count).to.equal(3); // 0-2, 3-5, 6-8; 9 and 10 are dropped
    expect(Array.from(inputs)).to.deep.equal([0, 1, 3, 4, 6, 7]);
    expect(Array.from(targets)).to.deep.equal([1, 2, 4, 5, 7, 8]);
  });
});

describe('checkSeriesFits', () => {
  it('accepts a series with one training sequence and a test step', () => {
    expect(() => checkSeriesFits(1000, 20, 0.8)).not.to.throw();
    expect(() => checkSeriesFits(27, 20, 0.8)).not.to.throw(); // 21 train, 6 test
  });

  it('rejects a series too short for seq-len with data-too-short and the length needed', () => {
    try {
      checkSeriesFits(100, 200, 0.8);
      throw new Error('expected data-too-short');
    } catch (error) {
      expect((error as RnnLabError).code).to.equal('data-too-short');
      const needed = Number((error as RnnLabError).params.needed);
      expect(() => checkSeriesFits(needed, 200, 0.8)).not.to.throw();
      expect(() => checkSeriesFits(needed - 1, 200, 0.8)).to.throw();
    }
  });

  it('finds the length needed even for a huge seq-len', () => {
    expect(() => checkSeriesFits(1000, 1e12, 0.1)).to.throw(RnnLabError);
  });
});
