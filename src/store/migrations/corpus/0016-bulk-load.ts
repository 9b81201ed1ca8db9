import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../../search/search-index.js';

/**
 * PostgreSQL: `deferred_indexes`, the definitions of the indexes a bulk load
 * into an empty corpus dropped and builds again when it ends (bulk-load.ts):
 * kept in the database, so that a load that stopped part-way (a killed
 * process) still has them to build on the next bulk load.
 *
 * And the letters' and items' texts compressed with lz4 where the server
 * has it: pglz cost about a third of storing a batch's texts, lz4 a few
 * percent (values stored before stay pglz and read as ever).
 *
 * SQLite: the table only, always empty (its bulk load defers nothing).
 */
export function bulkLoad(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      // On both engines, so that their schemas stay the same (postgres.test.ts); SQLite's stays empty.
      await db.schema
        .createTable('deferred_indexes')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('definition', 'text', (c) => c.notNull())
        .execute();
      if (dialect.name !== 'postgres') return;
      const { rows } = await sql<{ lz4: boolean }>`SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`.execute(db);
      if (rows[0]?.lz4) {
        await sql`ALTER TABLE letter_texts ALTER COLUMN original_text SET COMPRESSION lz4, ALTER COLUMN parsed SET COMPRESSION lz4, ALTER COLUMN clinical_summary SET COMPRESSION lz4`.execute(db);
        await sql`ALTER TABLE item_texts ALTER COLUMN rationale SET COMPRESSION lz4`.execute(db);
      }
    },
    async down(db: Kysely<any>) {
      await sql`DROP TABLE IF EXISTS deferred_indexes`.execute(db);
    },
  };
}
