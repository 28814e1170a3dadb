import { parseSeriesAsync } from '../core/csv.js';
import { sineSeries } from '../core/default-series.js';
import { RnnLabError } from '../core/errors.js';

/** Where an element's data comes from: a URL, inline CSV text, or the default series. */
export type SeriesSource =
  | { kind: 'url'; url: string; column: string | number }
  | { kind: 'inline'; text: string; column: string | number }
  | { kind: 'default' };

/** A key that is equal for sources that give the same series (to skip reloading). */
export function sourceKey(source: SeriesSource): string {
  return JSON.stringify(source);
}

/** The source of `host`: its `src`, else a child `<script type="text/csv">`, else the default. */
export function seriesSourceOf(host: Element, src: string | null, column: string | number): SeriesSource {
  if (src) return { kind: 'url', url: new URL(src, host.ownerDocument.baseURI).href, column };
  const script = host.querySelector(':scope > script[type="text/csv"]');
  if (script) return { kind: 'inline', text: script.textContent ?? '', column };
  return { kind: 'default' };
}

async function fetchText(url: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    // fetch gives no detail for a refused connection or a CORS refusal, by design.
    throw new RnnLabError('data-fetch', 'error.fetchNetwork', { url });
  }
  if (!response.ok) {
    throw new RnnLabError('data-fetch', 'error.fetchStatus', { url, status: `${response.status} ${response.statusText}`.trim() });
  }
  return response.text();
}

/** Loads and parses a series without blocking the page: `data-fetch` or `data-parse` on failure. */
export async function loadSeries(source: SeriesSource, signal?: AbortSignal): Promise<Float32Array> {
  switch (source.kind) {
    case 'default':
      return sineSeries();
    case 'inline':
      if (!source.text.trim()) throw new RnnLabError('data-parse', 'error.inlineEmpty');
      return parseSeriesAsync(source.text, source.column);
    case 'url':
      return parseSeriesAsync(await fetchText(source.url, signal), source.column);
  }
}
