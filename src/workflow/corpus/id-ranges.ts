/**
 * A set of integer ids kept as sorted, disjoint ranges. An ingest run
 * remembers every letter id it wrote, to tell a duplicate of its own letters
 * from one stored before it; the ids of a run come in long consecutive runs
 * (a batch's new letters get consecutive ids), so a million of them fit in a
 * few thousand ranges where a Set of numbers holds 20 MB (measured; twice
 * that while it grows).
 */
export class IdRanges {
  /** Range starts and (inclusive) ends, sorted, not touching: starts[i] <= ends[i] < starts[i+1] - 1. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** How many ranges hold the ids (for tests and memory checks). */
  get rangeCount(): number {
    return this.starts.length;
  }

  /** Index of the last range starting at or before `id`, or -1. */
  private floor(id: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= id) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  has(id: number): boolean {
    const i = this.floor(id);
    return i >= 0 && id <= this.ends[i]!;
  }

  add(id: number): void {
    const last = this.starts.length - 1;
    // The common case first: the next id after the newest range.
    if (last >= 0 && id === this.ends[last]! + 1) {
      this.ends[last] = id;
      return;
    }
    const i = this.floor(id);
    if (i >= 0 && id <= this.ends[i]!) return;
    const joinsLeft = i >= 0 && this.ends[i]! + 1 === id;
    const joinsRight = i + 1 < this.starts.length && this.starts[i + 1]! - 1 === id;
    if (joinsLeft && joinsRight) {
      this.ends[i] = this.ends[i + 1]!;
      this.starts.splice(i + 1, 1);
      this.ends.splice(i + 1, 1);
    } else if (joinsLeft) this.ends[i] = id;
    else if (joinsRight) this.starts[i + 1] = id;
    else {
      this.starts.splice(i + 1, 0, id);
      this.ends.splice(i + 1, 0, id);
    }
  }
}
