import type { RunSpec } from '../../core/protocol.js';
import { RnnLabError } from '../../core/errors.js';
import { fetchResource } from '../../core/series-source.js';
import { fromStateDict, modelOfStateDict } from '../../core/state-dict.js';

/**
 * What the `weights` attribute or property may hold: one model's PyTorch
 * `state_dict` (it applies to the runs of that model), or an object of them by
 * model name (`{gru: {...}, lstm: {...}}`).
 */
export type WeightsInput = Record<string, unknown>;

/** The state_dict meant for `model`, if `weights` holds one. */
function stateDictFor(weights: WeightsInput, model: string, models: string[]): unknown {
  if (models.some((m) => m in weights)) return weights[model];
  return modelOfStateDict(weights) === model ? weights : undefined;
}

/**
 * The runs, each starting from its weights when `weights` has some for its model.
 * Throws `invalid-weights` when the weights fit none of the models, or fit badly.
 */
export function withWeights(runs: RunSpec[], weights: WeightsInput | null): RunSpec[] {
  if (!weights) return runs;
  const models = [...new Set(runs.map((r) => r.model))];
  const used = runs.map((run) => {
    const dict = stateDictFor(weights, run.model, models);
    return dict === undefined ? run : { ...run, initialParameters: fromStateDict(dict, run.model, run.hiddenSize) };
  });
  if (used.every((run) => !run.initialParameters)) {
    // Says what is wrong with them for the first model (another model's, unknown keys, ...).
    fromStateDict(models.some((m) => m in weights) ? {} : weights, runs[0].model, runs[0].hiddenSize);
  }
  return used;
}

/** Fetches a weights file: `data-fetch` or `invalid-weights`. */
export async function fetchWeights(url: string): Promise<WeightsInput> {
  const text = await (await fetchResource(url, 'weights')).text();
  try {
    return JSON.parse(text);
  } catch {
    // Python's json.dump writes NaN and Infinity, which JSON has no words for.
    const token = /\b(-?Infinity|NaN)\b/.exec(text)?.[1];
    throw new RnnLabError('invalid-weights', token ? 'error.weightsNaN' : 'error.weightsNotJson', { url, token: token ?? '' });
  }
}
