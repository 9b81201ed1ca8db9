export { openStore, openWithDialect, type Store, type StoreOptions } from './db.js';
export {
  DeterminationRepository,
  type DeterminationRepositoryOptions,
  type LetterToStore,
  type StoredDetermination,
} from './determinations.js';
export { StoreError, type StoreErrorKind } from './errors.js';
export type { CorpusFilters } from './filters.js';
export { parseTextQuery, toFts5Match, toFts5Exclusion, type Term, type TextQuery } from './fts-query.js';
export type { InsertResult, InsertStage } from './insert.js';
export type { OriginalLetter } from './rows.js';
export type { Database, OriginalFormat } from './schema.js';
export { HIGHLIGHT, type SearchIndex, type StoreDialect, type RankedLetter } from './search-index.js';
export type { ItemSummary, SearchHit, SearchOptions, SearchPage } from './search.js';
export type { StatsDimension, StatsFilters, StatsRow } from './stats.js';
