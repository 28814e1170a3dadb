import { propertyName, type Hyperparameters, type ModelKind, type TrainerConfig } from './config.js';
import type { RunSpec } from './protocol.js';

/**
 * The runs a configuration asks for: each model once, or, with a sweep, each
 * model at each value (key `MODEL@PARAM=VALUE`, e.g. `gru@seq-len=30`).
 */
export function runSpecs(config: TrainerConfig): RunSpec[] {
  const base: Hyperparameters = {
    hiddenSize: config.hiddenSize, seqLen: config.seqLen, learningRate: config.learningRate,
    epochs: config.epochs, split: config.split, seed: config.seed,
  };
  const { sweep } = config;
  // Every run of a sweep re-seeds and builds the models in the listed order, as a fresh notebook run would.
  const builtBefore = (index: number) => config.models.slice(0, index);
  if (!sweep) return config.models.map((model, i) => ({ key: model, model, ...base, builtBefore: builtBefore(i) }));
  const field = propertyName(sweep.param) as keyof Hyperparameters;
  return sweep.values.flatMap((value) =>
    config.models.map((model, i) => ({
      key: `${model}@${sweep.param}=${value}`, model, ...base, [field]: value, builtBefore: builtBefore(i),
    })),
  );
}

/** The model of a run key: `gru` for `gru` and for `gru@seq-len=30`. */
export function modelOfKey(key: string): ModelKind {
  return key.split('@')[0] as ModelKind;
}
