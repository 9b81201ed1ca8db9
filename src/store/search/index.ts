/**
 * Full-text search of the corpus on SQLite (FTS5) and PostgreSQL (tsvector): what a person types made into a safe query, filters, ranking and snippets.
 */
export { type CorpusFilters } from './filters.js';
export { parseTextQuery, type Term, type TextQuery, toFts5Exclusion, toFts5Match } from './fts-query.js';
export { type ItemSummary, RESULT_WINDOW, type SearchHit, type SearchOptions, type SearchOrder, type SearchPage } from './search.js';
export { HIGHLIGHT, type RankedLetter, type SearchIndex, type StoreDialect } from './search-index.js';
