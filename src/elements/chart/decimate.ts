/**
 * Which points of `values[from..to)` to draw on a plot `columns` pixels wide. When
 * they fit (two per pixel column), all of them; otherwise, per column, the lowest
 * and the highest point, in order: the drawing keeps every spike and every dip of
 * a million-point series, at the cost of a few thousand points.
 */
export function decimate(values: ArrayLike<number>, from: number, to: number, columns: number): number[] {
  const start = Math.max(0, Math.floor(from));
  const end = Math.min(values.length, Math.ceil(to));
  const count = end - start;
  const buckets = Math.max(1, Math.floor(columns));
  if (count <= 2 * buckets) return Array.from({ length: Math.max(0, count) }, (_, i) => start + i);
  const picked: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const lo = start + Math.floor((b * count) / buckets);
    const hi = start + Math.floor(((b + 1) * count) / buckets);
    let low = lo;
    let high = lo;
    for (let i = lo + 1; i < hi; i++) {
      if (values[i] < values[low]) low = i;
      if (values[i] > values[high]) high = i;
    }
    if (low === high) picked.push(low);
    else picked.push(Math.min(low, high), Math.max(low, high));
  }
  return picked;
}
