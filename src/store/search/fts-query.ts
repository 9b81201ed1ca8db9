/**
 * Turns what a person types into a search box into a structured text query,
 * and renders it as an FTS5 MATCH expression that can never be a syntax
 * error. The structure (TextQuery) is dialect-neutral, so another full-text
 * engine can render the same parse.
 *
 * Accepted syntax:
 * - bare words are ANDed: `baclofen spasm`
 * - "quoted phrases" match as phrases; an unclosed quote runs to the end
 * - `OR` (upper case) between two terms makes them alternatives
 * - `-word`, `-"a phrase"` or `NOT word` excludes letters containing it;
 *   a query of exclusions only is allowed (all letters but those)
 * - a trailing `*` on a word is a prefix search: `baclo*`
 * - `AND` (upper case) is accepted and ignored (AND is the default)
 * Everything else (parentheses, `:`, `^`, stray quotes, SQL, emoji) is taken
 * literally: each term is sent to FTS5 as a quoted string, which FTS5
 * tokenizes like the indexed text, so punctuation simply separates tokens.
 */

/** One searchable term. `text` is as typed (never FTS5 syntax). */
export interface Term {
  kind: 'word' | 'phrase';
  text: string;
  /** Word prefix search (`baclo*`). */
  prefix: boolean;
}

/** A parsed query: every clause must match (each clause is an OR of terms), no `none` term may. */
export interface TextQuery {
  all: Term[][];
  none: Term[];
}

/** Longest query considered and most terms kept: bounds the work a single search can ask for. */
const MAX_INPUT = 2000;
const MAX_TERMS = 64;

/** A term can only match if FTS5's unicode61 tokenizer finds a token in it (letters, digits). */
const HAS_TOKEN = /[\p{L}\p{N}]/u;

interface Lexeme {
  text: string;
  quoted: boolean;
  negated: boolean;
}

function lex(input: string): Lexeme[] {
  // Control characters (NUL included) are never meaningful in a query.
  const s = input.slice(0, MAX_INPUT).replace(/[\u0000-\u001f\u007f]/g, ' ');
  const out: Lexeme[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let negated = false;
    if (c === '-' && i + 1 < s.length && !/\s/.test(s[i + 1]!)) {
      negated = true;
      i++;
    }
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      const stop = end === -1 ? s.length : end;
      out.push({ text: s.slice(i + 1, stop), quoted: true, negated });
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!) && s[j] !== '"') j++;
    out.push({ text: s.slice(i, j), quoted: false, negated });
    i = j;
  }
  return out;
}

/** Parses a user query; never throws. An empty result (no clauses, no exclusions) means "no text condition". */
export function parseTextQuery(input: string): TextQuery {
  const all: Term[][] = [];
  const none: Term[] = [];
  let negateNext = false;
  let orNext = false;
  let count = 0;
  for (const lx of lex(input)) {
    if (!lx.quoted && !lx.negated) {
      if (lx.text === 'AND') continue;
      if (lx.text === 'OR') {
        orNext = all.length > 0;
        continue;
      }
      if (lx.text === 'NOT') {
        negateNext = true;
        continue;
      }
    }
    const negated = lx.negated || negateNext;
    negateNext = false;
    const joinOr = orNext;
    orNext = false;
    let text = lx.text.trim();
    let prefix = false;
    if (!lx.quoted && text.endsWith('*')) {
      text = text.replace(/\*+$/, '');
      prefix = true;
    }
    if (!HAS_TOKEN.test(text) || count >= MAX_TERMS) continue;
    count++;
    const term: Term = { kind: lx.quoted ? 'phrase' : 'word', text, prefix };
    if (negated) none.push(term);
    else if (joinOr) all[all.length - 1]!.push(term);
    else all.push([term]);
  }
  return { all, none };
}

/** True when the query puts no condition on the text. */
export function isEmptyQuery(q: TextQuery): boolean {
  return q.all.length === 0 && q.none.length === 0;
}

/** An FTS5 string literal: the only escape inside is a doubled quote. */
function fts5String(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function fts5Term(t: Term): string {
  return t.prefix ? `${fts5String(t.text)} *` : fts5String(t.text);
}

function fts5Any(terms: readonly Term[]): string {
  const parts = terms.map(fts5Term);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/**
 * The FTS5 MATCH expression for the query's positive part (with its
 * exclusions), or null when the query has no positive term: FTS5 cannot
 * match "everything except", so callers exclude `toFts5Exclusion` instead.
 */
export function toFts5Match(q: TextQuery): string | null {
  if (q.all.length === 0) return null;
  const positive = q.all.map(fts5Any).join(' AND ');
  return q.none.length ? `(${positive}) NOT ${fts5Any(q.none)}` : positive;
}

/** The FTS5 expression matching any excluded term, or null when nothing is excluded. */
export function toFts5Exclusion(q: TextQuery): string | null {
  return q.none.length ? fts5Any(q.none) : null;
}
