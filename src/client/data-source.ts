import type { SeriesSource } from '../core/series-source.js';

/** The data of `host`: its `src`, else a child `<script type="text/csv">`, else the default series. */
export function seriesSourceOf(host: Element, src: string | null, column: string | number): SeriesSource {
  if (src) return { kind: 'url', url: new URL(src, host.ownerDocument.baseURI).href, column };
  const script = host.querySelector(':scope > script[type="text/csv"]');
  if (script) return { kind: 'inline', text: script.textContent ?? '', column };
  return { kind: 'default' };
}
