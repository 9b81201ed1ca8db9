/** One problem with an input, located by a path (file, field, line) as in zod's issues. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

/**
 * Base of every expected failure in OpenIMR. Callers branch on `code`, print
 * `message`, and never need a stack trace for these.
 */
export class ImrError extends Error {
  constructor(
    readonly code: string,
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
