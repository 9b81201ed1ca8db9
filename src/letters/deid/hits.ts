/** What kind of identifier was removed. */
export type RedactionCategory =
  | 'worker'
  | 'person'
  | 'provider'
  | 'organisation'
  | 'employer'
  | 'claims-administrator'
  | 'address'
  | 'phone'
  | 'claim-number'
  | 'record-number'
  | 'dob'
  | 'age'
  | 'email'
  | 'ssn'
  | 'url';

/** One identifier found: where it is and what it is. */
export interface Hit {
  category: RedactionCategory;
  start: number;
  end: number;
}

/** Every category, in the order of their codes in a `HitList`. */
export const CATEGORIES: readonly RedactionCategory[] = [
  'worker', 'person', 'provider', 'organisation', 'employer', 'claims-administrator', 'address', 'phone', 'claim-number', 'record-number', 'dob', 'age', 'email', 'ssn', 'url',
];
const CODE = Object.fromEntries(CATEGORIES.map((c, i) => [c, i])) as Record<RedactionCategory, number>;

/** Which category names a merged find: the case's own parties first, then the most specific shape. */
const PRIORITY: Record<RedactionCategory, number> = {
  worker: 9, 'claims-administrator': 8, employer: 8, provider: 8, dob: 7, ssn: 7, email: 7, url: 6, phone: 6, 'claim-number': 6, address: 5, age: 5,
  'record-number': 4, person: 3, organisation: 2,
};
const PRIORITY_BY_CODE = Uint8Array.from(CATEGORIES, (c) => PRIORITY[c]);

/**
 * Finds, in the order they were found, held in typed arrays: a hostile text
 * can give a million of them, which as objects kept alive until the merge
 * cost the garbage collector more than finding them. `push` takes a `Hit`
 * like an array does; the object is read and dropped at once.
 */
export class HitList {
  length = 0;
  start = new Int32Array(16);
  end = new Int32Array(16);
  /** Index into CATEGORIES. */
  category = new Uint8Array(16);

  push(h: Hit): void {
    this.add(CODE[h.category], h.start, h.end);
  }

  add(code: number, start: number, end: number): void {
    const k = this.length;
    if (k === this.start.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.category = grow(this.category);
    }
    this.start[k] = start;
    this.end[k] = end;
    this.category[k] = code;
    this.length = k + 1;
  }

  /** The finds as objects. */
  toArray(): Hit[] {
    const out: Hit[] = [];
    for (let k = 0; k < this.length; k++) out.push({ category: CATEGORIES[this.category[k]!]!, start: this.start[k]!, end: this.end[k]! });
    return out;
  }
}

/**
 * The order of the finds by start, the longer first at one start, and in
 * the order found when both are the same: a stable sort, as the merge needs
 * (at one place the first of two categories of equal priority names it).
 * Many finds are sorted by their start's two 16-bit digits, least
 * significant first (two stable counting passes, linear), then each run of
 * finds with the same start (a few at most: one per detector) by end; a few
 * finds by comparison.
 */
function sortedOrder(hits: HitList): Uint32Array {
  const n = hits.length;
  const { start, end } = hits;
  if (n < 256) {
    const order = Array.from({ length: n }, (_, k) => k);
    order.sort((a, b) => start[a]! - start[b]! || end[b]! - end[a]!);
    return Uint32Array.from(order);
  }
  let order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  let spare = new Uint32Array(n);
  const count = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    count.fill(0);
    for (let k = 0; k < n; k++) count[((start[k]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      spare[count[(start[i]! >>> shift) & 0xffff]!++] = i;
    }
    [order, spare] = [spare, order];
  }
  // Within one start, the later end first, else the order found: a stable insertion sort of each run.
  for (let k = 1; k < n; k++) {
    const i = order[k]!;
    const s = start[i]!;
    const e = end[i]!;
    let j = k - 1;
    while (j >= 0 && start[order[j]!] === s && end[order[j]!]! < e) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = i;
  }
  return order;
}

/**
 * Overlapping and touching finds merged: at one place the earliest start and
 * the furthest end win, named by the highest-priority category among them
 * (the first found of equal priorities). Linear after the sort.
 */
export function mergeHits(hits: HitList): HitList {
  const order = sortedOrder(hits);
  const kept = new HitList();
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const s = hits.start[i]!;
    const e = hits.end[i]!;
    const c = hits.category[i]!;
    const last = kept.length - 1;
    if (last >= 0 && s < kept.end[last]!) {
      if (e > kept.end[last]!) kept.end[last] = e;
      if (PRIORITY_BY_CODE[c]! > PRIORITY_BY_CODE[kept.category[last]!]!) kept.category[last] = c;
      continue;
    }
    kept.add(c, s, e);
  }
  return kept;
}
