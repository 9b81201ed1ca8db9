import { sql, type Kysely } from 'kysely';
import { StoreError } from '../errors.js';
import type { TextQuery } from './fts-query.js';
import type { Database } from '../schema.js';
import { HIGHLIGHT, type RankedLetter, type SearchIndex } from './search-index.js';
import { createSearchTextView, dropSearchTextView } from './search-text.js';
import { CONFIG, TS_CONFIG, flatText, toTsAnyTerm, toTsExclusion, toTsQuery } from './tsquery.js';

/**
 * Relevance weights of ts_rank, in its order {D, C, B, A}, mirroring the
 * SQLite bm25 column weights (case number 10, requests 5 and treatments 4,
 * rationales 1.5, summary 1) in PostgreSQL's four weight classes.
 */
const RANK_WEIGHTS = sql.raw(`'{0.1, 0.15, 0.45, 1.0}'::float4[]`);

/** One part of a `letter_search_text` row (aliased `v`) as a weighted vector. */
const part = (column: string, weight: 'A' | 'B' | 'C' | 'D') => sql`setweight(to_tsvector(${CONFIG}, ${flatText(sql`coalesce(${sql.ref(`v.${column}`)}, '')`)}), ${sql.lit(weight)})`;

/** The weighted document of a `letter_search_text` row aliased `v`. */
const DOCUMENT = sql`(${part('case_number', 'A')} || ${part('requests', 'B')} || ${part('treatments', 'B')} || ${part('summary', 'D')} || ${part('rationales', 'C')})`;

/**
 * The text snippets are cut from: requests and summary first, as
 * ts_headline takes the first of equally good fragments.
 */
const SNIPPET_SOURCE = sql`btrim(concat_ws(E'\\n', v.requests, v.summary, v.rationales, v.treatments, nullif(v.case_number, '')), E' \\t\\r\\n')`;

/**
 * ts_headline marks matches with two private-use characters (which the
 * flattened text cannot contain, see PUNCTUATION) so that they can be told
 * from any « » in the letter; one fragment of up to 24 words, as FTS5's snippet.
 */
const MARK = { open: '\uE000', close: '\uE001' } as const;
/**
 * The window of a letter a snippet is first looked for in: from this many
 * characters before the first term as typed, this many characters long
 * (cut at spaces). ts_headline's fragment is at most 24 words; a query's
 * whole passage at most 240 words is looked for in the whole letter.
 */
const WINDOW_BEFORE = 200;
const WINDOW_LENGTH = 1000;

const HEADLINE_OPTIONS = `StartSel="${MARK.open}", StopSel="${MARK.close}", MaxWords=24, MinWords=12, ShortWord=0, MaxFragments=1`;

/**
 * The fragment ts_headline cut from the flattened text, with the letter's
 * own characters put back (`original` is the same span of the unflattened
 * text, character for character) and the marks made « ».
 */
function restore(headline: string, original: string | null): string {
  const source = original === null ? null : [...original];
  let j = 0;
  let out = '';
  for (const ch of headline) {
    if (ch === MARK.open) out += HIGHLIGHT.open;
    else if (ch === MARK.close) out += HIGHLIGHT.close;
    else out += source?.[j++] ?? ch;
  }
  return out;
}

/**
 * PostgreSQL full-text index: `letter_search` holds each letter's weighted
 * tsvector, built from the view `letter_search_text` when the letter is
 * stored (same transaction), with a GIN index. The text search
 * configuration `openimr` stems English words with the Porter stemmer and
 * keeps stop words, as SQLite's porter tokenizer does (so phrases like "not
 * medically necessary" stay exact), and folds accents (unaccent, as
 * remove_diacritics); punctuation is read as spaces (see PUNCTUATION).
 */
