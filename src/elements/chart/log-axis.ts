import type uPlot from 'uplot';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹',
};

/** The power of ten `value` is, or null when it is none (a minor tick: 2, 3, … 9 of a decade). */
function decadeOf(value: number): number | null {
  const power = Math.round(Math.log10(value));
  return Math.abs(Math.log10(value) - power) < 1e-9 ? power : null;
}

/** A decade as a reader reads it: 1000, 100, 10, 1, 0.1, 0.01, and 10⁴, 10⁻³ past them. */
export function decadeLabel(power: number): string {
  if (power >= -2 && power <= 3) return String(Number(`1e${power}`));
  return `10${String(power).replace(/./g, (c) => SUPERSCRIPT[c])}`;
}

/**
 * A log y-axis that says only what a reader needs: a label and a grid line at each
 * decade, and lighter grid lines between them (`minorStroke`), without the column of
 * unlabelled minor ticks uPlot draws by default. Returns two axes on scale `y`:
 * the minor grid first, so that the decades draw over it.
 */
export function logAxes(axis: uPlot.Axis, minorStroke: string): uPlot.Axis[] {
  const decades: uPlot.Axis.Filter = (_chart, splits) => splits.map((v) => (decadeOf(v) === null ? null : v));
  const minors: uPlot.Axis.Filter = (_chart, splits) => splits.map((v) => (decadeOf(v) === null ? v : null));
  const grid = axis.grid ?? {};
  return [
    { scale: 'y', size: 0, gap: 0, values: (_chart, splits) => splits.map(() => ''),
      ticks: { show: false }, grid: { ...grid, stroke: minorStroke, filter: minors } },
    {
      ...axis,
      values: (_chart, splits) => splits.map((v) => {
        const power = decadeOf(v);
        return power === null ? '' : decadeLabel(power);
      }),
      ticks: { ...axis.ticks, filter: decades },
      grid: { ...grid, filter: decades },
    },
  ];
}
