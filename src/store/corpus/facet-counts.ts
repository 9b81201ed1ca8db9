import { CompiledQuery, PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';
import { chunks, valuesList } from './multi-row.js';

/**
 * Outcome statistics already counted (migrations 0011 and 0012), in two
 * tables of the same shape:
 *
 * - `facet_counts`: per facet value, how many disputed items there are for
 *   each decision MONTH (`YYYY-MM`), category and decision;
 * - `facet_day_counts`: the same per decision DAY (`YYYY-MM-DD`), read only
 *   for the days at the ends of a date range that cut a month (a range from
 *   2016-03-15 reads March's 15th to 31st here and every whole month from
 *   `facet_counts`), so that no statistic groups items any more.
 *
 * A dashboard figure, with or without a filter on decision date, category
 * or decision, then sums a few rows of one facet instead of grouping every
 * item of the corpus (at a million letters, statistics by guideline took
 * seconds that way, and a range cutting a month a third of a second).
 *
 * The counts are changed in the same transaction as the letters they count
 * (insert: each letter's `counts`, delete: `removeFacetCounts`). One SQL
 * query (`facetDelta`) groups the letters' items exactly as the full-scan
 * query of stats.ts does, at day granularity; ingest computes the same rows
 * in JS from the rows it is about to write (`facetDeltaOfRows`, in the parse
 * workers), rather than reading them back; the month rows are those day
 * rows summed (`applyFacetDelta`), so both tables always agree with each
 * other and with the scan (stats and facet-counts tests check it on both
 * engines, and that the JS rows equal the SQL's for every sample letter).
 * Day and month without a value are stored as '' (key columns cannot be
 * null on PostgreSQL) and read back as null.
 *
 * Month and decision statistics need no facet of their own: every item has
 * exactly one category, so the `category` rows grouped by month or decision
 * count every item once.
 */
export type CountedFacet = 'category' | 'drug' | 'product' | 'drug-class' | 'guideline' | 'section' | 'specialty' | 'year';

export const COUNTED_FACETS: readonly CountedFacet[] = ['category', 'drug', 'product', 'drug-class', 'guideline', 'section', 'specialty', 'year'];

/**
 * One change to the counts: `items` (negative to uncount) disputed items of
 * `category` with `decision`, decided on `day` (`YYYY-MM-DD`, '' for a
 * letter without a decision date), having `value` for `facet`. The month
 * row it changes is `day.slice(0, 7)`. A caller computing its own deltas
 * (e.g. per ingest batch, in JS) passes rows of this shape to
 * `applyFacetDelta`; they must group as `facetDelta` does.
 */
export interface FacetDelta {
  facet: CountedFacet;
  value: string;
  day: string;
  category: string;
  decision: 'upheld' | 'overturned';
  items: number;
}

/** Between a guideline document and one of its sections in a `section` value: "Chronic Pain Medical Treatment Guidelines § Muscle relaxants". */
export const SECTION_SEPARATOR = ' § ';

/** Which engine a Kysely instance talks to, for the few SQL functions that differ (JSON arrays). */
export function engineOf(db: Kysely<any>): 'sqlite' | 'postgres' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * A FROM-clause item (to follow a comma) giving each string of the JSON
 * array `column` as `j.value`: SQLite's json_each, PostgreSQL's
 * jsonb_array_elements_text (both lateral to the items before them).
 */
export function jsonElements(db: Kysely<any>, column: RawBuilder<unknown>): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql`jsonb_array_elements_text(${column}::jsonb) AS j(value)` : sql`json_each(${column}) AS j`;
}

/**
 * The counts the items of `scope` (a condition on `i.letter_id`, or none:
 * every letter) contribute, as FacetDelta rows (facet, value, day,
 * category, decision, items).
 */
