import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../../search/search-index.js';

/**
 * The indexes a listing reads in order: (filter, decision date, letter id).
 * A drug's index replaces 0004's (generic, item id), which only gave the
 * ids of a drug's items, as it still does. The items' index is added
 * beside 0011's (category, decision, letter id): that one and 0004's
 * (filter, letter id) indexes answer "an item of this letter passing the
 * filters", probed per letter by filtered searches; with them gone, SQLite
 * (which keeps no statistics here) chose the covering date index for those
 * probes and read every imaging + overturned item per letter.
 */
const LISTING_INDEXES: [replaces: string | null, name: string, table: 'items' | 'item_drugs', keys: string[], tail: string[]][] = [
  [null, 'items_category_decision_date', 'items', ['category', 'decision'], ['letter_id']],
  ['item_drugs_generic_item', 'item_drugs_generic_date', 'item_drugs', ['generic'], ['letter_id', 'item_id']],
];

/**
 * Listings in decision order. A listing without words (newest decision
 * first, 20 a page) filtered by an item condition read the matching items'
 * letters and sorted them all by the letters' dates whenever the newest
 * letters held too few matches: at a million letters, 237 ms a page for
 * the drug baclofen. Items now carry their letter's decision date
 * (`items.date_decision`), and a drug's rows their item's letter and date
 * (`item_drugs.letter_id`, `item_drugs.date_decision`), so that a drug's
 * index, and that of a category with a decision, ordered (filter, decision
 * date, letter id), is read from its newest end (or a date range's) and
 * stops after a page. (A decision, a category or a drug class alone admits
 * enough of the newest letters for the listing to find its page by probing
 * them; see search.ts.)
 *
 * The copies are written with the rows they sit on (rows.ts, batch-rows.ts)
 * and go with them (ON DELETE CASCADE); a letter's decision date is never
 * updated in place.
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
      for (const [replaces, name, table, keys, tail] of LISTING_INDEXES) {
        if (replaces) await db.schema.dropIndex(replaces).ifExists().execute();
        const columns = [...keys.map((k) => sql.ref(k)), sql`date_decision${sql.raw(nullsFirst)}`, ...tail.map((t) => sql.ref(t))];
        await sql`CREATE INDEX ${sql.id(name)} ON ${sql.table(table)} (${sql.join(columns)})`.execute(db);
      }
    },
    async down(db: Kysely<any>) {
      for (const [replaces, name, table, keys] of LISTING_INDEXES) {
        await db.schema.dropIndex(name).ifExists().execute();
        if (replaces) await db.schema.createIndex(replaces).on(table).columns([...keys, 'item_id']).execute();
      }
      await db.schema.alterTable('item_drugs').dropColumn('date_decision').execute();
      await db.schema.alterTable('item_drugs').dropColumn('letter_id').execute();
      await db.schema.alterTable('items').dropColumn('date_decision').execute();
    },
  };
}
