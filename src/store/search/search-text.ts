import { sql, type Kysely, type RawBuilder } from 'kysely';

/** Which engine's SQL the view is written in. */
export type SearchTextEngine = 'sqlite' | 'postgres';

/**
 * `(SELECT <expr of each item, in item order, joined by sep> <from>)`, with
 * `i` the items table. PostgreSQL: string_agg with ORDER BY. SQLite's
 * aggregate ORDER BY (3.44) cannot be parsed by the SQLite of Debian 12
 * (3.40), whose `sqlite3` then refuses the whole schema ("malformed database
 * schema"); group_concat as a window function over the whole item-ordered
 * frame concatenates in that order on any SQLite since 3.25.
 */
function itemsJoined(engine: SearchTextEngine, expr: string, sep: string, from: string): RawBuilder<string | null> {
  const separator = `'${sep}'`;
  return engine === 'postgres'
    ? sql`(SELECT string_agg(${sql.raw(expr)}, ${sql.raw(separator)} ORDER BY i.idx) ${sql.raw(from)})`
    : sql`(SELECT group_concat(${sql.raw(expr)}, ${sql.raw(separator)}) OVER (ORDER BY i.idx ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) ${sql.raw(from)} LIMIT 1)`;
}

/**
 * The view `letter_search_text`: each letter's searchable document as five
 * parts (case number, item requests, treatment names with drug classes,
 * clinical summary, rationales). Every engine's full-text index is built
 * from it, so what is searchable is defined once; each engine joins the
 * items' text in item order its own way (itemsJoined).
 *
 * `wide`: over the letter and item rows as first released (text in
 * `letters`/`items`); `lean`: over `letter_texts`/`item_texts` (migration 0004).
 * Each letter's document is the same text in both.
 */
export async function createSearchTextView(db: Kysely<any>, layout: 'wide' | 'lean', engine: SearchTextEngine): Promise<void> {
  const items = 'FROM items i WHERE i.letter_id = l.id';
  const requests = itemsJoined(engine, 'i.request', ' ; ', items);
  const treatments = itemsJoined(engine, "i.treatment_name || coalesce(' ' || i.drug_class, '')", ' ; ', items);
  if (layout === 'wide') {
    await sql`
      CREATE VIEW letter_search_text AS
      SELECT l.id AS id,
        coalesce(l.case_number, '') AS case_number,
        ${requests} AS requests,
        ${treatments} AS treatments,
        l.clinical_summary AS summary,
        ${itemsJoined(engine, 'i.rationale', ' ', items)} AS rationales
      FROM letters l`.execute(db);
    return;
  }
  await sql`
    CREATE VIEW letter_search_text AS
    SELECT l.id AS id,
      coalesce(l.case_number, '') AS case_number,
      ${requests} AS requests,
      ${treatments} AS treatments,
      t.clinical_summary AS summary,
      ${itemsJoined(engine, 'x.rationale', ' ', 'FROM items i JOIN item_texts x ON x.item_id = i.id WHERE i.letter_id = l.id')} AS rationales
    FROM letters l JOIN letter_texts t ON t.letter_id = l.id`.execute(db);
}

/** Drops the view (before the columns it reads change). */
export async function dropSearchTextView(db: Kysely<any>): Promise<void> {
  await sql`DROP VIEW IF EXISTS letter_search_text`.execute(db);
}
