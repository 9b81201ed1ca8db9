import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../../search/search-index.js';
import { createSearchTextView, dropSearchTextView } from '../../search/search-text.js';

/**
 * Two things a user met on an existing database:
 *
 * - Debian 12's `sqlite3` (SQLite 3.40) refused to open a store ("malformed
 *   database schema (letter_search_text)"): the view joined each letter's
 *   item texts with an aggregate ORDER BY, which SQLite parses only from
 *   3.44. On SQLite the view is made again in a form 3.40 reads (the same
 *   document text, so the full-text index built from it stays valid; a
 *   fresh database gets that form from the start). PostgreSQL's is kept.
 * - `letter_files`: the sha256 of each letter file's bytes that was
 *   ingested, with the letter it gave, so that ingesting the same file again
 *   skips it before reading it into a parser (which, for a PDF, is most of
 *   the work). Several files may give one letter (a text and a PDF).
 */
export function fileHashesAndSqlite340(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      if (dialect.name === 'sqlite') {
        await dropSearchTextView(db);
        await createSearchTextView(db, 'lean', 'sqlite');
      }
      await db.schema
        .createTable('letter_files')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('letter_id', 'integer', (c) => c.notNull().references('letters.id').onDelete('cascade'))
        .execute();
      await db.schema.createIndex('letter_files_letter').on('letter_files').column('letter_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('letter_files').execute();
    },
  };
}
