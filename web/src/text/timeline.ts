import type { StatsRow } from '../api/types.js';

/** A stretch of months with no decision longer than this is shown as one gap, not as empty months. */
export const MAX_EMPTY_MONTHS = 3;

/** A timeline point: a month ("2017-01"), or a gap ("gap:2014-06:2016-11", the first and last empty month). */
export type TimelineRow = StatsRow;

function nextMonth(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function prevMonth(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The months of the data in order, a short run of months without decisions
 * kept (as zero) so that the axis stays even, a long one (the corpus holds
 * a letter of 2014 and then letters of 2016–2017) made one "gap" point, so
 * the months with data are not squashed into a corner of the chart.
 */
export function timeline(rows: readonly StatsRow[]): TimelineRow[] {
  const byKey = new Map(rows.filter((r) => r.key !== null).map((r) => [r.key!, r]));
  const keys = [...byKey.keys()].sort();
  const out: TimelineRow[] = [];
  for (const [i, key] of keys.entries()) {
    if (i > 0) {
      const prev = keys[i - 1]!;
      const empty: string[] = [];
      for (let k = nextMonth(prev); k < key && empty.length <= MAX_EMPTY_MONTHS; k = nextMonth(k)) empty.push(k);
      if (empty.length > MAX_EMPTY_MONTHS) out.push({ key: `gap:${nextMonth(prev)}:${prevMonth(key)}`, items: 0, upheld: 0, overturned: 0, upheldPct: 0 });
      else for (const k of empty) out.push({ key: k, items: 0, upheld: 0, overturned: 0, upheldPct: 0 });
    }
    out.push(byKey.get(key)!);
  }
  return out;
}
