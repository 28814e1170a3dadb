import { expect } from '@open-wc/testing';
import { parseSeries } from '../../src/core/csv.js';
import { sineSeries } from '../../src/core/default-series.js';
import { createPrng } from '../../src/core/prng.js';

describe('createPrng', () => {
  it('repeats for the same seed and stream, and differs across streams and seeds', () => {
    const draw = (seed: number, stream: string) => Array.from({ length: 5 }, createPrng(seed, stream).next);
    expect(draw(0, 'gru')).to.deep.equal(draw(0, 'gru'));
    expect(draw(0, 'gru')).not.to.deep.equal(draw(0, 'lstm'));
    expect(draw(0, 'gru')).not.to.deep.equal(draw(1, 'gru'));
  });

  it('draws uniform values in range and standard normal values', () => {
    const prng = createPrng(7, 'test');
    const uniform = Array.from({ length: 10000 }, () => prng.uniform(-0.25, 0.25));
    expect(Math.min(...uniform)).to.be.at.least(-0.25);
    expect(Math.max(...uniform)).to.be.below(0.25);
    const normal = Array.from({ length: 20000 }, prng.gaussian);
    const mean = normal.reduce((a, b) => a + b) / normal.length;
    const sd = Math.sqrt(normal.reduce((a, b) => a + (b - mean) ** 2, 0) / normal.length);
    expect(Math.abs(mean)).to.be.below(0.03);
    expect(Math.abs(sd - 1)).to.be.below(0.03);
  });
});

describe('sineSeries', () => {
  it('is the textbook series: 1000 points, period 200, drift 0.0004, noise sigma 0.05', () => {
    const y = sineSeries();
    expect(y.length).to.equal(1000);
    const residuals = Array.from(y, (v, t) => v - Math.sin((2 * Math.PI * t) / 200) - 0.0004 * t);
    const sd = Math.sqrt(residuals.reduce((a, r) => a + r * r, 0) / residuals.length);
    expect(sd).to.be.within(0.045, 0.055);
  });

  it('is exactly what data/sine-1000.csv holds', async () => {
    const text = await (await fetch('/data/sine-1000.csv')).text();
    expect(Array.from(parseSeries(text))).to.deep.equal(Array.from(sineSeries()));
  });
});
