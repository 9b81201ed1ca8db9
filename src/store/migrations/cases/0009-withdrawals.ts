import type { Kysely, Migration } from 'kysely';

/**
 * A published version can be withdrawn (a leak found after issue, or a
 * correction replacing it): who, when and why, on the version's own row.
 * The determination and its published text stay as issued. Portable SQL:
 * one column per statement, as SQLite requires.
 */
export function withdrawals(): Migration {
  return {
    async up(db: Kysely<any>) {
      for (const column of ['withdrawn_at', 'withdrawn_by', 'withdrawn_reason']) {
        await db.schema.alterTable('case_determinations').addColumn(column, 'text').execute();
      }
    },
    async down(db: Kysely<any>) {
      for (const column of ['withdrawn_reason', 'withdrawn_by', 'withdrawn_at']) {
        await db.schema.alterTable('case_determinations').dropColumn(column).execute();
      }
    },
  };
}
