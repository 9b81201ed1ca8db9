/**
 * How text becomes lexemes on PostgreSQL, for the indexed documents and for
 * queries alike, and the rendering of a parsed TextQuery (fts-query.ts) as
 * a `tsquery` expression.
 *
 * User text only ever reaches the database as a bound parameter of
 * phraseto_tsquery, which tokenizes and stems it exactly like the indexed
 * text; the query's structure (AND, OR, NOT, prefix) is built with tsquery
 * operators around those calls, so no input can be a syntax error or change
 * the SQL.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Term, TextQuery } from './fts-query.js';

/** The text search configuration the index and queries use (created by migration 0002). */
export const TS_CONFIG = 'openimr';

/** The configuration as an SQL constant, never user text. */
export const CONFIG = sql.raw(`'${TS_CONFIG}'::regconfig`);

/**
 * ASCII punctuation, read as spaces before tokenizing. PostgreSQL's parser
 * keeps "5/325", "MRI/CT", "0.25", "CM16-0230548" ("cm16", "-0230548") or
 * "a@b.org" whole, where SQLite's unicode61 tokenizer (like a reader) sees
 * separate words; with the punctuation gone both find "325", "CT", "25",
 * "0230548". Two private-use characters are added, the marks snippets are
 * made with (postgres-search.ts), so that the text can never contain them.
 */
export const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~\uE000\uE001';
const SPACES = ' '.repeat([...PUNCTUATION].length);

/**
 * SQLite's Porter stemmer leaves words shorter than three letters alone;
 * PostgreSQL's stems "MS", "US", "as", "is" to "m", "u", "a", "i" (which
 * then match "M.D." or the article "a"). Of such short words the stemmer
 * only changes those ending in "s", so their "s" is read as the Cyrillic
 * letter dze ("ѕ", U+0455), which no stemmer or unaccent rule touches: one
 * character for one, the same in documents and queries.
 */
const SHORT_S_WORD = '\\m([[:alpha:]])[sS]\\M';
const SHORT_S_KEPT = '\\1\u0455';

/**
 * `text` (an SQL expression) as the index reads it: punctuation as spaces,
 * short words ending in "s" kept from the stemmer. Same length, character
 * for character, so that positions in it are positions in the text.
 */
export function flatText(text: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`regexp_replace(translate(${text}, ${PUNCTUATION}, ${SPACES}), ${SHORT_S_WORD}, ${SHORT_S_KEPT}, 'g')`;
}

/** `tsq` with its last lexeme a prefix (`:*`), editing PostgreSQL's own (quoted) rendering, never user text. */
function asPrefix(tsq: RawBuilder<unknown>): RawBuilder<unknown> {
  // An empty query (no lexeme in the text) must stay empty: ":*" alone is not a tsquery.
  return sql`(SELECT CASE WHEN numnode(p) = 0 THEN p ELSE (p::text || ':*')::tsquery END FROM ${tsq} AS p)`;
}

/** True when the text is one token of one or two characters (once punctuation is read as spaces). */
function isShortWord(text: string): boolean {
  const chars = [...text].map((ch) => (PUNCTUATION.includes(ch) ? ' ' : ch));
  const word = chars.join('').trim();
  return word.length > 0 && !/\s/.test(word) && [...word].length < 3;
}

/**
 * One term as a tsquery: the phrase of its tokens, as FTS5 reads a quoted
 * string (one token for a plain word), or a prefix of its last token. A
 * prefix of one or two characters, which SQLite does not stem ("as*"),
 * also matches lexemes beginning with it unstemmed.
 */
function term(t: Term): RawBuilder<unknown> {
  const phrase = sql`phraseto_tsquery(${CONFIG}, ${flatText(sql`${t.text}::text`)})`;
  if (!t.prefix) return phrase;
  if (!isShortWord(t.text)) return asPrefix(phrase);
  const unstemmed = sql`phraseto_tsquery('simple'::regconfig, translate(${t.text}::text, ${PUNCTUATION}, ${SPACES}))`;
  return sql`(${asPrefix(phrase)} || ${asPrefix(unstemmed)})`;
}

function any(terms: readonly Term[]): RawBuilder<unknown> {
  return terms.length === 1 ? term(terms[0]!) : sql`(${sql.join(terms.map(term), sql` || `)})`;
}

/**
 * The tsquery for the query's positive part with its exclusions, or null
 * when there is no positive term (a tsquery cannot match "everything
 * except": callers exclude `toTsExclusion` instead).
 */
export function toTsQuery(q: TextQuery): RawBuilder<unknown> | null {
  if (q.all.length === 0) return null;
  const positive = q.all.length === 1 ? any(q.all[0]!) : sql`(${sql.join(q.all.map(any), sql` && `)})`;
  return q.none.length ? sql`(${positive} && !!${any(q.none)})` : positive;
}

/**
 * Any of the query's positive terms, or null when there is none: what a
 * snippet may mark when no short passage holds the whole query.
 */
export function toTsAnyTerm(q: TextQuery): RawBuilder<unknown> | null {
  return q.all.length ? any(q.all.flat()) : null;
}

/** The tsquery matching any excluded term, or null when nothing is excluded. */
export function toTsExclusion(q: TextQuery): RawBuilder<unknown> | null {
  return q.none.length ? any(q.none) : null;
}
