import * as Comlink from 'comlink';
import { MODEL_KINDS } from '../../src/core/config.js';
import type { RunSpec, TrainerWorkerApi } from '../../src/core/protocol.js';

/** A small run of the textbook's settings (3 epochs), and one of it for every model. */
export const RUN = { hiddenSize: 16, seqLen: 20, learningRate: 5e-4, epochs: 3, split: 0.8, seed: 0 };
export const EVERY_MODEL: RunSpec[] = MODEL_KINDS.map((model) => ({ ...RUN, key: model, model }));

/**
 * The built worker (dist/trainer.worker.js) behind Comlink, a new one for each test
 * of the `describe` that calls this: `api` is the current test's, `jobId()` a fresh
 * job id.
 */
export function workerPerTest(prefix: string): { readonly api: Comlink.Remote<TrainerWorkerApi>; jobId(): string } {
  let worker: Worker;
  let api: Comlink.Remote<TrainerWorkerApi>;
  let jobs = 0;
  beforeEach(() => {
    worker = new Worker('/dist/trainer.worker.js', { type: 'module' });
    api = Comlink.wrap<TrainerWorkerApi>(worker);
  });
  afterEach(() => worker.terminate());
  return { get api() { return api; }, jobId: () => `${prefix}-${++jobs}` };
}