function facetDelta(db: Kysely<any>, scope: RawBuilder<unknown> | null): RawBuilder<FacetDelta> {
  const where = scope ? sql`WHERE ${scope}` : sql``;
  // Each branch groups as stats.ts's scan does for its dimension.
  return sql<FacetDelta>`
    WITH it AS (
      SELECT i.id, i.letter_id, i.category, i.decision, i.drug_class, i.treatment_name,
        coalesce(substr(l.date_decision, 1, 10), '') AS day,
        coalesce(cast(l.year AS text), '') AS year
      FROM items i INNER JOIN letters l ON l.id = i.letter_id ${where}
    )
    SELECT 'category' AS facet, it.category AS value, it.day, it.category, it.decision, count(*) AS items
      FROM it GROUP BY it.category, it.day, it.decision
    UNION ALL
    SELECT 'year', it.year, it.day, it.category, it.decision, count(*)
      FROM it GROUP BY it.year, it.day, it.category, it.decision
    UNION ALL
    SELECT 'drug-class', it.drug_class, it.day, it.category, it.decision, count(*)
      FROM it WHERE it.drug_class IS NOT NULL GROUP BY it.drug_class, it.day, it.category, it.decision
    UNION ALL
    SELECT 'drug', d.generic, it.day, it.category, it.decision, count(*)
      FROM it INNER JOIN item_drugs d ON d.item_id = it.id GROUP BY d.generic, it.day, it.category, it.decision
    UNION ALL
    SELECT 'product', it.treatment_name, it.day, it.category, it.decision, count(*)
      FROM it WHERE EXISTS (SELECT 1 FROM item_drugs d WHERE d.item_id = it.id)
      GROUP BY it.treatment_name, it.day, it.category, it.decision
    UNION ALL
    SELECT 'guideline', c.document, it.day, it.category, it.decision, count(*)
      FROM it INNER JOIN citations c ON c.item_id = it.id
      WHERE c.role = 'imr'
        AND lower(c.document) NOT LIKE 'http%' AND lower(c.document) NOT LIKE 'www.%'
        AND NOT EXISTS (SELECT 1 FROM citations c2 WHERE c2.item_id = c.item_id AND c2.role = 'imr' AND c2.document = c.document AND c2.position < c.position)
      GROUP BY c.document, it.day, it.category, it.decision
    UNION ALL
    SELECT 'section', c.document || ${sql.lit(SECTION_SEPARATOR)} || j.value, it.day, it.category, it.decision, count(DISTINCT it.id)
      FROM it INNER JOIN citations c ON c.item_id = it.id, ${jsonElements(db, sql.ref('c.sections'))}
      WHERE c.role = 'imr'
        AND lower(c.document) NOT LIKE 'http%' AND lower(c.document) NOT LIKE 'www.%'
      GROUP BY c.document || ${sql.lit(SECTION_SEPARATOR)} || j.value, it.day, it.category, it.decision
    UNION ALL
    SELECT 'specialty', s.specialty, it.day, it.category, it.decision, count(*)
      FROM it INNER JOIN letter_specialties s ON s.letter_id = it.letter_id
      WHERE s.kind = 'board'
        OR NOT EXISTS (SELECT 1 FROM letter_specialties s2 WHERE s2.letter_id = s.letter_id AND s2.kind = 'board' AND s2.specialty = s.specialty)
      GROUP BY s.specialty, it.day, it.category, it.decision`;
}

/** A guideline "document" that is a web address: cited, but not counted as a guideline (as facetDelta's `NOT LIKE` does, case-insensitively). */
const WEB_ADDRESS = /^(?:http|www\.)/i;

/** What facetDeltaOfRows reads of a letter's rows (rows.ts, LetterRows). */
export interface CountedLetterRows {
  letter: { date_decision?: string | null; year?: number | null };
  specialties: readonly { specialty: string; kind: 'board' | 'sub' }[];
  items: readonly {
    item: { category: string; decision: 'upheld' | 'overturned'; drug_class?: string | null; treatment_name: string };
    drugs: readonly string[];
    citations: readonly { role: 'imr' | 'claims'; position: number; document: string; sections: string }[];
  }[];
}

/**
 * The FacetDelta rows (items +1) one letter adds, computed from its rows
 * before they are written, grouped exactly as `facetDelta`'s SQL groups the
 * stored rows (facet-counts.test.ts compares the two on every sample letter):
 * ingest counts a batch without reading back what it just wrote.
 */
