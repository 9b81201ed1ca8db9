import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../../search/search-index.js';

/** The wide text columns leaving `letters`, and their new home. */
const LETTER_TEXT_COLUMNS = ['clinical_summary', 'original_text', 'original_format', 'parsed'] as const;

/**
 * Lean rows. A letter row carried ~15 kB of text (the original, its parse,
 * the summary) and an item row its rationale, so every filter probe, count
 * and statistic read a whole page per letter or item. The text moves to
 * `letter_texts` and `item_texts` (read only to show a letter or build the
 * text index), and the filter indexes carry the letter or item id, so
 * filters are answered from the indexes alone.
 */
export function leanRows(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('letter_texts')
        .addColumn('letter_id', 'integer', (c) => c.primaryKey().references('letters.id').onDelete('cascade'))
        .addColumn('clinical_summary', 'text', (c) => c.notNull())
        .addColumn('original_text', 'text', (c) => c.notNull())
        .addColumn('original_format', 'text', (c) => c.notNull().check(sql`original_format in ('txt', 'md', 'html', 'pdf')`))
        .addColumn('parsed', 'text', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO letter_texts (letter_id, clinical_summary, original_text, original_format, parsed)
        SELECT id, clinical_summary, original_text, original_format, parsed FROM letters`.execute(db);
      await db.schema
        .createTable('item_texts')
        .addColumn('item_id', 'integer', (c) => c.primaryKey().references('items.id').onDelete('cascade'))
        .addColumn('rationale', 'text', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO item_texts (item_id, rationale) SELECT id, rationale FROM items`.execute(db);

      // The text index reads its documents through the old columns: point it at the new tables first.
      await dialect.searchIndex.moveSourceToTextTables(db);
      for (const column of LETTER_TEXT_COLUMNS) await db.schema.alterTable('letters').dropColumn(column).execute();
      await db.schema.alterTable('items').dropColumn('rationale').execute();

      const covering: [drop: string, name: string, table: string, columns: string[]][] = [
        ['items_decision', 'items_decision_letter', 'items', ['decision', 'letter_id']],
        ['items_category', 'items_category_letter', 'items', ['category', 'letter_id']],
        ['items_drug_class', 'items_drug_class_letter', 'items', ['drug_class', 'letter_id']],
        ['item_drugs_generic', 'item_drugs_generic_item', 'item_drugs', ['generic', 'item_id']],
        ['citations_document', 'citations_document_item', 'citations', ['document', 'item_id']],
        ['citations_source', 'citations_source_item', 'citations', ['source', 'item_id']],
        ['letter_specialties_specialty', 'letter_specialties_specialty_letter', 'letter_specialties', ['specialty', 'letter_id']],
      ];
      for (const [drop, name, table, columns] of covering) {
        await db.schema.dropIndex(drop).ifExists().execute();
        await db.schema.createIndex(name).on(table).columns(columns).execute();
      }
      // Per-letter item probes now use the (letter_id, idx) key and the lean
      // item row: two fewer B-trees to update for every item stored.
      await db.schema.dropIndex('items_letter_decision').ifExists().execute();
      await db.schema.dropIndex('items_letter_category').ifExists().execute();
      // Nothing filters or sorts by these: statistics by year group the lean
      // letters table, and no query selects letters by licensure state.
      await db.schema.dropIndex('letters_year').ifExists().execute();
      await db.schema.dropIndex('letter_states_state').ifExists().execute();
    },
    // Going back would mean rewriting every letter row; a backup is the way back.
    async down() {
      throw new Error('migration 0004_lean_rows cannot be undone; restore a backup instead');
    },
  };
}
