import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Outcome statistics already counted (migration 0011). `facet_counts` holds,
 * per facet value, how many disputed items there are for each decision
 * month, category and decision. A dashboard figure, with or without a
 * filter on decision date, category or decision, then sums a few rows of
 * one facet instead of grouping every item of the corpus (at a million
 * letters, statistics by guideline took seconds that way).
 *
 * The counts are changed in the same transaction as the letters they count
 * (insert: `addFacetCounts`, delete: `removeFacetCounts`), by one SQL
 * statement that groups exactly as the full-scan query of stats.ts does,
 * so both always agree (stats and facet-counts tests check it on both
 * engines). Month and year without a value are stored as '' (key columns
 * cannot be null on PostgreSQL) and read back as null.
 *
 * Month and decision statistics need no facet of their own: every item has
 * exactly one category, so the `category` rows grouped by month or decision
 * count every item once.
 */
export type CountedFacet = 'category' | 'drug' | 'product' | 'drug-class' | 'guideline' | 'specialty' | 'year';

export const COUNTED_FACETS: readonly CountedFacet[] = ['category', 'drug', 'product', 'drug-class', 'guideline', 'specialty', 'year'];

/**
 * The counts the items of `scope` (a condition on `i.letter_id`, or none:
 * every letter) contribute, times `sign`, as rows
 * (facet, value, month, category, decision, items).
 */
function contributions(scope: RawBuilder<unknown> | null, sign: 1 | -1): RawBuilder<unknown> {
  const where = scope ? sql`WHERE ${scope}` : sql``;
  const n = sign === 1 ? sql`count(*)` : sql`-count(*)`;
  // Each branch groups as stats.ts's scan does for its dimension.
  return sql`
    WITH it AS (
      SELECT i.id, i.letter_id, i.category, i.decision, i.drug_class, i.treatment_name,
        coalesce(substr(l.date_decision, 1, 7), '') AS month,
        coalesce(cast(l.year AS text), '') AS year
      FROM items i INNER JOIN letters l ON l.id = i.letter_id ${where}
    )
    SELECT 'category' AS facet, it.category AS value, it.month, it.category, it.decision, ${n} AS items
      FROM it GROUP BY it.category, it.month, it.decision
    UNION ALL
    SELECT 'year', it.year, it.month, it.category, it.decision, ${n}
      FROM it GROUP BY it.year, it.month, it.category, it.decision
    UNION ALL
    SELECT 'drug-class', it.drug_class, it.month, it.category, it.decision, ${n}
      FROM it WHERE it.drug_class IS NOT NULL GROUP BY it.drug_class, it.month, it.category, it.decision
    UNION ALL
    SELECT 'drug', d.generic, it.month, it.category, it.decision, ${n}
      FROM it INNER JOIN item_drugs d ON d.item_id = it.id GROUP BY d.generic, it.month, it.category, it.decision
    UNION ALL
    SELECT 'product', it.treatment_name, it.month, it.category, it.decision, ${n}
      FROM it WHERE EXISTS (SELECT 1 FROM item_drugs d WHERE d.item_id = it.id)
      GROUP BY it.treatment_name, it.month, it.category, it.decision
    UNION ALL
    SELECT 'guideline', c.document, it.month, it.category, it.decision, ${n}
      FROM it INNER JOIN citations c ON c.item_id = it.id
      WHERE c.role = 'imr'
        AND lower(c.document) NOT LIKE 'http%' AND lower(c.document) NOT LIKE 'www.%'
        AND NOT EXISTS (SELECT 1 FROM citations c2 WHERE c2.item_id = c.item_id AND c2.role = 'imr' AND c2.document = c.document AND c2.position < c.position)
      GROUP BY c.document, it.month, it.category, it.decision
    UNION ALL
    SELECT 'specialty', s.specialty, it.month, it.category, it.decision, ${n}
      FROM it INNER JOIN letter_specialties s ON s.letter_id = it.letter_id
      WHERE s.kind = 'board'
        OR NOT EXISTS (SELECT 1 FROM letter_specialties s2 WHERE s2.letter_id = s.letter_id AND s2.kind = 'board' AND s2.specialty = s.specialty)
      GROUP BY s.specialty, it.month, it.category, it.decision`;
}

/** Adds `delta` rows to the counts, creating the rows not there yet. */
async function apply(db: Kysely<Database>, delta: RawBuilder<unknown>): Promise<void> {
  // `WHERE true` keeps SQLite from reading ON CONFLICT as a join's ON.
  await sql`
    INSERT INTO facet_counts (facet, value, month, category, decision, items)
    SELECT d.facet, d.value, d.month, d.category, d.decision, d.items FROM (${delta}) d WHERE true
    ON CONFLICT (facet, value, month, category, decision) DO UPDATE SET items = facet_counts.items + excluded.items`.execute(db);
}

/** Letter ids as a condition on `i.letter_id`, in parts small enough for any engine's parameter limit. */
function idParts(letterIds: readonly number[]): RawBuilder<unknown>[] {
  const parts: RawBuilder<unknown>[] = [];
  for (let i = 0; i < letterIds.length; i += 10_000) parts.push(sql`i.letter_id IN (${sql.join(letterIds.slice(i, i + 10_000))})`);
  return parts;
}

/** Counts the items of letters just inserted (their rows written), in the caller's transaction. */
export async function addFacetCounts(db: Kysely<Database>, letterIds: readonly number[]): Promise<void> {
  for (const scope of idParts(letterIds)) await apply(db, contributions(scope, 1));
}

/**
 * Uncounts the items of letters about to be deleted (their rows still
 * there), in the caller's transaction; rows counting nothing any more are
 * removed, so that the counts hold exactly the groups the letters have.
 */
export async function removeFacetCounts(db: Kysely<Database>, letterIds: readonly number[]): Promise<void> {
  if (letterIds.length === 0) return;
  for (const scope of idParts(letterIds)) await apply(db, contributions(scope, -1));
  await sql`DELETE FROM facet_counts WHERE items <= 0`.execute(db);
}

/** Counts every stored letter's items afresh (the migration, and a repair). */
export async function rebuildFacetCounts(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM facet_counts`.execute(db);
  await apply(db, contributions(null, 1));
}
