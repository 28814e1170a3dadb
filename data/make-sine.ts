/**
 * Writes data/sine-1000.csv: the default series of <rnn-trainer>, 1000 points of
 * sin(2πt/200) + 0.0004·t + Gaussian noise (σ 0.05), like the textbook chapter's data;
 * one value per line, no header (numpy.loadtxt and the PyTorch reference read it).
 * Run with `npm run data`; the file is committed, and a test checks that it still
 * equals what the element generates.
 */
import { writeFileSync } from 'node:fs';
import { sineSeries } from '../src/core/default-series.js';
import { formatFloat32 } from '../src/core/csv.js';

const series = sineSeries();
const out = 'data/sine-1000.csv'; // npm scripts run from the package root
writeFileSync(out, Array.from(series, formatFloat32).join('\n') + '\n');
console.log(`wrote ${series.length} values to ${out}`);
