import { sql, type Kysely } from 'kysely';

/**
 * The view `letter_search_text`: each letter's searchable document as five
 * parts (case number, item requests, treatment names with drug classes,
 * clinical summary, rationales). Every engine's full-text index is built
 * from it, so what is searchable is defined once. Portable SQL
 * (string_agg with ORDER BY runs on SQLite 3.44+ and PostgreSQL).
 *
 * `wide`: over the letter and item rows as first released (text in
 * `letters`/`items`); `lean`: over `letter_texts`/`item_texts` (migration 0004).
 * Each letter's document is the same text in both.
 */
export async function createSearchTextView(db: Kysely<any>, layout: 'wide' | 'lean'): Promise<void> {
  if (layout === 'wide') {
    await sql`
      CREATE VIEW letter_search_text AS
      SELECT l.id AS id,
        coalesce(l.case_number, '') AS case_number,
        (SELECT string_agg(i.request, ' ; ' ORDER BY i.idx) FROM items i WHERE i.letter_id = l.id) AS requests,
        (SELECT string_agg(i.treatment_name || coalesce(' ' || i.drug_class, ''), ' ; ' ORDER BY i.idx) FROM items i WHERE i.letter_id = l.id) AS treatments,
        l.clinical_summary AS summary,
        (SELECT string_agg(i.rationale, ' ' ORDER BY i.idx) FROM items i WHERE i.letter_id = l.id) AS rationales
      FROM letters l`.execute(db);
    return;
  }
  await sql`
    CREATE VIEW letter_search_text AS
    SELECT l.id AS id,
      coalesce(l.case_number, '') AS case_number,
      (SELECT string_agg(i.request, ' ; ' ORDER BY i.idx) FROM items i WHERE i.letter_id = l.id) AS requests,
      (SELECT string_agg(i.treatment_name || coalesce(' ' || i.drug_class, ''), ' ; ' ORDER BY i.idx) FROM items i WHERE i.letter_id = l.id) AS treatments,
      t.clinical_summary AS summary,
      (SELECT string_agg(x.rationale, ' ' ORDER BY i.idx) FROM items i JOIN item_texts x ON x.item_id = i.id WHERE i.letter_id = l.id) AS rationales
    FROM letters l JOIN letter_texts t ON t.letter_id = l.id`.execute(db);
}

/** Drops the view (before the columns it reads change). */
export async function dropSearchTextView(db: Kysely<any>): Promise<void> {
  await sql`DROP VIEW IF EXISTS letter_search_text`.execute(db);
}
