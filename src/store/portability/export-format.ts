/**
 * The export format (docs/export-format.md): gzip-compressed JSON Lines,
 * UTF-8. The first line is a header naming the format, its version and how
 * many records of each type follow; then one record per line, by type in
 * the order of RECORD_TYPES; the last line is a trailer repeating the counts
 * with the sha256 of every line before it, so a file cut short or changed
 * anywhere is refused.
 */
import type { AuditEntry, Determination, ImrCase, IssuedDetermination, Reviewer } from '../../domain/index.js';
import type { StoredDraft } from '../cases/drafts.js';
import type { StoredUser } from '../accounts/users.js';
import { ImrError } from '../../domain/index.js';
import type { OriginalFormat } from '../schema.js';

export const EXPORT_FORMAT = 'openimr-export';
export const EXPORT_VERSION = 1;

/** Record types, in the order they appear in a file (each refers only to types before it). */
export const RECORD_TYPES = ['reviewer', 'user', 'case-number-sequence', 'letter', 'case', 'issued', 'draft', 'audit'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export type ExportCounts = Record<RecordType, number>;

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  /** ISO timestamp of the export. */
  createdAt: string;
  /** The database it came from: dialect name and latest schema migration. */
  source: { dialect: string; schema: string | null };
  counts: ExportCounts;
  /** Hash of the last audit entry (the chain's head), to compare with one recorded elsewhere; null with no entries. */
  auditHead: string | null;
}

export interface ReviewerRecord {
  type: 'reviewer';
  reviewer: Reviewer;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * A user account with its password hash (never the password): a restore
 * lets everyone sign in as before. Sessions are not exported; after a
 * restore everyone signs in again.
 */
export interface UserRecord {
  type: 'user';
  user: StoredUser;
}

export interface SequenceRecord {
  type: 'case-number-sequence';
  /** Two-digit year. */
  year: number;
  lastValue: number;
}

export interface LetterRecord {
  type: 'letter';
  id: number;
  ingestedAt: string;
  determination: Determination;
  original: { text: string; format: OriginalFormat };
}

export interface CaseRecord {
  type: 'case';
  case: ImrCase;
}

export type IssuedRecord = { type: 'issued' } & IssuedDetermination;

/** The engine's draft a case's reviewer was shown (stored when the case entered review). */
export type DraftRecord = { type: 'draft' } & StoredDraft;

export type AuditRecord = { type: 'audit' } & AuditEntry;

export type ExportRecord = ReviewerRecord | UserRecord | SequenceRecord | LetterRecord | CaseRecord | IssuedRecord | DraftRecord | AuditRecord;

export interface ExportTrailer {
  type: 'end';
  counts: ExportCounts;
  /** sha256 (hex) of the file's uncompressed bytes before this line: every line with its newline. */
  sha256: string;
}

export function emptyCounts(): ExportCounts {
  return { reviewer: 0, user: 0, 'case-number-sequence': 0, letter: 0, case: 0, issued: 0, draft: 0, audit: 0 };
}

/**
 * An export file that cannot be imported: not an export, another format
 * version, cut short, corrupted, or with a record that does not validate.
 * Names the file and, where there is one, the line.
 */
export class ExportFileError extends ImrError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    reason: string,
  ) {
    super('EXPORT_FILE', `${file}: ${line === null ? '' : `line ${line}: `}${reason}; nothing was imported`);
  }
}
