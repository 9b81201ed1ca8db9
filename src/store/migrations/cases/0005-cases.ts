import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../../search/search-index.js';

/**
 * The IMR case workflow: cases (the document as JSON, with the columns
 * lists and locks need), the per-year case number sequence, the reviewer
 * registry, issued determination versions, and the hash-chained audit log.
 * Portable SQL only: JSON as text, dates and timestamps as ISO text.
 */
export function caseTables(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('cases')
        .addColumn('id', 'integer', (c) => dialect.autoId(c))
        .addColumn('case_number', 'text', (c) => c.unique())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority in ('standard', 'expedited')`))
        .addColumn('reviewer_id', 'text')
        .addColumn('received_date', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cases_state').on('cases').column('state').execute();
      await db.schema.createIndex('cases_reviewer').on('cases').columns(['reviewer_id', 'state']).execute();

      await db.schema
        .createTable('case_number_sequences')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('last_value', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('reviewers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('available', 'integer', (c) => c.notNull().check(sql`available in (0, 1)`))
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('case_determinations')
        .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('determination', 'text', (c) => c.notNull())
        .addColumn('published', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addPrimaryKeyConstraint('case_determinations_pk', ['case_id', 'version'])
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'integer', (c) => dialect.autoId(c))
        .addColumn('case_id', 'integer')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('before_state', 'text')
        .addColumn('after_state', 'text')
        // Unique: two writers that read the same chain head cannot both append.
        .addColumn('prev_hash', 'text', (c) => c.notNull().unique())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema.createIndex('audit_log_case').on('audit_log').columns(['case_id', 'seq']).execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['audit_log', 'case_determinations', 'reviewers', 'case_number_sequences', 'cases']) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}
