/** One problem with an input, located by a path (file, field, line) as in zod's issues. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

/**
 * Every code an expected failure carries, in every layer: the one list the
 * API's status map (src/api/errors.ts) must cover, which the compiler checks.
 * A new error class adds its code here.
 */
export const ERROR_CODES = [
  // bad input
  'VALIDATION', // a field of a request, record or file is not valid
  'USAGE', // a command line the CLI cannot run
  'LETTER_PARSE', // a file that is not a readable determination letter
  'INVALID_CASE', // a case file the engine cannot assess
  'MODEL_FILE', // an overturn model file that cannot be used
  'EXPORT_FILE', // an export file that cannot be imported
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'MISDIRECTED', // a Host the server does not answer for
  // who may do what
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF',
  'PASSWORD_CHANGE_REQUIRED',
  'RATE_LIMITED',
  // the state of what is asked for
  'NOT_FOUND',
  'CONFLICT', // a stale version
  'DUPLICATE',
  'TRANSITION', // a case that cannot make that move from its state
  'PREVIEW_STALE',
  'ELIGIBILITY',
  'ASSIGNMENT',
  'IMPORT_TARGET', // a database an import may not write into
  'NOT_A_DEMO_DATABASE',
  'TRAINING', // a model that cannot be trained on the letters given
  // the server and its storage
  'LIMIT_EXCEEDED', // a job over its time, memory or size limits
  'BUSY',
  'AUDIT_TAMPERED',
  'STORE_OPEN',
  'STORE_MIGRATION',
  'STORE_WRITE',
  'STORE_QUERY',
  'STORE_FULL',
  'STORE_CORRUPT',
  'STORE_TIMEOUT',
] as const;

/** The code of an expected failure (ERROR_CODES). */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Whether `s` is one of ERROR_CODES (for a code that crossed a thread or process boundary as a string). */
export function isErrorCode(s: string): s is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(s);
}

/**
 * Base of every expected failure in OpenIMR. Callers branch on `code`, print
 * `message`, and never need a stack trace for these.
 */
export class ImrError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A letter (or other input file) could not be read or parsed. */
export class LetterParseError extends ImrError {
  constructor(
    readonly file: string,
    reason: string,
    issues: Issue[] = [],
  ) {
    super('LETTER_PARSE', `${file}: ${reason}`, issues);
  }
}

/** Input that fails validation, with one issue per bad field. */
export class ValidationError extends ImrError {
  constructor(message: string, issues: Issue[]) {
    super('VALIDATION', message, issues);
  }
}

/** Something the user asked for does not exist. */
export class NotFoundError extends ImrError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}

/** A case cannot make the requested move from the state it is in. */
export class TransitionError extends ImrError {
  constructor(
    readonly from: string,
    readonly action: string,
    allowedFrom: readonly string[],
  ) {
    super('TRANSITION', `cannot ${action} a case that is ${from}; allowed only when ${allowedFrom.join(' or ')}`);
  }
}

/** Someone else changed the record since it was read; re-read and retry. */
export class ConflictError extends ImrError {
  constructor(what: string, expected: number, actual: number | null) {
    super('CONFLICT', actual === null ? `${what} no longer exists` : `${what} was changed by someone else (version ${actual}, expected ${expected}); reload and try again`);
  }
}

/** An application is not eligible for IMR; `issues` lists every reason. */
export class EligibilityError extends ImrError {
  constructor(message: string, issues: Issue[]) {
    super('ELIGIBILITY', message, issues);
  }
}

/** A reviewer may not be assigned to a case (conflict of interest, licensure, practice hours, availability). */
export class AssignmentError extends ImrError {
  constructor(message: string, issues: Issue[] = []) {
    super('ASSIGNMENT', message, issues);
  }
}

/** The audit trail does not verify: an entry was changed, removed or inserted. */
export class AuditIntegrityError extends ImrError {
  constructor(
    readonly seq: number,
    reason: string,
  ) {
    super('AUDIT_TAMPERED', `audit trail does not verify at entry ${seq}: ${reason}`);
  }
}

/**
 * What would be published is no longer what was previewed (the case or the
 * redaction changed since): preview again and confirm what is shown.
 */
export class PreviewMismatchError extends ImrError {
  constructor(what: string) {
    super('PREVIEW_STALE', `${what} is not the letter that was previewed; preview it again and confirm what it shows`, [{ path: ['previewHash'], message: 'does not match the letter as it would be published now' }]);
  }
}

/** A record with the same unique key (a case number, a reviewer id) already exists. */
export class DuplicateError extends ImrError {
  constructor(what: string) {
    super('DUPLICATE', `${what} already exists`);
  }
}

/**
 * A correction step the case's correction is not at: making a correction no
 * one asked for, issuing one the reviewer has not made, asking for a second
 * while one is open. A conflict with the case's state, like TRANSITION.
 */
export class CorrectionStateError extends ImrError {
  constructor(message: string) {
    super('TRANSITION', message);
  }
}
