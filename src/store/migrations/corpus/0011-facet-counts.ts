import { sql, type Kysely, type Migration } from 'kysely';
import { rebuildFacetCounts } from '../../corpus/facet-counts.js';

/**
 * Outcome statistics already counted (see facet-counts.ts): one row per
 * facet value, decision month, category and decision, built here from the
 * letters already stored and kept by every insert and delete after.
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
      await rebuildFacetCounts(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('items_category_decision_letter').ifExists().execute();
      await db.schema.dropTable('facet_counts').ifExists().execute();
    },
  };
}
