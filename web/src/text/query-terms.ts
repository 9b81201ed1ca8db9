/**
 * Finding a search query's words in a letter's text, to highlight them
 * where the letter is shown. The search engine matches word stems (porter
 * on SQLite, the English configuration on PostgreSQL); this approximates it
 * by comparing words with their common English endings removed, and treats
 * `word*` as a prefix, as the query syntax does.
 */
import type { Range } from './segments.js';

/** One positive term of a query: a word's stem, or a prefix. */
export interface QueryTerm {
  stem: string;
  prefix: boolean;
}

const OPERATORS = new Set(['and', 'or', 'not']);

/** A word with its common inflectional endings removed ("injections" → "inject"). */
export function stem(word: string): string {
  let w = word.toLowerCase();
  for (const [end, keep] of [
    ['ations', 'ate'],
    ['ation', 'ate'],
    ['ies', 'y'],
    ['ings', ''],
    ['ing', ''],
    ['ions', ''],
    ['ion', ''],
    ['ed', ''],
    ['es', ''],
    ['s', ''],
  ] as const) {
    if (w.length - end.length >= 3 && w.endsWith(end) && !(end === 's' && w.endsWith('ss'))) {
      w = w.slice(0, w.length - end.length) + keep;
      break;
    }
  }
  return w;
}

/** The words a query asks for (excluded words and operators left out). */
export function queryTerms(query: string): QueryTerm[] {
  const out = new Map<string, QueryTerm>();
  // Words in quotes are phrase words: each is highlighted where it occurs.
  const tokens = query.replace(/"/g, ' ').split(/\s+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.startsWith('-')) continue;
    if (t.toLowerCase() === 'not') {
      i++;
      continue;
    }
    if (OPERATORS.has(t.toLowerCase())) continue;
    const prefix = t.endsWith('*');
    for (const w of t.replace(/\*$/, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      const term = { stem: prefix ? w : stem(w), prefix };
      out.set(`${term.prefix}:${term.stem}`, term);
    }
  }
  return [...out.values()];
}

/** Where the query's terms occur in `text`, as ranges with key "match". */
export function termRanges(text: string, terms: readonly QueryTerm[]): Range[] {
  if (terms.length === 0) return [];
  const out: Range[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0].toLowerCase();
    const s = stem(w);
    if (terms.some((t) => (t.prefix ? w.startsWith(t.stem) : s === t.stem))) out.push({ start: m.index, end: m.index + m[0].length, key: 'match' });
  }
  return out;
}
