import { ValidationError } from '../../domain/index.js';
import { reply, type ApiRouter } from '../route.js';
import { pageOf, SearchPage, SearchQuery, StatsQuery, StatsResult } from '../schemas/index.js';
import type { ApiServices } from '../services.js';

/** A refusal of the corpus service, its issues placed under `query` (where the filters came from). */
async function inQuery<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(err.message, err.issues.map((i) => ({ ...i, path: ['query', ...i.path] })));
    throw err;
  }
}

/** Full-text search and outcome statistics over the published corpus. */
export function registerCorpusRoutes(router: ApiRouter, s: ApiServices): void {
  router.add({
    method: 'get',
    path: '/api/corpus/search',
    operationId: 'searchCorpus',
    summary: 'Search the published letters',
    description: 'Ranked by relevance when the query has a word and at most the result window (2,000) letters match; more matches come most recently added first, with an estimated total; without a word, newest decision first. `order` says which applied. Counts stop at the result window (totalExact false). A search past its time budget is stopped: 503 STORE_TIMEOUT.',
    tag: 'corpus',
    access: 'corpus:read',
    query: SearchQuery,
    responses: { 200: { description: 'a page of letters found', schema: SearchPage } },
    handler: async ({ query }) => {
      const res = await inQuery(s.corpus.search(query));
      return reply({ ...pageOf(res.hits, res.total, query, res.totalExact), order: res.order, estimatedTotal: res.estimatedTotal });
    },
  });

  router.add({
    method: 'get',
    path: '/api/corpus/stats',
    operationId: 'corpusStats',
    summary: 'Outcome counts of the disputed items, grouped',
    tag: 'corpus',
    access: 'corpus:read',
    query: StatsQuery,
    responses: { 200: { description: 'counts per group, most items first', schema: StatsResult } },
    handler: async ({ query }) => {
      const rows = await inQuery(s.corpus.stats(query));
      return reply({ by: query.by, rows });
    },
  });
}
