/**
 * Stored letters: writing them in batches with their rows, facet counts and text, reading them back, outcome statistics and precedents.
 */
export { DeterminationRepository, type DeterminationRepositoryOptions, type LetterToStore, QUERY_BUDGET_MS, type StoredDetermination } from './determinations.js';
export { type BulkLoadReport } from './bulk-load.js';
export { type InsertResult, type InsertStage } from './insert.js';
export { type OriginalLetter, type PreparedLetter, type PreparedResult, prepareLetter } from './rows.js';
export { type SimilarLetter } from './similar.js';
export { scanStats, STATS_DIMENSIONS, type StatsDimension, type StatsFilters, type StatsRow } from './stats.js';
