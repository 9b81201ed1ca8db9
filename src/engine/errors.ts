import { ImrError, type Issue } from '../domain/index.js';

/** A case file that does not satisfy the CaseFile contract. */
export class InvalidCaseError extends ImrError {
  constructor(source: string, issues: Issue[]) {
    super('INVALID_CASE', `${source}: not a valid case file (${issues.length} problem${issues.length === 1 ? '' : 's'})`, issues);
  }
}
