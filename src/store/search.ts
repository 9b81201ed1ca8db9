import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Decision } from '../domain/index.js';
import { hasItemFilters, itemScope, whereLetters, type CorpusFilters } from './filters.js';
import { parseTextQuery } from './fts-query.js';
import type { Database } from './schema.js';
import type { SearchIndex } from './search-index.js';

/** Filters and paging for a search. */
export interface SearchOptions extends CorpusFilters {
  /** Page size, 1..200; default 20. */
  limit?: number;
  /** Results to skip; default 0. */
  offset?: number;
}

/** One disputed item of a search hit. */
export interface ItemSummary {
  idx: number;
  request: string;
  decision: Decision;
  category: string;
  treatment: string;
  /** Whether this item satisfies the item-level filters (always true without any). */
  matchesFilters: boolean;
}

/** One letter found. */
export interface SearchHit {
  id: number;
  caseNumber: string | null;
  decisionDate: string | null;
  /** Relevance, higher is better; null when the query had no positive text term. */
  score: number | null;
  /**
   * Text around the matched terms, which are wrapped in `«` and `»`; `…`
   * marks cut text. Without a text match: the start of the clinical summary.
   */
  snippet: string;
  items: ItemSummary[];
}

export interface SearchPage {
  /** Letters matching in all (not just this page). */
  total: number;
  hits: SearchHit[];
}

const EXCERPT_CHARS = 240;

function excerpt(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= EXCERPT_CHARS) return t;
  const cut = t.slice(0, EXCERPT_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT_CHARS / 2))}…`;
}

function bound(n: number | undefined, dflt: number, min: number, max: number): number {
  return n === undefined || !Number.isFinite(n) ? dflt : Math.min(max, Math.max(min, Math.floor(n)));
}

/**
 * Full-text search with filters. Ranked by relevance (bm25) when the query
 * has a positive term, else newest decision first.
 */
export async function searchLetters(db: Kysely<Database>, index: SearchIndex, query: string, options: SearchOptions): Promise<SearchPage> {
  const text = parseTextQuery(query);
  const limit = bound(options.limit, 20, 1, 200);
  const offset = bound(options.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  const ranked = index.ranked(text);
  const excluded = index.excludedIds(text);

  // Every letter as an unranked "match" when there is no positive term, so
  // one query shape serves both cases (a primary-key self-join).
  const source = ranked ?? sql<{ letter_id: number; score: number | null }>`(SELECT id AS letter_id, NULL AS score FROM letters)`;
  const scoped = <QB extends SelectQueryBuilder<any, any, any>>(qb: QB): QB => {
    let out = whereLetters(qb, db, options, index) as SelectQueryBuilder<any, any, any>;
    if (hasItemFilters(options)) {
      // With a text match, the matched letters are few: probe each one's
      // items (correlated). Without one, collect the qualifying items once
      // through their indexes (uncorrelated): probing every letter would
      // let the planner pick an item index per letter.
      out = ranked
        ? out.where((eb) => eb.exists(itemScope(db, options).select('i.id').whereRef('i.letter_id', '=', sql.ref('l.id'))))
        : out.where(sql.ref('l.id'), 'in', itemScope(db, options).select('i.letter_id'));
    }
    if (excluded) out = out.where(sql.ref('l.id'), 'not in', excluded);
    return out as QB;
  };
  const q = scoped(db.selectFrom(source.as('m')).innerJoin('letters as l', 'l.id', 'm.letter_id'));

  // Page on narrow rows only; wide columns are fetched for the page after.
  // Ranked: every match is scored and sorted anyway, so the total rides
  // along as a window count. Unranked: the page can follow the date index,
  // and a separate count over the letters table alone is cheaper than
  // materialising every row.
  const countLetters = async () =>
    Number((await scoped(db.selectFrom('letters as l')).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  let rows: { id: number; date_decision: string | null; score: number | null; total?: number | string }[];
  let total: number;
  if (ranked) {
    rows = await q
      .select((eb) => ['l.id', 'l.date_decision', 'm.score', eb.fn.countAll<number | string>().over().as('total')])
      .orderBy('m.score', 'desc')
      .orderBy('l.date_decision', (ob) => ob.desc().nullsLast())
      .orderBy('l.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    total = rows.length
      ? Number(rows[0]!.total)
      : offset === 0
        ? 0
        : Number((await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  } else {
    rows = await q
      .select(['l.id', 'l.date_decision', 'm.score'])
      .orderBy('l.date_decision', (ob) => ob.desc().nullsLast())
      .orderBy('l.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    total = await countLetters();
  }
  if (rows.length === 0) return { total, hits: [] };
  const ids = rows.map((r) => r.id);
  const details = new Map(
    (
      await db
        .selectFrom('letters as l')
        .innerJoin('letter_texts as t', 't.letter_id', 'l.id')
        .select(['l.id', 'l.case_number', 't.clinical_summary'])
        .where('l.id', 'in', ids)
        .execute()
    ).map((r) => [r.id, r]),
  );
  const itemFiltered = hasItemFilters(options);
  const matching = itemScope(db, options).where('i.letter_id', 'in', ids).select('i.id');
  const items = await db
    .selectFrom('items as it')
    .select(['it.letter_id', 'it.idx', 'it.request', 'it.decision', 'it.category', 'it.treatment_name'])
    .select((eb) =>
      (itemFiltered ? eb.case().when('it.id', 'in', matching).then(1).else(0).end() : eb.lit(1)).as('matches'),
    )
    .where('it.letter_id', 'in', ids)
    .orderBy('it.letter_id')
    .orderBy('it.idx')
    .execute();
  const byLetter = new Map<number, ItemSummary[]>();
  for (const it of items) {
    const list = byLetter.get(it.letter_id) ?? [];
    list.push({
      idx: it.idx,
      request: it.request,
      decision: it.decision,
      category: it.category,
      treatment: it.treatment_name,
      matchesFilters: Number(it.matches) === 1,
    });
    byLetter.set(it.letter_id, list);
  }
  const snippets = ranked ? await index.snippets(db, text, ids) : new Map<number, string>();
  return {
    total,
    hits: rows.map((r) => ({
      id: r.id,
      caseNumber: details.get(r.id)?.case_number ?? null,
      decisionDate: r.date_decision,
      score: r.score === null || r.score === undefined ? null : Number(r.score),
      snippet: snippets.get(r.id) ?? excerpt(details.get(r.id)?.clinical_summary ?? ''),
      items: byLetter.get(r.id) ?? [],
    })),
  };
}

