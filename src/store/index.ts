/**
 * The corpus store: parsed IMR determination letters in a relational schema
 * (letters, items, drugs, guideline citations, reviewer facets) with a
 * full-text index, behind one Kysely query layer, on SQLite (a file, the
 * default) or PostgreSQL (a URL). Queries are portable SQL; engine-specific
 * parts (connections, the full-text index, the audit chain's lock) live in
 * sqlite.ts and postgres.ts behind the StoreDialect/SearchIndex interfaces.
 *
 * Search snippets mark matched terms with `«` and `»` (see HIGHLIGHT).
 */
export { openStore, openWithDialect, repositoriesOf, type CaseRepositories, type Store, type StoreOptions, type TransactionRepositories } from './engines/index.js';
export { AuditRepository, type AuditFilter, type AuditVerification } from './cases/index.js';
export { auditSealFor, readCheckpoint, writeCheckpoint, MIN_AUDIT_KEY_CHARS, type AuditSeal } from './cases/index.js';
export { MAX_STORED_INT, storableId } from './ids.js';
export { redactUrl } from './engines/index.js';
export { CaseRepository, type CaseFilter, type CaseToInsert } from './cases/index.js';
export { DraftRepository, type StoredDraft } from './cases/index.js';
export { IssuedDeterminationRepository } from './cases/index.js';
export { ReviewerRepository } from './cases/index.js';
export { SessionRepository, UserRepository, type StoredSession, type StoredUser, type UserToInsert } from './accounts/index.js';
export {
  DeterminationRepository,
  QUERY_BUDGET_MS,
  type BulkLoadReport,
  type DeterminationRepositoryOptions,
  type LetterToStore,
  type StoredDetermination,
} from './corpus/index.js';
export { StoreError, storageFailure, type StoreErrorKind } from './errors.js';
export type { CorpusFilters } from './search/index.js';
export { parseTextQuery, toFts5Match, toFts5Exclusion, type Term, type TextQuery } from './search/index.js';
export type { InsertResult, InsertStage } from './corpus/index.js';
export { prepareLetter, type OriginalLetter, type PreparedLetter, type PreparedResult } from './corpus/index.js';
export type { Database, OriginalFormat } from './schema.js';
export { HIGHLIGHT, type SearchIndex, type StoreDialect, type RankedLetter } from './search/index.js';
export { RESULT_WINDOW, type ItemSummary, type SearchHit, type SearchOptions, type SearchOrder, type SearchPage } from './search/index.js';
export { STATS_DIMENSIONS, type StatsDimension, type StatsFilters, type StatsRow } from './corpus/index.js';
export { exportDatabase, type ExportSummary } from './portability/index.js';
export { EXPORT_FORMAT, EXPORT_VERSION, ExportFileError, RECORD_TYPES, type ExportCounts, type ExportHeader, type ExportRecord, type ExportTrailer, type RecordType } from './portability/index.js';
export { importDatabase, ImportTargetError, type ImportOptions, type ImportSummary } from './portability/index.js';
export { backupSqlite, type BackupSummary } from './portability/index.js';
export type { SimilarLetter } from './corpus/index.js';
