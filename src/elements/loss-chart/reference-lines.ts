import type uPlot from 'uplot';
import { parseConfig, type ModelKind } from '../../core/config.js';
import type { Theme } from '../chart/colours.js';
import { runColours } from '../chart/colours.js';
import type { LocalizeController } from '../../i18n/localize.js';
import { modelOfKey } from '../../core/runs.js';

/** The page author's reference test MSE per model. */
export type Reference = Partial<Record<ModelKind, number>>;

/** A trainer's `reference`, read with the trainer's own validator; none while it is invalid (the trainer reports that). */
export function readReference(source: HTMLElement): Reference {
  try {
    return parseConfig({ reference: source.getAttribute('reference') }).reference ?? {};
  } catch {
    return {};
  }
}

/** The models of `reference` that have a run among `keys` (`gru`, `gru@seq-len=30`), in the reference's order. */
export function referencedModels(reference: Reference, keys: string[]): ModelKind[] {
  const trained = new Set(keys.map(modelOfKey));
  return (Object.keys(reference) as ModelKind[]).filter((model) => trained.has(model));
}

/** Only the last point of a line is marked: the line's end, where the curves finish, reads as "this is the target". */
const lastPoint: uPlot.Series.Points.Filter = (chart, seriesIdx) => {
  const length = chart.data[seriesIdx]?.length ?? 0;
  return length ? [length - 1] : null;
};

/**
 * One horizontal line per referenced model, in its model's colour, dotted and
 * marked at its end, labelled as the page author's reference: series for the
 * loss chart's uPlot, and their data columns (the value at every epoch).
 */
export function referenceLines(
  reference: Reference, keys: string[], epochs: number, theme: Theme, i18n: LocalizeController,
): { series: uPlot.Series[]; data: number[][] } {
  const models = referencedModels(reference, keys);
  const colours = runColours(theme, models);
  return {
    series: models.map((model) => ({
      label: i18n.t('chart.loss.reference', { model: i18n.runLabel(model) }),
      stroke: colours.get(model)!,
      width: 1.5,
      dash: [2, 4],
      points: { show: true, size: 8, width: 1.5, fill: theme.bg, filter: lastPoint },
    })),
    data: models.map((model) => new Array<number>(epochs).fill(reference[model]!)),
  };
}
