// The files of rnn-lab's CDN build (dist/cdn/) that a packaged lesson carries.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError } from './errors.mjs';

const CDN = fileURLToPath(new URL('../../dist/cdn/', import.meta.url));
export const BACKENDS = ['cpu', 'wasm', 'webgl'];

/** The backends named by `--backends` (comma- or space-separated); the CPU one is always in. */
export function parseBackends(text, fallback) {
  if (text === undefined) return fallback;
  const names = text.split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((name) => !BACKENDS.includes(name));
  if (unknown.length > 0) throw new CliError(`--backends: unknown backend ${unknown.join(', ')} (choose from ${BACKENDS.join(', ')})`);
  return [...new Set(['cpu', ...names])];
}

/** Whether a file of dist/cdn/ belongs to a lesson using `backends`. */
function wanted(name, backends) {
  // rnn-lab.js and its lazy chunks (rnn-lab-gate-chart-….js, …), all small: a lesson's script may add any element.
  if (/^rnn-lab(-[\w.-]+)?\.js$/.test(name) || name === 'trainer.worker.js') return true;
  if (/^trainer-wasm-.*\.js$/.test(name) || /^tfjs-backend-wasm.*\.wasm$/.test(name)) return backends.includes('wasm');
  if (/^trainer-webgl-.*\.js$/.test(name)) return backends.includes('webgl');
  return false;
}

function cdnFile(name) {
  const path = CDN + name;
  if (!existsSync(path)) throw new CliError(`rnn-lab's build is missing ${path}: run "npm run build" first`);
  return path;
}

/** rnn-lab's files for `backends`: name -> contents. */
export function libraryFiles(backends) {
  cdnFile('rnn-lab.js');
  const names = readdirSync(CDN).filter((name) => wanted(name, backends));
  return new Map(names.map((name) => [name, readFileSync(CDN + name)]));
}

/** One file of the CDN build, as text. */
export const cdnText = (name) => readFileSync(cdnFile(name), 'utf8');
