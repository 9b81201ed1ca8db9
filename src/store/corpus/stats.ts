import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { hasLetterConditions, itemScope, whereLetters, type CorpusFilters } from '../search/filters.js';
import { isEmptyQuery, parseTextQuery } from '../search/fts-query.js';
import type { Database } from '../schema.js';
import type { SearchIndex } from '../search/search-index.js';
import { jsonElements, SECTION_SEPARATOR } from './facet-counts.js';

/** What statistics may be grouped by: the store, the CLI's --by and the API's ?by= take this list. */
export const STATS_DIMENSIONS = ['category', 'drug', 'product', 'drug-class', 'guideline', 'section', 'specialty', 'year', 'month', 'decision'] as const;
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
 * distinct document the IMR reviewer cited; `section` once per distinct
 * document and section the IMR reviewer cited, keyed "document § section"
 * (a citation naming no section counts under none); `specialty` once per distinct
 * board certification or subspecialty of the letter's reviewer; `month` is
 * the decision date's `YYYY-MM` (outcomes over time).
 */
export async function itemStats(db: Kysely<Database>, index: SearchIndex, by: StatsDimension, filters: StatsFilters = {}, within: RawBuilder<SqlBool> | null = null): Promise<StatsRow[]> {
  if (countable(filters)) return countedStats(db, by, filters);
  return scanStats(db, index, by, filters, within);
}

/**
 * The same counts as itemStats, by grouping every item the filters admit:
 * for filters the counted statistics do not cover (drug, guideline,
 * specialty, case number, a text query), and as the reference the counted statistics are tested against.
 */
