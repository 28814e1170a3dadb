// `rnn-lab package LESSON.html --single OUT.html`: one HTML file that needs no
// other file and no network. rnn-lab runs from an inline module script: the build's
// dist/cdn/anywidget.js, which is rnn-lab with no lazy chunks (an inline script has no
// folder to import them from) and the worker's source inside, put where rnn-lab starts
// the worker from, as a blob: or data: module (see src/client/start-worker.ts,
// inlineResources()); the page's files (CSV, weights, images, styles) become data:
// URLs, which fetch() reads like any other URL, in the page and in the worker.
import { readFileSync } from 'node:fs';
import { CliError } from './errors.mjs';
import { cdnText } from './library.mjs';
import { cssReferences, mimeOf, readLesson, rewrite } from './page.mjs';

/** rnn-lab and its worker in one module with no chunks: the anywidget build. */
const SELF_CONTAINED = 'anywidget.js';

const dataUrl = (bytes, mime) => `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

/** A file as a data: URL; a stylesheet with its own url()s inlined first. */
function inlined(file) {
  if (!file.toLowerCase().endsWith('.css')) return dataUrl(readFileSync(file), mimeOf(file));
  const { css, refs } = cssReferences(file);
  return dataUrl(rewrite(css, refs, (ref) => inlined(ref.file)), 'text/css');
}

/**
 * Script text safe inside <script>...</script>: the HTML parser ends a script at
 * `</script` and changes state at `<!--` and `<script`, wherever they are. In
 * rnn-lab's build they occur only inside strings and templates, where `\x3C` is `<`.
 */
export function scriptText(source) {
  return source.replace(/<(\/script|!--|script)/gi, '\\x3C$1');
}

/** The single file's HTML. */
export function singleHtml(lessonPath, backends) {
  if (backends.some((name) => name !== 'cpu')) {
    throw new CliError('--single carries the CPU backend only: its worker runs from a blob: URL, '
      + 'from which the wasm and webgl backends\' lazy files cannot load. Use --scorm for them.');
  }
  const lesson = readLesson(lessonPath);
  const scripts = `<script type="module">${scriptText(cdnText(SELF_CONTAINED))}</script>`;
  const refs = [
    ...lesson.references.map((ref) => ({ ...ref, replacement: inlined(ref.file) })),
    { start: lesson.library.tagStart, end: lesson.library.tagEnd, replacement: scripts },
  ];
  return rewrite(lesson.html, refs, (ref) => ref.replacement);
}