export const tsvectorIndex: SearchIndex = {
  async create(db) {
    // unaccent ships with PostgreSQL (contrib) and is a trusted extension:
    // the database's owner may create it.
    await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
    // Snowball's "porter" is the original Porter stemmer, the one SQLite's porter tokenizer runs.
    await sql`CREATE TEXT SEARCH DICTIONARY ${sql.id(`${TS_CONFIG}_stem`)} (TEMPLATE = snowball, LANGUAGE = porter)`.execute(db);
    await sql`CREATE TEXT SEARCH CONFIGURATION ${sql.id(TS_CONFIG)} (COPY = pg_catalog.english)`.execute(db);
    await sql`ALTER TEXT SEARCH CONFIGURATION ${sql.id(TS_CONFIG)} ALTER MAPPING FOR asciiword, asciihword, hword_asciipart WITH ${sql.id(`${TS_CONFIG}_stem`)}`.execute(db);
    await sql`ALTER TEXT SEARCH CONFIGURATION ${sql.id(TS_CONFIG)} ALTER MAPPING FOR word, hword, hword_part WITH unaccent, ${sql.id(`${TS_CONFIG}_stem`)}`.execute(db);
    // The view as first released; migration 0004 replaces it (moveSourceToTextTables).
    await createSearchTextView(db, 'wide', 'postgres');
    await sql`
      CREATE TABLE letter_search (
        letter_id integer PRIMARY KEY REFERENCES letters (id) ON DELETE CASCADE,
        document tsvector NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX letter_search_document ON letter_search USING gin (document)`.execute(db);
  },
  async moveSourceToTextTables(db) {
    // Each letter's document is the same text as before: the stored vectors stay valid.
    await dropSearchTextView(db);
    await createSearchTextView(db, 'lean', 'postgres');
  },
  async drop(db) {
    await sql`DROP TABLE IF EXISTS letter_search`.execute(db);
    await dropSearchTextView(db);
    await sql`DROP TEXT SEARCH CONFIGURATION IF EXISTS ${sql.id(TS_CONFIG)}`.execute(db);
    await sql`DROP TEXT SEARCH DICTIONARY IF EXISTS ${sql.id(`${TS_CONFIG}_stem`)}`.execute(db);
  },
  async add(db, letterIds) {
    if (letterIds.length === 0) return;
    // One array parameter, whatever the batch size.
    await sql`
      INSERT INTO letter_search (letter_id, document)
      SELECT v.id, ${DOCUMENT} FROM letter_search_text v WHERE v.id = ANY(${[...letterIds]}::integer[])`.execute(db);
  },
  async remove() {
    // letter_search rows go with their letters (ON DELETE CASCADE).
  },
  rankedWindow(query, filter, size, belowId) {
    const tsq = toTsQuery(query);
    if (tsq === null) return null;
    // Aliases no filter subquery uses: the filter refers to the letter id from inside its own subqueries.
    let where = sql`lsearch.document @@ tsq.q`;
    if (belowId !== undefined) where = sql`${where} AND lsearch.letter_id < ${belowId}`;
    if (filter) where = sql`${where} AND ${filter(sql<number>`lsearch.letter_id`)}`;
    return sql<RankedLetter>`(SELECT lsearch.letter_id AS letter_id, ts_rank(${RANK_WEIGHTS}, lsearch.document, tsq.q) AS score
      FROM letter_search lsearch CROSS JOIN (SELECT ${tsq} AS q) tsq
      WHERE ${where} ORDER BY lsearch.letter_id DESC LIMIT ${sql.lit(Math.max(1, Math.floor(size)))})`;
  },
  recentMatches(query, filter, limit, offset = 0) {
    const tsq = toTsQuery(query);
    if (tsq === null) return null;
    let where = sql`lsearch.document @@ ${tsq}`;
    if (filter) where = sql`${where} AND ${filter(sql<number>`lsearch.letter_id`)}`;
    const take = Math.max(1, Math.floor(limit));
    const skip = Math.max(0, Math.floor(offset));
    // Two ways, of which openimr_index_first (migration 0013) runs one (the
    // other's one-time filter is false): every match through the index,
    // sorted (OFFSET 0 keeps the planner from reading newest first), or
    // letters newest first, each vector tested, until enough match. The
    // planner, left to choose, read 28,000 vectors for a word in 7% of
    // 100,000 letters. Both branches name the query itself, so each is
    // planned with its value.
    // The outer ORDER BY keeps the rows newest first whichever branch gave them (a few thousand at most).
    return sql<{ letter_id: number }>`(WITH way AS MATERIALIZED (SELECT openimr_index_first(${tsq}, ${sql.lit(take + skip)}) AS index_first)
      SELECT u.letter_id FROM (SELECT letter_id FROM (SELECT m.letter_id FROM (SELECT lsearch.letter_id FROM letter_search lsearch WHERE ${where} OFFSET 0) m
        WHERE (SELECT index_first FROM way) ORDER BY m.letter_id DESC LIMIT ${sql.lit(take)} OFFSET ${sql.lit(skip)}) by_index
      UNION ALL
      SELECT letter_id FROM (SELECT lsearch.letter_id FROM letter_search lsearch
        WHERE ${where} AND NOT (SELECT index_first FROM way) ORDER BY lsearch.letter_id DESC LIMIT ${sql.lit(take)} OFFSET ${sql.lit(skip)}) newest_first) u
      ORDER BY u.letter_id DESC)`;
  },
  matchingIds(query: TextQuery) {
    const tsq = toTsQuery(query);
    return tsq === null ? null : sql<number>`(SELECT lsearch.letter_id FROM letter_search lsearch WHERE lsearch.document @@ ${tsq})`;
  },
  excludedIds(query: TextQuery) {
    const tsq = toTsExclusion(query);
    return tsq === null ? null : sql<number>`(SELECT lsearch.letter_id FROM letter_search lsearch WHERE lsearch.document @@ ${tsq})`;
  },
  async snippets(db: Kysely<Database>, query: TextQuery, letterIds: readonly number[]) {
    const tsq = toTsQuery(query);
    const anyTerm = toTsAnyTerm(query);
    const out = new Map<number, string>();
    if (tsq === null || anyTerm === null || letterIds.length === 0) return out;
    // ts_headline reads the flattened text, as the index did, so that it
    // marks what matched; `at` is where its fragment starts in the text.
    // Its cost grows with the text it reads (30-50 ms a page of whole
    // letters at 100,000 letters), so it first reads only a WINDOW of the
    // letter: some 1,000 characters (cut at spaces) from a little before the
    // first place where a term of the query occurs as typed. Most snippets
    // are found there; a letter whose window marks nothing (no term as typed,
    // or a stemmed form elsewhere) is read whole, as before.
    // It wants a passage (of at most 240 words) holding the whole query and
    // marks nothing without one; the terms then are far apart, and a
    // fragment with any of them is shown instead, as FTS5 would (from the
    // window when there is one: it holds a term).
    // MATERIALIZED: each step once per letter (inlined, the view's text and
    // ts_headline would be recomputed for every reference).
    const terms = [...new Set(query.all.flat().map((t) => t.text.toLowerCase().trim()).filter((t) => t.length > 0))];
    const { rows } = await sql<{ id: number; headline: string; at: number; at_end: boolean; original: string | null }>`
      WITH d AS MATERIALIZED (
        SELECT v.id, ${SNIPPET_SOURCE} AS doc FROM letter_search_text v WHERE v.id = ANY(${[...letterIds]}::integer[])
      ), found AS MATERIALIZED (
        SELECT d.id, d.doc, greatest(1, (SELECT min(p.at) FROM unnest(${terms}::text[]) t(term), LATERAL (SELECT strpos(lower(d.doc), t.term) AS at) p WHERE p.at > 0) - ${sql.lit(WINDOW_BEFORE)}) AS s
        FROM d
      ), cut AS MATERIALIZED (
        SELECT found.id, found.doc, found.s, r.raw,
          CASE WHEN found.s > 1 THEN length(substring(r.raw from '^\S*')) ELSE 0 END AS lead,
          CASE WHEN found.s + length(r.raw) - 1 < length(found.doc) THEN length(substring(r.raw from '\S*$')) ELSE 0 END AS tail
        FROM found CROSS JOIN LATERAL (SELECT substr(found.doc, found.s, ${sql.lit(WINDOW_LENGTH)}) AS raw) r
        WHERE found.s IS NOT NULL
      ), win AS MATERIALIZED (
        SELECT cut.id, cut.doc, cut.s + cut.lead AS from_at, ${flatText(sql`substr(cut.raw, cut.lead + 1, greatest(0, length(cut.raw) - cut.lead - cut.tail))`)} AS flat FROM cut
      ), windowed AS MATERIALIZED (
        SELECT win.id, win.doc, win.from_at, win.flat, ts_headline(${CONFIG}, win.flat, q.q, ${HEADLINE_OPTIONS}) AS headline
        FROM win CROSS JOIN (SELECT ${tsq} AS q) q
      ), f AS MATERIALIZED (
        SELECT d.id, d.doc, ${flatText(sql`d.doc`)} AS flat FROM d
        WHERE NOT EXISTS (SELECT 1 FROM windowed w WHERE w.id = d.id AND strpos(w.headline, ${MARK.open}) > 0)
      ), whole AS MATERIALIZED (
        SELECT f.id, f.doc, f.flat, ts_headline(${CONFIG}, f.flat, q.q, ${HEADLINE_OPTIONS}) AS headline
        FROM f CROSS JOIN (SELECT ${tsq} AS q) q
      ), h AS MATERIALIZED (
        SELECT w.id, w.doc, CASE WHEN m.marked THEN 1 ELSE coalesce(win.from_at, 1) END AS from_at, CASE WHEN m.marked THEN w.flat ELSE coalesce(win.flat, w.flat) END AS flat,
          CASE WHEN m.marked THEN w.headline ELSE ts_headline(${CONFIG}, coalesce(win.flat, w.flat), q.q, ${HEADLINE_OPTIONS}) END AS headline
        FROM whole w LEFT JOIN win ON win.id = w.id CROSS JOIN LATERAL (SELECT strpos(w.headline, ${MARK.open}) > 0 AS marked) m CROSS JOIN (SELECT ${anyTerm} AS q) q
        UNION ALL
        SELECT w.id, w.doc, w.from_at, w.flat, w.headline FROM windowed w WHERE strpos(w.headline, ${MARK.open}) > 0
      ), p AS MATERIALIZED (
        SELECT h.*, CASE WHEN x.rel > 0 THEN h.from_at + x.rel - 1 ELSE 0 END AS at, length(x.plain) AS len
        FROM h CROSS JOIN LATERAL (SELECT y.plain, strpos(h.flat, y.plain) AS rel FROM (SELECT replace(replace(h.headline, ${MARK.open}, ''), ${MARK.close}, '') AS plain) y) x
      )
      SELECT p.id, p.headline, p.at, p.at > 0 AND p.at + p.len - 1 = length(p.doc) AS at_end,
        CASE WHEN p.at > 0 THEN substr(p.doc, p.at, p.len) END AS original
      FROM p`.execute(db);
    for (const r of rows) {
      if (!r.headline.trim()) continue;
      const text = restore(r.headline, r.original);
      out.set(Number(r.id), `${Number(r.at) === 1 ? '' : HIGHLIGHT.ellipsis}${text}${r.at_end ? '' : HIGHLIGHT.ellipsis}`);
    }
    return out;
  },
  async verify(db) {
    const { rows } = await sql<{ stale: string; missing: string }>`
      SELECT count(*) FILTER (WHERE s.letter_id IS NOT NULL) AS stale, count(*) FILTER (WHERE s.letter_id IS NULL) AS missing
      FROM letter_search_text v LEFT JOIN letter_search s ON s.letter_id = v.id
      WHERE s.letter_id IS NULL OR s.document IS DISTINCT FROM ${DOCUMENT}`.execute(db);
    const { stale, missing } = rows[0]!;
    if (Number(stale) || Number(missing)) {
      throw new StoreError('query', `the full-text index disagrees with the stored letters: ${missing} letter(s) not indexed, ${stale} indexed from other text`);
    }
  },
};
