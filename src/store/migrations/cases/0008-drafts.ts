import type { Kysely, Migration } from 'kysely';

/**
 * The engine's draft of a case as the reviewer saw it: stored when the case
 * enters review, with the engine and model versions that made it, so that an
 * override is judged against that draft and not against a later run of a
 * changed engine. One per case (a new assignment stores the new reviewer's).
 * Portable SQL only: the assessment as JSON text, timestamps as ISO text.
 */
export function draftTables(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('case_drafts')
        .addColumn('case_id', 'integer', (c) => c.primaryKey().references('cases.id'))
        .addColumn('engine_version', 'text', (c) => c.notNull())
        .addColumn('model_version', 'text')
        .addColumn('assessment', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('case_drafts').ifExists().execute();
    },
  };
}
