import { sql, type Kysely } from 'kysely';
import { itemScope, whereLetters, type CorpusFilters } from './filters.js';
import { parseTextQuery } from './fts-query.js';
import type { Database } from './schema.js';
import type { SearchIndex } from './search-index.js';

/** What to group disputed items by. */
export type StatsDimension = 'category' | 'drug' | 'guideline' | 'specialty' | 'year' | 'decision';

/** Filters for statistics: the search filters plus an optional text query. */
export interface StatsFilters extends CorpusFilters {
  /** Same syntax as search; restricts to letters matching it. */
  query?: string;
}

/** Outcome counts of the disputed items sharing one key. */
export interface StatsRow {
  /** The group's value; null for items without one (e.g. a letter with no dates, for `year`). */
  key: string | null;
  items: number;
  upheld: number;
  overturned: number;
  /** Upheld share in percent, one decimal. */
  upheldPct: number;
}

/**
 * Counts disputed items, and how many were upheld or overturned, per key.
 * `drug` counts an item once per generic ingredient; `guideline` once per
 * distinct document the IMR reviewer cited; `specialty` once per distinct
 * board certification or subspecialty of the letter's reviewer.
 */
export async function itemStats(db: Kysely<Database>, index: SearchIndex, by: StatsDimension, filters: StatsFilters = {}): Promise<StatsRow[]> {
  const text = filters.query ? parseTextQuery(filters.query) : undefined;
  const scope = whereLetters(itemScope(db, filters).innerJoin('letters as l', 'l.id', 'i.letter_id'), db, filters, index, text);
  const upheld = sql<number | string>`sum(case when i.decision = 'upheld' then 1 else 0 end)`;
  const counts = [sql<number | string>`count(*)`.as('items'), upheld.as('upheld')] as const;

  let rows: { key: string | number | null; items: number | string; upheld: number | string | null }[];
  switch (by) {
    case 'category':
      rows = await scope.select(['i.category as key', ...counts]).groupBy('i.category').execute();
      break;
    case 'decision':
      rows = await scope.select(['i.decision as key', ...counts]).groupBy('i.decision').execute();
      break;
    case 'year':
      rows = await scope.select(['l.year as key', ...counts]).groupBy('l.year').execute();
      break;
    case 'drug':
      rows = await scope
        .innerJoin('item_drugs as d', 'd.item_id', 'i.id')
        .select(['d.generic as key', ...counts])
        .groupBy('d.generic')
        .execute();
      break;
    case 'guideline': {
      const cited = db.selectFrom('citations').select(['item_id', 'document']).distinct().where('role', '=', 'imr');
      rows = await scope
        .innerJoin(cited.as('g'), 'g.item_id', 'i.id')
        .select(['g.document as key', ...counts])
        .groupBy('g.document')
        .execute();
      break;
    }
    case 'specialty': {
      const specs = db.selectFrom('letter_specialties').select(['letter_id', 'specialty']).distinct();
      rows = await scope
        .innerJoin(specs.as('s'), 's.letter_id', 'l.id')
        .select(['s.specialty as key', ...counts])
        .groupBy('s.specialty')
        .execute();
      break;
    }
  }
  return rows
    .map((r) => {
      const items = Number(r.items);
      const up = Number(r.upheld ?? 0);
      return {
        key: r.key === null ? null : String(r.key),
        items,
        upheld: up,
        overturned: items - up,
        upheldPct: items ? Math.round((1000 * up) / items) / 10 : 0,
      };
    })
    .sort((a, b) => b.items - a.items || String(a.key).localeCompare(String(b.key)));
}
