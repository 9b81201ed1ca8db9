/**
 * Moving a database: the export file format, export, import and SQLite's online backup.
 */
export { exportDatabase, type ExportSummary } from './export.js';
export { EXPORT_FORMAT, EXPORT_VERSION, type ExportCounts, ExportFileError, type ExportHeader, type ExportRecord, type ExportTrailer, RECORD_TYPES, type RecordType } from './export-format.js';
export { importDatabase, type ImportOptions, type ImportSummary, ImportTargetError } from './import.js';
export { backupSqlite, type BackupSummary } from './sqlite-backup.js';
