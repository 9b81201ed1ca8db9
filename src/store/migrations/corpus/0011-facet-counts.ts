import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Outcome statistics already counted (see facet-counts.ts): one row per
 * facet value, decision month, category and decision, kept by every insert
 * and delete after (built from the letters already stored by 0012).
 * The primary key leads with the facet, so a figure reads one facet's rows.
 */
export function facetCounts(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('facet_counts')
        .addColumn('facet', 'text', (c) => c.notNull().check(sql`facet in ('category', 'drug', 'product', 'drug-class', 'guideline', 'specialty', 'year')`))
        .addColumn('value', 'text', (c) => c.notNull())
        // YYYY-MM of the decision date, '' for a letter without one.
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('items', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('facet_counts_pk', ['facet', 'value', 'month', 'category', 'decision'])
        .execute();
      // A listing filtered by category and decision (no words) reads exactly its items' letters from
      // this index, instead of every item of the category checked for its decision.
      await db.schema.createIndex('items_category_decision_letter').ifNotExists().on('items').columns(['category', 'decision', 'letter_id']).execute();
      // The counts are built by 0012, which makes this table anew beside the day counts (facet-counts.ts
      // writes both tables, so building here would need the table 0012 adds).
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('items_category_decision_letter').ifExists().execute();
      await db.schema.dropTable('facet_counts').ifExists().execute();
    },
  };
}
