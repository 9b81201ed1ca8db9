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

/** Which category names a merged find: the case's own parties first, then the most specific shape. */
const PRIORITY: Record<RedactionCategory, number> = {
  worker: 9, 'claims-administrator': 8, employer: 8, provider: 8, dob: 7, ssn: 7, email: 7, url: 6, phone: 6, 'claim-number': 6, address: 5, age: 5,
  'record-number': 4, person: 3, organisation: 2,
};

/**
 * Overlapping and touching finds merged: at one place the earliest start and
 * the furthest end win, named by the highest-priority category among them. Sorting is the only
 * non-linear step (n log n in the number of finds).
 */
export function mergeHits(hits: Hit[]): Hit[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (last && h.start < last.end) {
      if (h.end > last.end) last.end = h.end;
      if (PRIORITY[h.category] > PRIORITY[last.category]) last.category = h.category;
      continue;
    }
    kept.push({ ...h });
  }
  return kept;
}