export function facetDeltaOfRows(rows: CountedLetterRows): FacetDelta[] {
  const day = rows.letter.date_decision?.slice(0, 10) ?? '';
  // cast(year AS text): an integer year's digits; a year that is not a number is stored NULL.
  const year = typeof rows.letter.year === 'number' && Number.isFinite(rows.letter.year) ? String(rows.letter.year) : '';
  // Board certifications, and subspecialties that are not also one: each specialty once per item.
  const specialties = new Set(rows.specialties.map((s) => s.specialty));
  const out = new Map<string, FacetDelta>();
  const add = (facet: CountedFacet, value: string, category: string, decision: 'upheld' | 'overturned') => {
    // The value last, after fields of closed sets without '|': no value can pose as another key.
    const key = facet + '|' + category + '|' + decision + '|' + value;
    const row = out.get(key);
    if (row) row.items += 1;
    else out.set(key, { facet, value, day, category, decision, items: 1 });
  };
  for (const { item, drugs, citations } of rows.items) {
    const { category, decision } = item;
    add('category', category, category, decision);
    add('year', year, category, decision);
    if (item.drug_class !== null && item.drug_class !== undefined) add('drug-class', item.drug_class, category, decision);
    for (const generic of drugs) add('drug', generic, category, decision);
    if (drugs.length > 0) add('product', item.treatment_name, category, decision);
    const documents = new Set<string>();
    const sections = new Set<string>();
    for (const c of citations) {
      if (c.role !== 'imr' || WEB_ADDRESS.test(c.document)) continue;
      documents.add(c.document);
      // Most citations name no section: no JSON to read for them.
      if (c.sections === '[]') continue;
      for (const section of JSON.parse(c.sections) as string[]) sections.add(c.document + SECTION_SEPARATOR + section);
    }
    for (const document of documents) add('guideline', document, category, decision);
    for (const section of sections) add('section', section, category, decision);
    for (const specialty of specialties) add('specialty', specialty, category, decision);
  }
  return [...out.values()];
}

/** Rows per statement at most: 6 parameters each, under every engine's parameter limit. */
const ROWS_PER_STATEMENT = 2_000;

