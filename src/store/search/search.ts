import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Decision } from '../../domain/index.js';
import { containsCi, filteredLetters, hasAnyFilter, hasItemFilters, hasLetterConditions, inItemOrder, itemOrderedLetters, itemScope, letterCondition, type CorpusFilters } from './filters.js';
import type { TextQuery } from './fts-query.js';
import { parseTextQuery } from './fts-query.js';
import type { Database } from '../schema.js';
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

/**
 * How a page of hits is ordered. `relevance`: best match first (every match
 * scored); `decision-date`: newest decision first; `added`: most recently
 * added first, for a text query matching more letters than the result
 * window, whose terms are too common to rank by (their relevance weights
 * are near nil) and whose matches are too many to sort cheaply.
 */
export type SearchOrder = 'relevance' | 'decision-date' | 'added';

export interface SearchPage {
  /** Letters matching in all (not just this page), counted up to the result window. */
  total: number;
  /** False when more letters match than the result window holds: `total` is then the window's size, a lower bound. */
  totalExact: boolean;
  /**
   * When `totalExact` is false and the query has words: how many letters
   * match, estimated from how densely the most recent ones match; else null.
   */
  estimatedTotal: number | null;
  /** The order the hits are in (which may differ from the order asked for: see SearchOrder). */
  order: SearchOrder;
  hits: SearchHit[];
}

/**
 * How many matching letters a search counts, ranks and pages through. A
 * text query with at most this many matches (with the filters) is ranked by
 * relevance and counted exactly. One with more comes most recently added
 * first, unscored (order `added`), its total a lower bound with an estimate
 * beside it: its terms are then common enough that their relevance weights
 * are near nil, and scoring every match (bm25 costs a few microseconds a
 * letter) or counting them all (each probed against the filters) would make
 * the cost grow with the corpus. A listing without words counts and pages
 * up to the window likewise.
 */
