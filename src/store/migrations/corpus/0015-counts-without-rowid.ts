import { sql, type Kysely, type Migration } from 'kysely';
import { COUNTED_FACETS } from '../../corpus/facet-counts.js';
import type { StoreDialect } from '../../search/search-index.js';

/** The facets the count tables accept (as 0012). */
const facetCheck = sql`facet in (${sql.join(COUNTED_FACETS.map((f) => sql.lit(f)))})`;

const TABLES = [
  { table: 'facet_counts', period: 'month', key: ['facet', 'value', 'month', 'category', 'decision'] },
  { table: 'facet_day_counts', period: 'day', key: ['facet', 'day', 'value', 'category', 'decision'] },
] as const;

/** Makes both count tables anew, as WITHOUT ROWID tables (up) or rowid tables as 0012 made them (down), their rows copied across. */
async function remakeCountTables(db: Kysely<any>, withoutRowid: boolean): Promise<void> {
  for (const { table, period, key } of TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} RENAME TO ${sql.table(`${table}_old`)}`.execute(db);
    await sql`
      CREATE TABLE ${sql.table(table)} (
        facet text NOT NULL CHECK (${facetCheck}),
        value text NOT NULL,
        ${sql.ref(period)} text NOT NULL,
        category text NOT NULL,
        decision text NOT NULL,
        items integer NOT NULL,
        CONSTRAINT ${sql.ref(`${table}_pk`)} PRIMARY KEY (${sql.join(key.map((c) => sql.ref(c)))})
      )${withoutRowid ? sql` WITHOUT ROWID` : sql``}`.execute(db);
    await sql`INSERT INTO ${sql.table(table)} (facet, value, ${sql.ref(period)}, category, decision, items)
      SELECT facet, value, ${sql.ref(period)}, category, decision, items FROM ${sql.table(`${table}_old`)}`.execute(db);
    await sql`DROP TABLE ${sql.table(`${table}_old`)}`.execute(db);
  }
}

/**
 * SQLite: the two count tables (0012) made WITHOUT ROWID, their rows kept in
 * their primary key's B-tree. As rowid tables every upsert of a count wrote
 * the row and, apart, the primary key index's entry; ingest upserts some 20
 * count rows a letter, and the phases bench measured the upserts at about a
 * quarter of SQLite's part of a batch write. A read by key or key range
 * (every statistic) reads the one B-tree too, as before. Same columns, key
 * and rows: the rows are copied across.
 *
 * PostgreSQL: nothing (its tables are heaps; an upsert writes heap and index
 * either way).
 */
export function countsWithoutRowid(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      if (dialect.name !== 'postgres') await remakeCountTables(db, true);
    },
    async down(db: Kysely<any>) {
      if (dialect.name !== 'postgres') await remakeCountTables(db, false);
    },
  };
}
