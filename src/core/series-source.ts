import { SeriesParser, parseSeries } from './csv.js';
import { sineSeries } from './default-series.js';
import { RnnLabError } from './errors.js';

/** Where a trainer's data comes from: a URL, inline CSV text, or the default series. */
export type SeriesSource =
  | { kind: 'url'; url: string; column: string | number }
  | { kind: 'inline'; text: string; column: string | number }
  | { kind: 'default' };

/** A key that is equal for sources that give the same series (to skip reloading). */
export function sourceKey(source: SeriesSource): string {
  return JSON.stringify(source);
}

/**
 * Fetches `url` (sending credentials only to the page's own origin), or throws
 * `data-fetch` saying which file (`what`: the data or the weights) could not be
 * read: the one way rnn-lab fetches a file. Every start fetches again, and
 * `cache: 'no-cache'` makes the browser revalidate its cached copy with the
 * server (a 304 when unchanged), so a file that changed is never read stale.
 */
export async function fetchResource(url: string, what: 'data' | 'weights' = 'data'): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-cache' });
  } catch {
    // fetch gives no detail for a refused connection or a CORS refusal, by design.
    throw new RnnLabError('data-fetch', what === 'data' ? 'error.fetchNetwork' : 'error.weightsFetchNetwork', { url });
  }
  if (!response.ok) {
    const status = `${response.status} ${response.statusText}`.trim();
    throw new RnnLabError('data-fetch', what === 'data' ? 'error.fetchStatus' : 'error.weightsFetchStatus', { url, status });
  }
  return response;
}

/**
 * Reads and parses a series: `data-fetch` or `data-parse` on failure. A file is
 * parsed as it streams in, so a large one is never one string. (The worker does
 * this, off the page's main thread.)
 */
export async function readSeries(source: SeriesSource): Promise<Float32Array> {
  switch (source.kind) {
    case 'default':
      return sineSeries();
    case 'inline':
      if (!source.text.trim()) throw new RnnLabError('data-parse', 'error.inlineEmpty');
      return parseSeries(source.text, source.column);
    case 'url': {
      const parser = new SeriesParser(source.column);
      const body = (await fetchResource(source.url)).body ?? new Blob([]).stream();
      const reader = (body as ReadableStream<BufferSource>).pipeThrough(new TextDecoderStream()).getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) parser.push(read.value);
      return parser.end();
    }
  }
}
