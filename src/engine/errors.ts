import { ImrError, type Issue } from '../domain/index.js';

/** A case file that does not satisfy the CaseFile contract. */
export class InvalidCaseError extends ImrError {
  constructor(source: string, issues: Issue[]) {
    super('INVALID_CASE', `${source}: not a valid case file (${issues.length} problem${issues.length === 1 ? '' : 's'})`, issues);
  }
}

/** A model file that cannot be used: not JSON, not a model, or fitted with other features than this engine computes. */
export class ModelFileError extends ImrError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super('MODEL_FILE', `${file}: ${reason}`);
  }
}

/** The decided items given cannot train a model (e.g. only one outcome among them). */
export class TrainingError extends ImrError {
  constructor(reason: string) {
    super('TRAINING', reason);
  }
}
