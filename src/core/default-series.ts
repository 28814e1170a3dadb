import { createPrng } from './prng.js';

/** Parameters of the textbook's series `y_t = sin(2 pi t / period) + drift t + noise`. */
export interface SineSeriesOptions {
  length: number;
  period: number;
  drift: number;
  /** Standard deviation of the Gaussian noise. */
  noise: number;
  seed: number;
}

export const DEFAULT_SERIES: SineSeriesOptions = {
  length: 1000,
  period: 200,
  drift: 0.0004,
  noise: 0.05,
  seed: 0,
};

/**
 * The default series of `<rnn-trainer>` and of `data/sine-1000.csv`: a noisy,
 * slowly rising sine wave, deterministic for a given seed.
 */
export function sineSeries(options: Partial<SineSeriesOptions> = {}): Float32Array {
  const { length, period, drift, noise, seed } = { ...DEFAULT_SERIES, ...options };
  const prng = createPrng(seed, 'sine-series');
  const series = new Float32Array(length);
  for (let t = 0; t < length; t++) {
    series[t] = Math.sin((2 * Math.PI * t) / period) + drift * t + noise * prng.gaussian();
  }
  return series;
}
