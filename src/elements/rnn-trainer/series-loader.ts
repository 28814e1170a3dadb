import { seriesSourceOf } from '../../client/data-source.js';
import { workerPool } from '../../client/worker-pool.js';
import type { TrainerConfig } from '../../core/config.js';
import { sourceKey } from '../../core/series-source.js';

/**
 * A trainer's data: its `src` file, its inline CSV or the built-in series, read
 * and parsed in a worker. A URL is fetched again on every start (the worker
 * revalidates it with the server: `cache: 'no-cache'`), so a file that changed
 * is read anew; inline text and the built-in series are kept between starts.
 */
export class SeriesLoader {
  private readonly host: HTMLElement;
  private loaded: { key: string; series: Float32Array } | null = null;

  constructor(host: HTMLElement) {
    this.host = host;
  }

  async load(config: TrainerConfig): Promise<Float32Array> {
    const source = seriesSourceOf(this.host, config.src, config.column);
    const key = sourceKey(source);
    if (source.kind === 'url' || this.loaded?.key !== key) this.loaded = { key, series: await workerPool.loadSeries(source) };
    return this.loaded.series;
  }
}
