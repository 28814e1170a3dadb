// Reads a lesson page for the packager: the <script> that loads rnn-lab, and the
// page's own files (images, CSV data, weights, styles) that it references by a
// relative URL. A light scanner of tags and attributes, not a full HTML parser:
// lesson pages are hand-written HTML, and the rewrite keeps every other byte as it was.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, relative, resolve, sep } from 'node:path';
import { CliError } from './errors.mjs';

/** Which attribute of which element names a file the page needs (`*`: any element). */
const ASSET_ATTRIBUTES = {
  src: ['img', 'source', 'audio', 'video', 'track', 'script', 'rnn-trainer', 'iframe', 'embed'],
  href: ['link'],
  weights: ['rnn-trainer'],
  poster: ['video'],
};

export const MIME_TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.csv': 'text/csv', '.txt': 'text/plain', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.ico': 'image/x-icon', '.mp4': 'video/mp4', '.webm': 'video/webm', '.mp3': 'audio/mpeg',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.vtt': 'text/vtt',
};

const TAG = /<([a-zA-Z][\w-]*)(\s(?:[^>"']|"[^"]*"|'[^']*')*)?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]+))\s*\)/g;

const isLocal = (url) => url !== '' && !/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url);

/** A relative URL's file, resolved against `dir`, without its query or fragment. */
function fileOf(url, dir, where) {
  if (url.startsWith('/')) {
    throw new CliError(`${where} references "${url}" from the site's root; the packager only follows URLs relative to the page`);
  }
  const path = decodeURIComponent(url.replace(/[?#].*$/, ''));
  return resolve(dir, path);
}

function checkExists(file, url, where) {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new CliError(`${where} references "${url}", but ${file} does not exist`);
  }
}

/** Where the `</name>` after `from` ends. */
function closingTagEnd(html, name, from) {
  const close = new RegExp(`</${name}\\s*>`, 'gi');
  close.lastIndex = from;
  const match = close.exec(html);
  return match ? match.index + match[0].length : html.length;
}

/**
 * The lesson page: its text, the rnn-lab <script> (where its `src` value sits, where
 * the whole element starts and ends), and every local file it references
 * (`{start, end, url, file}`: where the URL sits, and the file it names).
 */
export function readLesson(path) {
  const file = resolve(path);
  if (!existsSync(file)) throw new CliError(`${path} does not exist`);
  const html = readFileSync(file, 'utf8');
  const dir = dirname(file);
  let library = null;
  const references = [];
  for (const tag of html.matchAll(TAG)) {
    const name = tag[1].toLowerCase();
    const attrsStart = tag.index + 1 + tag[1].length;
    for (const attr of (tag[2] ?? '').matchAll(ATTRIBUTE)) {
      const value = attr[2] ?? attr[3] ?? attr[4];
      const attrName = attr[1].toLowerCase();
      if (value === undefined || !ASSET_ATTRIBUTES[attrName]?.includes(name)) continue;
      const valueOffset = attr[0].length - value.length - (attr[4] === undefined ? 1 : 0);
      const start = attrsStart + attr.index + valueOffset;
      const ref = { start, end: start + value.length, url: value };
      if (name === 'script' && /(^|\/)rnn-lab\.js([?#].*)?$/.test(value)) {
        library = { ...ref, tagStart: tag.index, tagEnd: closingTagEnd(html, 'script', start) };
      } else if (isLocal(value)) {
        references.push({ ...ref, file: fileOf(value, dir, path) });
      }
    }
  }
  if (!library) {
    throw new CliError(`${path} does not load rnn-lab: it needs a <script type="module" src=".../rnn-lab.js">`);
  }
  for (const ref of references) checkExists(ref.file, ref.url, path);
  return { file, dir, html, library, references };
}

/** The local files a stylesheet references with url(), each checked to exist. */
export function cssReferences(cssFile) {
  const css = readFileSync(cssFile, 'utf8');
  const refs = [];
  for (const match of css.matchAll(CSS_URL)) {
    const url = match[1] ?? match[2] ?? match[3];
    if (!isLocal(url)) continue;
    const start = match.index + match[0].indexOf(url);
    const file = fileOf(url, dirname(cssFile), cssFile);
    checkExists(file, url, cssFile);
    refs.push({ start, end: start + url.length, url, file });
  }
  return { css, refs };
}

/** Replaces each reference's URL text by `replacement(ref)`. */
export function rewrite(text, refs, replacement) {
  let out = '';
  let at = 0;
  for (const ref of [...refs].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, ref.start) + replacement(ref);
    at = ref.end;
  }
  return out + text.slice(at);
}

/** A file's path inside a package rooted at `dir`: as it is when inside, under `assets/` when not. */
export function packagedPath(file, dir) {
  const inside = relative(dir, file);
  if (!inside.startsWith('..') && !inside.startsWith(sep)) return inside.split(sep).join('/');
  return `assets/${relative(resolve('/'), file).split(sep).join('/')}`;
}

export const mimeOf = (file) => MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
