/**
 * Where the decision engine is plugged into the case workflow for the CLI:
 * the reviewer's `imr case decide` sees the engine's draft for each item, and
 * recording a decision that differs from it requires an override reason.
 */
import { assessCase } from '../engine/index.js';
import type { Assessor } from '../workflow/deciding.js';

export const engineAssessor: Assessor | null = (file) => assessCase(file);
