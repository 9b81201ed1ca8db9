import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../../search/search-index.js';

/**
 * The item indexes a listing without words filters by (0004's covering
 * indexes and 0011's category + decision), made anew with the letter's
 * decision date between the filter and the letter id, and the index of a
 * drug's items likewise (the drug rows carry their item's letter and date).
 */
const LISTING_INDEXES: [drop: string, name: string, table: 'items' | 'item_drugs', keys: string[], tail: string[]][] = [
  ['items_decision_letter', 'items_decision_date', 'items', ['decision'], ['letter_id']],
  ['items_category_letter', 'items_category_date', 'items', ['category'], ['letter_id']],
  ['items_drug_class_letter', 'items_drug_class_date', 'items', ['drug_class'], ['letter_id']],
  ['items_category_decision_letter', 'items_category_decision_date', 'items', ['category', 'decision'], ['letter_id']],
  ['item_drugs_generic_item', 'item_drugs_generic_date', 'item_drugs', ['generic'], ['letter_id', 'item_id']],
];

/**
 * Listings in decision order. A listing without words (newest decision
 * first, 20 a page) filtered by an item condition read the matching items'
 * letters and sorted them all by the letters' dates whenever the newest
 * letters held too few matches: at a million letters, 237 ms a page for
 * the drug baclofen. Items now carry their letter's decision date
 * (`items.date_decision`), and a drug's rows their item's letter and date
 * (`item_drugs.letter_id`, `item_drugs.date_decision`), so that each
 * filter's index, ordered (filter, decision date, letter id), is read from
 * its newest end (or a date range's) and stops after a page.
 *
 * The copies are written with the rows they sit on (rows.ts, batch-rows.ts)
 * and go with them (ON DELETE CASCADE); a letter's decision date is never
 * updated in place. The indexes replace those they extend, which every
 * other reader used only for their leading columns and the ids they end with.
 *
 * On PostgreSQL the date is indexed NULLS FIRST: read backwards, the index
 * gives the listing's order, newest first with undated letters last.
 */
export function listingOrder(dialect: StoreDialect): Migration {
  const nullsFirst = dialect.name === 'postgres' ? ' NULLS FIRST' : '';
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('items').addColumn('date_decision', 'text').execute();
      await db.schema.alterTable('item_drugs').addColumn('letter_id', 'integer').execute();
      await db.schema.alterTable('item_drugs').addColumn('date_decision', 'text').execute();
      // Filled before the indexes are built, so each is built once from the filled rows.
      await sql`UPDATE items SET date_decision = l.date_decision FROM letters l WHERE l.id = items.letter_id`.execute(db);
      await sql`UPDATE item_drugs SET letter_id = i.letter_id, date_decision = i.date_decision FROM items i WHERE i.id = item_drugs.item_id`.execute(db);
      for (const [drop, name, table, keys, tail] of LISTING_INDEXES) {
        await db.schema.dropIndex(drop).ifExists().execute();
        const columns = [...keys.map((k) => sql.ref(k)), sql`date_decision${sql.raw(nullsFirst)}`, ...tail.map((t) => sql.ref(t))];
        await sql`CREATE INDEX ${sql.id(name)} ON ${sql.table(table)} (${sql.join(columns)})`.execute(db);
      }
    },
    async down(db: Kysely<any>) {
      for (const [drop, name, table, keys, tail] of LISTING_INDEXES) {
        await db.schema.dropIndex(name).ifExists().execute();
        const columns = [...keys, ...tail.filter((t) => table === 'items' || t === 'item_id')];
        await db.schema.createIndex(drop).on(table).columns(columns).execute();
      }
      await db.schema.alterTable('item_drugs').dropColumn('date_decision').execute();
      await db.schema.alterTable('item_drugs').dropColumn('letter_id').execute();
      await db.schema.alterTable('items').dropColumn('date_decision').execute();
    },
  };
}
