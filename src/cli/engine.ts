/**
 * THE place where the decision engine is plugged into the CLI.
 *
 * The engine (`assessCase` from src/engine/index.ts, a `(file: CaseFile) =>
 * CaseAssessment`) is built separately; until it is wired in here the CLI
 * shows no draft and says "no engine draft available". To wire it in:
 *
 *   import { assessCase } from '../engine/index.js';
 *   export const engineAssessor: Assessor | null = assessCase;
 */
import type { Assessor } from '../workflow/deciding.js';

export const engineAssessor: Assessor | null = null;
