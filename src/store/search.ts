import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Decision } from '../domain/index.js';
import { filteredLetters, hasAnyFilter, hasItemFilters, itemScope, letterCondition, type CorpusFilters } from './filters.js';
import { parseTextQuery } from './fts-query.js';
import type { Database } from './schema.js';
import type { SearchIndex } from './search-index.js';

/** Filters and paging for a search. */
export interface SearchOptions extends CorpusFilters {
  /** Page size, 1..200; default 20. */
  limit?: number;
  /** Results to skip; default 0. Pages end at the result window. */
  offset?: number;
  /** With words to match: best match first (default), or newest decision first. Without words results are always newest first. */
  sort?: 'relevance' | 'date';
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
  /** Letters matching in all (not just this page), counted up to the result window. */
  total: number;
  /** False when more letters match than the result window holds: `total` is then the window's size, a lower bound. */
  totalExact: boolean;
  hits: SearchHit[];
}

/**
 * How many matching letters a search considers, ranks and counts: pages
 * end there and larger totals are reported as "at least". A query that
 * matches most of a large corpus ("physical therapy" is in four letters of
 * five) would otherwise score every match, and its terms are then so
 * common that their relevance weights are near zero anyway; such a query is
 * ranked among its most recently added matches. Below the window, ranking
 * and counts are exact. (Elasticsearch makes the same trade with its
 * default result window of 10,000.)
 */
export const RESULT_WINDOW = 10_000;

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
 * Full-text search with filters. Ranked by relevance (the engine's: bm25 on
 * SQLite, ts_rank on PostgreSQL; best first, ties newest first) when the
 * query has a positive term, else newest
 * decision first. See RESULT_WINDOW for how far results and counts go.
 */
export async function searchLetters(
  db: Kysely<Database>,
  index: SearchIndex,
  query: string,
  options: SearchOptions,
  window: number = RESULT_WINDOW,
): Promise<SearchPage> {
  const text = parseTextQuery(query);
  const limit = bound(options.limit, 20, 1, 200);
  const offset = bound(options.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  const filtered = hasAnyFilter(options) ? (id: RawBuilder<number>) => letterCondition(db, options, id)! : null;
  const ranked = index.rankedWindow(text, filtered, window);

  let rows: { id: number; date_decision: string | null; score: number | null }[];
  let counted: number;
  if (ranked) {
    // The window's candidates, ranked and counted in one pass; `oldest` is
    // where to look for one more match when the window is full.
    const page =
      offset < window
        ? await db
            .selectFrom(ranked.as('m'))
            .select((eb) => [
              sql<number>`m.letter_id`.as('id'),
              sql<number>`m.score`.as('score'),
              eb.fn.countAll<number | string>().over().as('n'),
              sql<number>`min(m.letter_id) OVER ()`.as('oldest'),
            ])
            .$if(options.sort === 'date', (qb) => {
              // Newest decision first among the matches; undated letters last, then by relevance.
              const decided = sql`(SELECT l.date_decision FROM letters l WHERE l.id = m.letter_id)`;
              return qb.orderBy(sql`CASE WHEN ${decided} IS NULL THEN 1 ELSE 0 END`).orderBy(decided, 'desc');
            })
            .orderBy(sql`m.score`, 'desc')
            .orderBy(sql`m.letter_id`, 'desc')
            .limit(Math.min(limit, window - offset))
            .offset(offset)
            .execute()
        : [];
    const full =
      page[0] ??
      (await db
        .selectFrom(ranked.as('m'))
        .select((eb) => [eb.fn.countAll<number | string>().as('n'), sql<number>`min(m.letter_id)`.as('oldest')])
        .executeTakeFirstOrThrow());
    counted = Number(full.n);
    if (counted >= window) {
      const older = index.rankedWindow(text, filtered, 1, Number(full.oldest))!;
      if (await db.selectFrom(older.as('o')).select(sql`1`.as('x')).executeTakeFirst()) counted = window + 1;
    }
    rows = page.map((r) => ({ id: Number(r.id), date_decision: null, score: Number(r.score) }));
  } else {
    // No positive term: the filtered letters (exclusions applied), newest decision first.
    const scoped = filteredLetters(db, options, index, text);
    rows = offset < window
      ? await scoped
          .select(['l.id', 'l.date_decision'])
          .select(sql<null>`NULL`.as('score'))
          .orderBy('l.date_decision', (ob) => ob.desc().nullsLast())
          .orderBy('l.id', 'desc')
          .limit(Math.min(limit, window - offset))
          .offset(offset)
          .execute()
      : [];
    const capped = scoped.select('l.id').limit(window + 1);
    counted = Number((await db.selectFrom(capped.as('c')).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  }
  const total = Math.min(counted, window);
  const totalExact = counted <= window;
  if (rows.length === 0) return { total, totalExact, hits: [] };
  const ids = rows.map((r) => r.id);
  const details = new Map(
    (
      await db
        .selectFrom('letters as l')
        .innerJoin('letter_texts as t', 't.letter_id', 'l.id')
        .select(['l.id', 'l.case_number', 'l.date_decision', 't.clinical_summary'])
        .where('l.id', 'in', ids)
        .execute()
    ).map((r) => [r.id, r]),
  );
  const itemFiltered = hasItemFilters(options);
  const matching = itemScope(db, options, 'probe').where('i.letter_id', 'in', ids).select('i.id');
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
    totalExact,
    hits: rows.map((r) => ({
      id: r.id,
      caseNumber: details.get(r.id)?.case_number ?? null,
      decisionDate: details.get(r.id)?.date_decision ?? null,
      score: r.score === null || r.score === undefined ? null : Number(r.score),
      snippet: snippets.get(r.id) ?? excerpt(details.get(r.id)?.clinical_summary ?? ''),
      items: byLetter.get(r.id) ?? [],
    })),
  };
}