/** Adds each row's items to `table`'s row of the same key, creating the rows not there yet. */
async function upsert(db: Kysely<Database>, table: 'facet_counts' | 'facet_day_counts', period: 'month' | 'day', rows: readonly (FacetDelta & { period: string })[]): Promise<void> {
  const engine = engineOf(db);
  // A few fixed statement sizes (chunks): a batch's count of rows is seldom seen twice, and preparing a
  // statement of thousands of parameters for each cost more than running it; SQLite's statement cache
  // also kept 256 such one-off statements (the ingest's memory grew by some 100 MB over 70,000 letters).
  for (const part of chunks(rows, 6, 6 * ROWS_PER_STATEMENT)) {
    const params: unknown[] = [];
    for (const r of part) params.push(r.facet, r.value, r.period, r.category, r.decision, r.items);
    // `table` and `period` are of the closed sets above, never user input.
    const text = `INSERT INTO ${table} (facet, value, ${period}, category, decision, items) VALUES ${valuesList(engine, part.length, 6)}
      ON CONFLICT (facet, value, ${period}, category, decision) DO UPDATE SET items = ${table}.items + excluded.items`;
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

/** Deletes the rows of `table` among `keys` that count nothing any more. */
async function dropEmpty(db: Kysely<Database>, table: 'facet_counts' | 'facet_day_counts', period: 'month' | 'day', keys: readonly (FacetDelta & { period: string })[]): Promise<void> {
  for (let i = 0; i < keys.length; i += ROWS_PER_STATEMENT) {
    const part = keys.slice(i, i + ROWS_PER_STATEMENT);
    // Only the rows touched, found by their primary key: never a pass over the whole table.
    const values = part.map((r) => sql`(${r.facet}, ${r.value}, ${r.period}, ${r.category}, ${r.decision})`);
    await sql`
      DELETE FROM ${sql.table(table)} WHERE items <= 0
        AND (facet, value, ${sql.ref(period)}, category, decision) IN (VALUES ${sql.join(values)})`.execute(db);
  }
}

/**
 * Applies `delta` (see FacetDelta) to both count tables, in the caller's
 * transaction: each row to its day's row, and the rows summed by month to
 * the month rows. Rows left counting nothing are deleted, so the tables hold
 * exactly the groups the stored letters have.
 */
export async function applyFacetDelta(db: Kysely<Database>, delta: readonly FacetDelta[]): Promise<void> {
  const days = new Map<string, FacetDelta & { period: string }>();
  const months = new Map<string, FacetDelta & { period: string }>();
  const add = (into: Map<string, FacetDelta & { period: string }>, key: string, r: FacetDelta, items: number, period: string) => {
    const row = into.get(key);
    if (row) row.items += items;
    else into.set(key, { facet: r.facet, value: r.value, day: r.day, category: r.category, decision: r.decision, items, period });
  };
  for (const r of delta) {
    const items = Number(r.items);
    if (items === 0) continue;
    // The value (text of a letter) comes last, after fields of closed sets without '|' (facet, date,
    // category, decision): no value can pose as another key. Plain concatenation, one key per table:
    // this loop runs for every row an ingest batch counts (template keys and spread rows cost 4x).
    const rest = `|${r.facet}|${r.category}|${r.decision}|${r.value}`;
    const month = r.day.slice(0, 7);
    add(days, r.day + rest, r, items, r.day);
    add(months, month + rest, r, items, month);
  }
  const dayRows = [...days.values()].filter((r) => r.items !== 0);
  const monthRows = [...months.values()].filter((r) => r.items !== 0);
  await upsert(db, 'facet_day_counts', 'day', dayRows);
  await upsert(db, 'facet_counts', 'month', monthRows);
  const removed = (rows: typeof dayRows) => rows.filter((r) => r.items < 0);
  await dropEmpty(db, 'facet_day_counts', 'day', removed(dayRows));
  await dropEmpty(db, 'facet_counts', 'month', removed(monthRows));
}

/** Letter ids as a condition on `i.letter_id`, in parts small enough for any engine's parameter limit. */
function idParts(letterIds: readonly number[]): RawBuilder<unknown>[] {
  const parts: RawBuilder<unknown>[] = [];
  for (let i = 0; i < letterIds.length; i += 10_000) parts.push(sql`i.letter_id IN (${sql.join(letterIds.slice(i, i + 10_000))})`);
  return parts;
}

/** The FacetDelta rows that counting the stored letters `letterIds` adds (times -1 to uncount them). */
export async function facetDeltaOf(db: Kysely<Database>, letterIds: readonly number[], sign: 1 | -1 = 1): Promise<FacetDelta[]> {
  const out: FacetDelta[] = [];
  for (const scope of idParts(letterIds)) {
    for (const r of (await facetDelta(db, scope).execute(db)).rows) out.push({ ...r, items: sign * Number(r.items) });
  }
  return out;
}

/** Uncounts the items of letters about to be deleted (their rows still there), in the caller's transaction. */
export async function removeFacetCounts(db: Kysely<Database>, letterIds: readonly number[]): Promise<void> {
  if (letterIds.length === 0) return;
  await applyFacetDelta(db, await facetDeltaOf(db, letterIds, -1));
}

/**
 * Counts every stored letter's items afresh (the migrations, and a repair):
 * the day rows straight from the items, the month rows summed from them,
 * all in SQL (a million letters' rows never pass through JS).
 */
export async function rebuildFacetCounts(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM facet_day_counts`.execute(db);
  await sql`DELETE FROM facet_counts`.execute(db);
  await sql`
    INSERT INTO facet_day_counts (facet, value, day, category, decision, items)
    SELECT d.facet, d.value, d.day, d.category, d.decision, d.items FROM (${facetDelta(db, null)}) d`.execute(db);
  await sql`
    INSERT INTO facet_counts (facet, value, month, category, decision, items)
    SELECT facet, value, substr(day, 1, 7), category, decision, sum(items) FROM facet_day_counts
    GROUP BY facet, value, substr(day, 1, 7), category, decision`.execute(db);
}
