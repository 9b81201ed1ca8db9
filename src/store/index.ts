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
export { openStore, openWithDialect, repositoriesOf, type CaseRepositories, type Store, type StoreOptions, type TransactionRepositories } from './db.js';
export { AuditRepository, type AuditFilter, type AuditVerification } from './audit.js';
export { auditSealFor, readCheckpoint, writeCheckpoint, MIN_AUDIT_KEY_CHARS, type AuditSeal } from './audit-seal.js';
export { MAX_STORED_INT, storableId } from './ids.js';
export { redactUrl } from './postgres.js';
export { CaseRepository, type CaseFilter, type CaseToInsert } from './cases.js';
export { DraftRepository, type StoredDraft } from './drafts.js';
export { IssuedDeterminationRepository } from './issued.js';
export { ReviewerRepository } from './reviewers.js';
export { SessionRepository, UserRepository, type StoredSession, type StoredUser, type UserToInsert } from './users.js';
export {
  DeterminationRepository,
  QUERY_BUDGET_MS,
  type DeterminationRepositoryOptions,
  type LetterToStore,
  type StoredDetermination,
} from './determinations.js';
export { StoreError, storageFailure, type StoreErrorKind } from './errors.js';
export type { CorpusFilters } from './filters.js';
export { parseTextQuery, toFts5Match, toFts5Exclusion, type Term, type TextQuery } from './fts-query.js';
export type { InsertResult, InsertStage } from './insert.js';
export { prepareLetter, type OriginalLetter, type PreparedLetter, type PreparedResult } from './rows.js';
export type { Database, OriginalFormat } from './schema.js';
export { HIGHLIGHT, type SearchIndex, type StoreDialect, type RankedLetter } from './search-index.js';
export { RESULT_WINDOW, type ItemSummary, type SearchHit, type SearchOptions, type SearchOrder, type SearchPage } from './search.js';
export { STATS_DIMENSIONS, type StatsDimension, type StatsFilters, type StatsRow } from './stats.js';
export { exportDatabase, type ExportSummary } from './export.js';
export { EXPORT_FORMAT, EXPORT_VERSION, ExportFileError, RECORD_TYPES, type ExportCounts, type ExportHeader, type ExportRecord, type ExportTrailer, type RecordType } from './export-format.js';
export { importDatabase, ImportTargetError, type ImportOptions, type ImportSummary } from './import.js';
export { backupSqlite, type BackupSummary } from './sqlite-backup.js';
export type { SimilarLetter } from './similar.js';
