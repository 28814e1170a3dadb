/**
 * A record per epoch, kept to at most `max` entries however long training runs:
 * when full, every other kept entry goes and from then on only every other new
 * one is kept, so the entries stay evenly spread from the first epoch on. The
 * newest entry is always the last, kept or not (a chart shows where training is).
 */
export class ThinnedHistory<T> {
  private kept: T[] = [];
  private newest: T | null = null;
  private stride = 1;
  private seen = 0;

  constructor(private readonly max: number) {}

  push(entry: T): void {
    if (this.seen++ % this.stride === 0) this.kept.push(entry);
    const apart = this.kept.at(-1) !== entry;
    // Full: every other kept entry goes, from the first, and from now on every other new one.
    if (this.kept.length + (apart ? 1 : 0) > this.max) {
      this.kept = this.kept.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
    }
    this.newest = this.kept.at(-1) === entry ? null : entry;
  }

  /** The entries, oldest first: at most `max`. */
  entries(): T[] {
    return this.newest ? [...this.kept, this.newest] : [...this.kept];
  }
}
