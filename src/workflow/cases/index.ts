/**
 * The IMR case workflow: the case service (intake to issue), its state machine, deciding, issuing, reviewer matching, FHIR intake and replay of the audit trail.
 */
export { AuditDisagreementError, SIDE_ENTRIES, verifyAuditTrail } from './audit-replay.js';
export { CaseService, type CaseView } from './case-service.js';
export { applyClerical, parseClerical } from './corrections.js';
export { type Assessor, type DecisionInput } from './deciding.js';
export { caseFromFhirBundle, isFhirBundle } from './fhir-import.js';
export { type IssuePreview } from './issuing.js';
export { actionsOn, type CaseAction, TRANSITIONS } from './lifecycle.js';
export { type ReviewerMatch } from './matching.js';
