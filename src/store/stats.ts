import { sql, type Kysely, type SqlBool } from 'kysely';
import { hasLetterConditions, itemScope, whereLetters, type CorpusFilters } from './filters.js';
import { isEmptyQuery, parseTextQuery } from './fts-query.js';
import type { Database } from './schema.js';
import type { SearchIndex } from './search-index.js';

/** What to group disputed items by. */
/** What statistics may be grouped by: the store, the CLI's --by and the API's ?by= take this list. */
export const STATS_DIMENSIONS = ['category', 'drug', 'product', 'drug-class', 'guideline', 'specialty', 'year', 'month', 'decision'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

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
 * `drug` counts an item once per generic ingredient; `product` once by what
 * was requested (a combination such as "acetaminophen + hydrocodone" is its
 * own product, not "acetaminophen"); `drug-class` by its class; `guideline` once per
 * distinct document the IMR reviewer cited; `specialty` once per distinct
 * board certification or subspecialty of the letter's reviewer; `month` is
 * the decision date's `YYYY-MM` (outcomes over time).
 */
export async function itemStats(db: Kysely<Database>, index: SearchIndex, by: StatsDimension, filters: StatsFilters = {}): Promise<StatsRow[]> {
  const text = filters.query ? parseTextQuery(filters.query) : undefined;
  // Items are counted straight from their table; letters are consulted
  // only for letter-level conditions (dates, specialty, text), through one
  // uncorrelated subquery, and for the year.
  let scope = itemScope(db, filters, 'collect');
  if (hasLetterConditions(filters) || (text && !isEmptyQuery(text))) {
    scope = scope.where('i.letter_id', 'in', whereLetters(db.selectFrom('letters as l').select('l.id'), db, filters, index, text));
  }
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
      rows = await scope.innerJoin('letters as l', 'l.id', 'i.letter_id').select(['l.year as key', ...counts]).groupBy('l.year').execute();
      break;
    case 'month': {
      // YYYY-MM of the decision date (ISO text on both engines); null for a letter without one.
      const month = sql<string | null>`substr(l.date_decision, 1, 7)`;
      rows = await scope.innerJoin('letters as l', 'l.id', 'i.letter_id').select([month.as('key'), ...counts]).groupBy(month).execute();
      break;
    }
    case 'drug':
      rows = await scope
        .innerJoin('item_drugs as d', 'd.item_id', 'i.id')
        .select(['d.generic as key', ...counts])
        .groupBy('d.generic')
        .execute();
      break;
    case 'product':
      rows = await scope
        .where(sql<SqlBool>`EXISTS ${db.selectFrom('item_drugs as d').select(sql`1`.as('x')).where(sql.ref('d.item_id'), '=', sql.ref('i.id'))}`)
        .select(['i.treatment_name as key', ...counts])
        .groupBy('i.treatment_name')
        .execute();
      break;
    case 'drug-class':
      rows = await scope.where('i.drug_class', 'is not', null).select(['i.drug_class as key', ...counts]).groupBy('i.drug_class').execute();
      break;
    case 'guideline': {
      // Once per item and document: a later citation of the same document by the same item is skipped.
      const earlier = db
        .selectFrom('citations as c2')
        .select(sql`1`.as('x'))
        .where(sql.ref('c2.item_id'), '=', sql.ref('c.item_id'))
        .where('c2.role', '=', 'imr')
        .where(sql.ref('c2.document'), '=', sql.ref('c.document'))
        .where(sql.ref('c2.position'), '<', sql.ref('c.position'));
      rows = await scope
        .innerJoin('citations as c', 'c.item_id', 'i.id')
        .where('c.role', '=', 'imr')
        // A web address the reviewer cited (a drug label, an article online) is not a guideline document.
        .where(sql<SqlBool>`lower(c.document) NOT LIKE 'http%' AND lower(c.document) NOT LIKE 'www.%'`)
        .where(sql<SqlBool>`NOT EXISTS ${earlier}`)
        .select(['c.document as key', ...counts])
        .groupBy('c.document')
        .execute();
      break;
    }
    case 'specialty': {
      // Once per letter and specialty: a subspecialty also held as a board certification is counted once.
      const asBoard = db
        .selectFrom('letter_specialties as s2')
        .select(sql`1`.as('x'))
        .where(sql.ref('s2.letter_id'), '=', sql.ref('s.letter_id'))
        .where('s2.kind', '=', 'board')
        .where(sql.ref('s2.specialty'), '=', sql.ref('s.specialty'));
      rows = await scope
        .innerJoin('letter_specialties as s', 's.letter_id', 'i.letter_id')
        .where((eb) => eb.or([eb('s.kind', '=', 'board'), sql<SqlBool>`NOT EXISTS ${asBoard}`]))
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
