import { expect } from '@open-wc/testing';
import { ThinnedHistory } from '../../src/core/thinned-history.js';

function pushed(max: number, count: number): number[] {
  const history = new ThinnedHistory<number>(max);
  for (let epoch = 1; epoch <= count; epoch++) history.push(epoch);
  return history.entries();
}

describe('ThinnedHistory', () => {
  it('keeps every entry while there are at most `max`', () => {
    expect(pushed(200, 150)).to.deep.equal(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(pushed(200, 200)).to.have.length(200);
  });

  it('never holds more than `max` entries, however many are pushed, and always the first and the newest', () => {
    for (const count of [201, 399, 1000, 12345]) {
      const kept = pushed(200, count);
      expect(kept.length, `${count}`).to.be.at.most(200);
      expect(kept.length, `${count}`).to.be.above(100);
      expect(kept[0]).to.equal(1);
      expect(kept.at(-1)).to.equal(count);
    }
  });

  it('keeps the entries evenly spread: one stride between all but the newest', () => {
    const kept = pushed(200, 1000);
    const gaps = new Set(kept.slice(0, -1).map((e, i) => (i === 0 ? null : e - kept[i - 1])).filter((g) => g !== null));
    expect([...gaps]).to.deep.equal([8]);
  });
});
