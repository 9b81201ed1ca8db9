import { sql, type Kysely, type Migration } from 'kysely';
import { COUNTED_FACETS, rebuildFacetCounts } from '../../corpus/facet-counts.js';

/** The facets the count tables accept (0011's, plus guideline sections). */
const facetCheck = sql`facet in (${sql.join(COUNTED_FACETS.map((f) => sql.lit(f)))})`;

/**
 * Counts by decision day, and guideline sections counted (see
 * facet-counts.ts). `facet_day_counts` has the shape of `facet_counts` with
 * the day in place of the month; its primary key leads with the facet and
 * the day, so the days at the ends of a range are one contiguous read.
 * `facet_counts` is made anew to accept the `section` facet (SQLite cannot
 * change a CHECK constraint), and both are built from the stored letters.
 */
export function dayCounts(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.dropTable('facet_counts').execute();
      await db.schema
        .createTable('facet_counts')
        .addColumn('facet', 'text', (c) => c.notNull().check(facetCheck))
        .addColumn('value', 'text', (c) => c.notNull())
        // YYYY-MM of the decision date, '' for a letter without one.
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('items', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('facet_counts_pk', ['facet', 'value', 'month', 'category', 'decision'])
        .execute();
      await db.schema
        .createTable('facet_day_counts')
        .addColumn('facet', 'text', (c) => c.notNull().check(facetCheck))
        .addColumn('value', 'text', (c) => c.notNull())
        // YYYY-MM-DD of the decision date, '' for a letter without one.
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('items', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('facet_day_counts_pk', ['facet', 'day', 'value', 'category', 'decision'])
        .execute();
      await rebuildFacetCounts(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('facet_day_counts').ifExists().execute();
      // facet_counts keeps its section rows: 0011's CHECK would refuse none it holds for other facets.
      await sql`DELETE FROM facet_counts WHERE facet = 'section'`.execute(db);
    },
  };
}
