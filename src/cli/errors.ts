import { storageFailure } from '../store/errors.js';
import { formatIssue, ImrError } from '../domain/index.js';
import { printable } from './output.js';

/** A CLI usage problem (bad option value); exits with status 2. */
export class UsageError extends ImrError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/**
 * Prints an error as one line a person can act on. Expected failures
 * (ImrError) never show a stack trace; unexpected ones show it only with
 * IMR_DEBUG=1.
 */
export function reportError(thrown: unknown): number {
  // A full disk or a damaged database is said as such, wherever the driver's error was wrapped.
  const err = storageFailure(thrown) ?? thrown;
  if (err instanceof ImrError) {
    process.stderr.write(`error: ${printable(err.message)}\n`);
    for (const issue of err.issues) process.stderr.write(`  - ${printable(formatIssue(issue, { whole: '(input)' }))}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
  const e = err as Error;
  process.stderr.write(`internal error: ${printable(e?.message ?? String(err))}\n`);
  if (process.env.IMR_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  return 1;
}
