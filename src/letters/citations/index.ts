/**
 * Guideline citations in letters: documents, sections and pages as UR and the reviewer cite them.
 */
export { clearCitationMemo, parseCitations } from './citations.js';
export { MTUS_DOCUMENTS, ODG_CHAPTERS } from './guideline-documents.js';
