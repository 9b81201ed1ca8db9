import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../../search/search-index.js';

/**
 * Users with roles and their sessions. Portable SQL only (it runs on SQLite
 * and PostgreSQL alike): booleans as 0/1 integers, timestamps as ISO text,
 * ids from the dialect. Sessions go with their user.
 */
export function userTables(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', (c) => dialect.autoId(c))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'coordinator', 'reviewer', 'analyst', 'public')`))
        .addColumn('reviewer_id', 'text', (c) => c.references('reviewers.id'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('must_change_password', 'integer', (c) => c.notNull().check(sql`must_change_password in (0, 1)`))
        .addColumn('disabled', 'integer', (c) => c.notNull().check(sql`disabled in (0, 1)`))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'integer', (c) => dialect.autoId(c))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('sessions').ifExists().execute();
      await db.schema.dropTable('users').ifExists().execute();
    },
  };
}
