import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Distinct filterable values (guideline documents and sources, reviewer
 * specialties). Substring filters ("Low Back", "orthopedic") are matched
 * against these few hundred values first and then followed through the
 * indexes, instead of scanning every citation or specialty row.
 */
export function facets(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('facets')
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('guideline-document', 'guideline-source', 'specialty')`))
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('facets_pk', ['kind', 'value'])
        .execute();
      await db.schema.createIndex('citations_source').on('citations').column('source').execute();
      // Lets a per-letter probe "an overturned item of this letter" use both
      // equalities at once instead of walking every overturned item.
      await db.schema.createIndex('items_letter_decision').on('items').columns(['letter_id', 'decision']).execute();
      await db.schema.createIndex('items_letter_category').on('items').columns(['letter_id', 'category']).execute();
      await sql`INSERT INTO facets (kind, value) SELECT DISTINCT 'guideline-document', document FROM citations`.execute(db);
      await sql`INSERT INTO facets (kind, value) SELECT DISTINCT 'guideline-source', source FROM citations`.execute(db);
      await sql`INSERT INTO facets (kind, value) SELECT DISTINCT 'specialty', specialty FROM letter_specialties`.execute(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('items_letter_category').ifExists().execute();
      await db.schema.dropIndex('items_letter_decision').ifExists().execute();
      await db.schema.dropIndex('citations_source').ifExists().execute();
      await db.schema.dropTable('facets').ifExists().execute();
    },
  };
}
