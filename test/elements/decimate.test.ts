import { expect } from '@open-wc/testing';
import { decimate } from '../../src/elements/chart/decimate.js';
import { decadeLabel } from '../../src/elements/chart/log-axis.js';

describe('decimate (what a long series draws)', () => {
  it('keeps every point when two per pixel column fit', () => {
    expect(decimate(new Float32Array(10), 0, 10, 5)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(decimate(new Float32Array(100), 20.5, 30, 50)).to.deep.equal([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
  });

  it('keeps each column`s lowest and highest point, in order, spikes included', () => {
    const values = Float32Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i / 1000));
    values[123_456] = 50;
    values[654_321] = -50;
    const picked = decimate(values, 0, values.length, 500);
    expect(picked.length).to.be.within(500, 1000);
    expect(picked).to.include(123_456).and.include(654_321);
    expect(picked.every((v, i) => i === 0 || v > picked[i - 1])).to.equal(true);
    for (let b = 0; b < 500; b++) {
      const column = Array.from(values.subarray(b * 2000, (b + 1) * 2000));
      const drawn = picked.filter((i) => i >= b * 2000 && i < (b + 1) * 2000).map((i) => values[i]);
      expect(Math.max(...drawn)).to.equal(Math.max(...column));
      expect(Math.min(...drawn)).to.equal(Math.min(...column));
    }
  });
});

describe('decadeLabel (the log axis)', () => {
  it('writes decades as readers read them, with powers past 0.01 and 1000', () => {
    expect([-6, -3, -2, -1, 0, 1, 3, 4].map(decadeLabel)).to.deep.equal(['10⁻⁶', '10⁻³', '0.01', '0.1', '1', '10', '1000', '10⁴']);
  });
});
