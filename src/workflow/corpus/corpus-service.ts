/**
 * The published corpus as the API and the CLI read it: search and outcome
 * statistics from raw filter values, checked against the domain's one
 * definition of the corpus filters (parseCorpusFilters) before anything is
 * read. Routes and commands stay thin: they validate their own shape of
 * the request and hand it here.
 */
import { parseCorpusFilters, type CorpusFilterName } from '../../domain/index.js';
import type { DeterminationRepository, SearchPage, StatsDimension, StatsRow } from '../../store/index.js';

/** Filter values as received (query parameters, flags): text, checked here. */
export type RawCorpusFilters = Partial<Record<CorpusFilterName, string | undefined>>;

export interface CorpusSearchRequest extends RawCorpusFilters {
  /** The search words (fts-query syntax); empty lists the filtered letters. */
  q: string;
  limit?: number | undefined;
  offset?: number | undefined;
  sort?: 'relevance' | 'date' | undefined;
}

export interface CorpusStatsRequest extends RawCorpusFilters {
  by: StatsDimension;
  /** Only letters matching these words. */
  q?: string | undefined;
}

export class CorpusService {
  constructor(private readonly corpus: DeterminationRepository) {}

  /** A page of letters found; ValidationError naming the filter when one is not valid (nothing is read). */
  async search(r: CorpusSearchRequest): Promise<SearchPage> {
    const filters = parseCorpusFilters(r);
    return this.corpus.search(r.q, { ...filters, ...(r.limit !== undefined ? { limit: r.limit } : {}), ...(r.offset !== undefined ? { offset: r.offset } : {}), ...(r.sort ? { sort: r.sort } : {}) });
  }

  /** Outcome counts grouped by `by`, most items first; ValidationError naming the filter when one is not valid. */
  async stats(r: CorpusStatsRequest): Promise<StatsRow[]> {
    const filters = parseCorpusFilters(r);
    return this.corpus.stats(r.by, { ...filters, ...(r.q ? { query: r.q } : {}) });
  }
}