export const RESULT_WINDOW = 2_000;

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
  within: RawBuilder<SqlBool> | null = null,
): Promise<SearchPage> {
  const text = parseTextQuery(query);
  const limit = bound(options.limit, 20, 1, 200);
  const offset = bound(options.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  // The time budget's condition first, so it is checked on every row read, whether the filters admit it or not.
  const conditions = (id: RawBuilder<number>) => {
    const parts = [within, hasAnyFilter(options) ? letterCondition(db, options, id) : null].filter((p): p is RawBuilder<SqlBool> => p !== null);
    return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
  };
  const filtered = within || hasAnyFilter(options) ? conditions : null;
  const counting = index.recentMatches(text, filtered, window + 1);

  let rows: { id: number; score: number | null }[];
  let counted: number;
  let order: SearchOrder;
  let estimatedTotal: number | null = null;
  if (counting) {
    // How many match, up to one past the window, reading ids only: a word in
    // nearly every letter stops after the window's worth of its newest matches.
    const tally = await db
      .selectFrom(counting.as('m'))
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), sql<number | null>`min(m.letter_id)`.as('oldest'), sql<number | null>`max(m.letter_id)`.as('newest')])
      .executeTakeFirstOrThrow();
    counted = Number(tally.n);
    if (counted <= window) {
      // Few enough to score every match: best first (or newest decision first, as asked).
      order = options.sort === 'date' ? 'decision-date' : 'relevance';
      const ranked = index.rankedWindow(text, filtered, window)!;
      const page =
        offset < counted
          ? await db
              .selectFrom(ranked.as('m'))
              .select([sql<number>`m.letter_id`.as('id'), sql<number>`m.score`.as('score')])
              .$if(options.sort === 'date', (qb) => {
                // Newest decision first among the matches; undated letters last, then by relevance.
                const decided = sql`(SELECT l.date_decision FROM letters l WHERE l.id = m.letter_id)`;
                return qb.orderBy(sql`CASE WHEN ${decided} IS NULL THEN 1 ELSE 0 END`).orderBy(decided, 'desc');
              })
              .orderBy(sql`m.score`, 'desc')
              .orderBy(sql`m.letter_id`, 'desc')
              .limit(limit)
              .offset(offset)
              .execute()
          : [];
      rows = page.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
    } else {
      // More than the window: most recently added first, unscored, and the
      // total estimated from the matches' density among the newest letters.
      order = 'added';
      const newest = (await db.selectFrom('letters').select((eb) => eb.fn.max('id').as('top')).executeTakeFirst())?.top;
      const span = Number(newest ?? tally.newest) - Number(tally.oldest) + 1;
      estimatedTotal = span > 0 ? Math.max(counted, Math.round((counted / span) * Number(newest ?? tally.newest))) : null;
      const recent = offset < window ? index.recentMatches(text, filtered, Math.min(limit, window - offset), offset)! : null;
      rows = recent ? (await db.selectFrom(recent.as('m')).select(sql<number>`m.letter_id`.as('id')).execute()).map((r) => ({ id: Number(r.id), score: null })) : [];
    }
  } else {
    // No positive term: the filtered letters (exclusions applied), newest decision first.
    order = 'decision-date';
    counted = await countListing(db, options, index, text, window, within);
    rows = offset < window ? await listingPage(db, options, index, text, counted <= window, Math.min(limit, window - offset), offset, within) : [];
  }
  const total = Math.min(counted, window);
  const totalExact = counted <= window;
  if (rows.length === 0) return { total, totalExact, estimatedTotal, order, hits: [] };
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
  const snippets = counting ? await index.snippets(db, text, ids) : new Map<number, string>();
  return {
    total,
    totalExact,
    estimatedTotal,
    order,
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


/** The decision-date range of `f` alone. */
function datesOf(f: CorpusFilters): CorpusFilters {
  return { ...(f.from !== undefined ? { from: f.from } : {}), ...(f.to !== undefined ? { to: f.to } : {}) };
}

/** Every filter of `f` but the decision-date range, as one probe on `l.id`; null when there is none. */
function probeOf(db: Kysely<Database>, f: CorpusFilters): RawBuilder<SqlBool> | null {
  const { from: _from, to: _to, ...rest } = f;
  return letterCondition(db, rest, sql.ref<number>('l.id'));
}

/**
 * How many letters, newest decision first, a listing reads and probes
 * against its filters before it turns to collecting every match.
 */
function probeScan(offset: number, limit: number): number {
  return 10_000 + 50 * (offset + limit);
}

/** How many of the newest letters a count probes first: filters admitting at least a tenth of them pass the window there. */
const COUNT_PROBES = 20_000;

/** The newest `n` letters in the date range (with the text query's exclusions), newest decision first, as `l`. */
function newestLetters(db: Kysely<Database>, f: CorpusFilters, index: SearchIndex, text: TextQuery, n: number, within: RawBuilder<SqlBool> | null) {
  let q = filteredLetters(db, datesOf(f), index, text);
  if (within) q = q.where(within);
  return newestFirst(q.select(['l.id', 'l.date_decision'])).limit(n);
}

function newestFirst<QB extends SelectQueryBuilder<any, any, any>>(q: QB): QB {
  return q.orderBy('l.date_decision', (ob) => ob.desc().nullsLast()).orderBy('l.id', 'desc') as QB;
}

/**
 * How many letters a listing without words holds, counted up to one past
 * the window. With a drug, or a category and a decision, and no letter
 * condition but a date range (inItemOrder), the matching letters read from
 * that filter's index within the range until the window is passed. With
 * other item filters alone (but a guideline), the matching items' distinct
 * letter ids, read from one index in letter order likewise. Else
 * first among the newest letters (COUNT_PROBES of
 * them), each probed against the filters: filters admitting many letters
 * pass the window there, where collecting everything they admit first
 * would cost in proportion to it (half the corpus cites a "Low Back"
 * guideline); failing that, the filtered letters.
 */
async function countListing(db: Kysely<Database>, f: SearchOptions, index: SearchIndex, text: TextQuery, window: number, within: RawBuilder<SqlBool> | null): Promise<number> {
  const countOf = async (capped: SelectQueryBuilder<any, any, any>) =>
    Number((await db.selectFrom(capped.as('c')).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  if (inItemOrder(f) && text.none.length === 0) {
    // Each item filter reads one index (category, decision, drug class, a drug's rows), within the date range if any.
    let items = itemOrderedLetters(db, f);
    if (within) items = items.where(within);
    return countOf(items.limit(window + 1));
  }
  if (hasItemFilters(f) && !hasLetterConditions(f) && !f.guideline?.trim() && text.none.length === 0) {
    // Any other item filters alone: one index each (category, decision, drug class) read in letter order.
    let items = itemScope(db, f, 'collect').select('i.letter_id').distinct();
    if (within) items = items.where(within);
    return countOf(items.limit(window + 1));
  }
  const guideline = f.guideline?.trim();
  if (guideline && !hasLetterConditions(f) && text.none.length === 0) {
    // The letters citing a matching document, then those citing a matching source, each read from
    // its citations index until the window is passed: either alone past it puts the whole past it.
    for (const [column, kind] of [
      ['c.document', 'guideline-document'],
      ['c.source', 'guideline-source'],
    ] as const) {
      // The matching values first: with none (no document names "ODG"), the items would be scanned for nothing.
      const values = (await db.selectFrom('facets as fv').select('fv.value').where('fv.kind', '=', kind).where((fb) => containsCi(fb.ref('fv.value'), guideline)).execute()).map((r) => r.value);
      if (values.length === 0 || values.length > 500) continue;
      let citing = itemScope(db, { ...f, guideline: undefined }, 'probe')
        .innerJoin('citations as c', 'c.item_id', 'i.id')
        .where(column, 'in', values)
        .select('i.letter_id')
        .distinct();
      if (within) citing = citing.where(within);
      const n = await countOf(citing.limit(window + 1));
      if (n > window) return n;
    }
  }
  const probe = probeOf(db, f);
  if (probe) {
    const dense = await countOf(db.selectFrom(newestLetters(db, f, index, text, COUNT_PROBES, within).as('l')).select('l.id').where(probe).limit(window + 1));
    if (dense > window) return dense;
  }
  let scoped = filteredLetters(db, f, index, text);
  if (within) scoped = scoped.where(within);
  return countOf(scoped.select('l.id').limit(window + 1));
}

/**
 * One page of a listing without words, newest decision first.
 *
 * With a drug, or a category and a decision, and no letter condition but a
 * date range (inItemOrder): a page of that filter's index, which holds the
 * letters' decision dates (migration 0014) and so reads in listing order;
 * at 100,000 letters the drug baclofen had cost 63 CPU-ms (p95) a page,
 * sorting every letter it is in. Otherwise, few matches (at most the
 * window) and no date range, or no filter but the dates: the matching
 * letters are collected and sorted (at most the
 * window's worth, or read in order from the date index). Otherwise the
 * newest letters (within the date range, if any) are read from the
 * decision-date index, at most probeScan() of them, and each probed against
 * the other filters: with matches dense among them the page is found early,
 * where sorting every match would cost in proportion to the matches (at a
 * million letters, imaging + overturned sorted 43,000 letters per page).
 * When the page is not full there (the matches are sparse or old), the
 * matching letters are collected and sorted after all.
 */
async function listingPage(
  db: Kysely<Database>,
  f: SearchOptions,
  index: SearchIndex,
  text: TextQuery,
  few: boolean,
  limit: number,
  offset: number,
  within: RawBuilder<SqlBool> | null,
): Promise<{ id: number; score: null }[]> {
  const collected = async () => {
    let scoped = filteredLetters(db, f, index, text);
    if (within) scoped = scoped.where(within);
    return (await newestFirst(scoped.select(['l.id', 'l.date_decision'])).limit(limit).offset(offset).execute()).map((r) => ({ id: r.id, score: null }));
  };
  if (inItemOrder(f) && text.none.length === 0) {
    // Read in listing order from the filter's index (migration 0014): a page reads a page of it.
    let ordered = itemOrderedLetters(db, f);
    if (within) ordered = ordered.where(within);
    return (await ordered.limit(limit).offset(offset).execute()).map((r) => ({ id: Number(r.letter_id), score: null }));
  }
  const dated = f.from?.trim() || f.to?.trim();
  const probe = probeOf(db, f);
  if ((few && !dated) || !probe) return collected();
  const prefix = newestLetters(db, f, index, text, probeScan(offset, limit), within);
  const page = await newestFirst(db.selectFrom(prefix.as('l')).select(['l.id', 'l.date_decision']).where(probe)).limit(limit).offset(offset).execute();
  if (page.length === limit) return page.map((r) => ({ id: r.id, score: null }));
  return collected();
}
