/**
 * The determination engine: a case file in, a per-item draft determination
 * out (criteria with evidence, guideline citation, rationale, confidence).
 */
export { assessCase, ENGINE_VERSION, type AssessOptions } from './assess.js';
export { caseFileFromDetermination, disputedItemsOf } from './from-letter.js';
export { InvalidCaseError } from './errors.js';
export { KNOWN_FACT_NAMES } from './facts.js';
export { describeStructure } from './structure.js';
