/**
 * IMR cases as stored: the case rows, issued and withdrawn versions, engine drafts, the reviewer registry and the sealed audit trail.
 */
export { type AuditFilter, AuditRepository, type AuditVerification } from './audit.js';
export { type AuditSeal, auditSealFor, MIN_AUDIT_KEY_CHARS, readCheckpoint, writeCheckpoint } from './audit-seal.js';
export { type CaseFilter, CaseRepository, type CaseToInsert } from './cases.js';
export { DraftRepository, type StoredDraft } from './drafts.js';
export { IssuedDeterminationRepository } from './issued.js';
export { ReviewerRepository } from './reviewers.js';