export async function scanStats(db: Kysely<Database>, index: SearchIndex, by: StatsDimension, filters: StatsFilters = {}, within: RawBuilder<SqlBool> | null = null): Promise<StatsRow[]> {
  const text = filters.query ? parseTextQuery(filters.query) : undefined;
  // Items are counted straight from their table; letters are consulted
  // only for letter-level conditions (dates, specialty, text), through one
  // uncorrelated subquery, and for the year.
  let scope = itemScope(db, filters, 'collect');
  // The time budget, checked on every item read.
  if (within) scope = scope.where(within);
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
    case 'section': {
      // Once per item and document section, however often the item cites it.
      const sections = sql<{ item_id: number; section: string }>`(
        SELECT c.item_id, c.document || ${sql.lit(SECTION_SEPARATOR)} || j.value AS section
        FROM citations c, ${jsonElements(db, sql.ref('c.sections'))}
        WHERE c.role = 'imr' AND lower(c.document) NOT LIKE 'http%' AND lower(c.document) NOT LIKE 'www.%')`;
      rows = await scope
        .innerJoin(sections.as('cs'), (join) => join.onRef('cs.item_id', '=', 'i.id'))
        .select([
          'cs.section as key',
          sql<number | string>`count(DISTINCT i.id)`.as('items'),
          sql<number | string>`count(DISTINCT case when i.decision = 'upheld' then i.id end)`.as('upheld'),
        ])
        .groupBy('cs.section')
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
  return toStatsRows(rows);
}

function toStatsRows(rows: readonly { key: string | number | null; items: number | string; upheld: number | string | null }[]): StatsRow[] {
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

function clean(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/** True when the counted statistics answer these filters: none but decision date, category and decision. */
export function countable(f: StatsFilters): boolean {
  const isoDate = (d: string | undefined) => d === undefined || /^\d{4}-\d{2}-\d{2}$/.test(d);
  return (
    [f.drug, f.guideline, f.specialty, f.caseNumber].every((v) => clean(v) === undefined) &&
    isoDate(clean(f.from)) &&
    isoDate(clean(f.to)) &&
    (!f.query || isEmptyQuery(parseTextQuery(f.query)))
  );
}

/** `YYYY-MM` after (+1) or before (-1) `month`. */
function shiftMonth(month: string, by: 1 | -1): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + by;
  const d = new Date(Date.UTC(y, m, 1));
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The last day of `month` (`YYYY-MM-DD`). */
function monthEnd(month: string): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
  return `${month}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/**
 * A decision-date range split into the whole months facet_counts answers and
 * the days at its ends (part of a month) that facet_day_counts answers.
 */
export function splitRange(from: string | undefined, to: string | undefined): { months: { from?: string; to?: string } | null; edges: { from: string; to: string }[] } {
  if (!from && !to) return { months: {}, edges: [] };
  // Whole months from the first that starts on or after `from`, to the last that ends on or before `to` (ISO text compares as dates).
  const first = from === undefined ? undefined : from <= `${from.slice(0, 7)}-01` ? from.slice(0, 7) : shiftMonth(from.slice(0, 7), 1);
  const last = to === undefined ? undefined : to >= monthEnd(to.slice(0, 7)) ? to.slice(0, 7) : shiftMonth(to.slice(0, 7), -1);
  if (first !== undefined && last !== undefined && first > last) {
    // No whole month inside: the range is counted from the items.
    return { months: null, edges: from! <= to! ? [{ from: from!, to: to! }] : [] };
  }
  const edges: { from: string; to: string }[] = [];
  if (from !== undefined && first !== from.slice(0, 7)) edges.push({ from, to: monthEnd(from.slice(0, 7)) });
  if (to !== undefined && last !== to.slice(0, 7)) edges.push({ from: `${to.slice(0, 7)}-01`, to });
  return { months: { ...(first ? { from: first } : {}), ...(last ? { to: last } : {}) }, edges };
}

/**
 * itemStats from the counts: the whole months of the range from
 * facet_counts, the days at its ends that cut a month from facet_day_counts.
 * No item is read.
 */
async function countedStats(db: Kysely<Database>, by: StatsDimension, f: StatsFilters): Promise<StatsRow[]> {
  const category = clean(f.category)?.toLowerCase() as StatsFilters['category'];
  const decision = clean(f.decision) as StatsFilters['decision'];
  const { months, edges } = splitRange(clean(f.from), clean(f.to));
  const acc = new Map<string | null, { items: number; upheld: number }>();
  const add = (rows: readonly { key: string; items: number | string; upheld: number | string }[]) => {
    for (const r of rows) {
      const key = r.key === '' && (by === 'year' || by === 'month') ? null : r.key;
      const a = acc.get(key) ?? { items: 0, upheld: 0 };
      a.items += Number(r.items);
      a.upheld += Number(r.upheld);
      acc.set(key, a);
    }
  };
  if (months) add(await countedQuery(db, by, { category, decision, months }).execute());
  for (const days of edges) add(await countedDaysQuery(db, by, { category, decision, days }).execute());
  return toStatsRows([...acc].filter(([, a]) => a.items > 0).map(([key, a]) => ({ key, items: a.items, upheld: a.upheld })));
}

/** The facet whose rows answer `by`: month and decision read the category rows (each item has exactly one category). */
function facetOf(by: StatsDimension): Exclude<StatsDimension, 'month' | 'decision'> {
  return by === 'month' || by === 'decision' ? 'category' : by;
}

const upheldItems = sql<number | string>`sum(case when fc.decision = 'upheld' then fc.items else 0 end)`;

/** The grouped read of facet_counts for one statistic (exported for the SQL snapshot tests). */
export function countedQuery(db: Kysely<Database>, by: StatsDimension, f: { category?: string | undefined; decision?: StatsFilters['decision']; months?: { from?: string; to?: string } }) {
  const key = by === 'month' ? sql.ref<string>('fc.month') : by === 'decision' ? sql.ref<string>('fc.decision') : sql.ref<string>('fc.value');
  let q = db.selectFrom('facet_counts as fc').where('fc.facet', '=', facetOf(by));
  if (f.category) q = q.where('fc.category', '=', f.category);
  if (f.decision) q = q.where('fc.decision', '=', f.decision);
  // '' (no decision date) sorts before every month: a range leaves it out.
  if (f.months?.from) q = q.where('fc.month', '>=', f.months.from);
  if (f.months?.to) q = q.where('fc.month', '<=', f.months.to).where('fc.month', '<>', '');
  return q.select([key.as('key'), sql<number | string>`sum(fc.items)`.as('items'), upheldItems.as('upheld')]).groupBy(key);
}

/** The grouped read of facet_day_counts for the days `days.from` to `days.to` (part of one month, or less). */
export function countedDaysQuery(db: Kysely<Database>, by: StatsDimension, f: { category?: string | undefined; decision?: StatsFilters['decision']; days: { from: string; to: string } }) {
  const key = by === 'month' ? sql<string>`substr(fc.day, 1, 7)` : by === 'decision' ? sql.ref<string>('fc.decision') : sql.ref<string>('fc.value');
  let q = db
    .selectFrom('facet_day_counts as fc')
    .where('fc.facet', '=', facetOf(by))
    // The primary key (facet, day, ...) makes this one contiguous range.
    .where('fc.day', '>=', f.days.from)
    .where('fc.day', '<=', f.days.to);
  if (f.category) q = q.where('fc.category', '=', f.category);
  if (f.decision) q = q.where('fc.decision', '=', f.decision);
  return q.select([key.as('key'), sql<number | string>`sum(fc.items)`.as('items'), upheldItems.as('upheld')]).groupBy(key);
}
