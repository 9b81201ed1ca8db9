/** The audit trail and its verification (routes/audit.ts). */
import { z } from 'zod';
import { AuditEntry as DomainAuditEntry, CASE_NUMBER_ANY_CASE, IsoDate } from '../../domain/index.js';
import { named, page, PageQuery, wholeNumber } from './common.js';

export const AuditEntry = named('AuditEntry', DomainAuditEntry);
export const AuditPage = page('AuditPage', AuditEntry);
export const AuditQuery = PageQuery.extend({
  caseId: wholeNumber(z.number().int().positive().optional()),
  caseNumber: z.string().trim().regex(CASE_NUMBER_ANY_CASE, 'a case number (CMyy-nnnnnnn)').optional().describe('the case, by its number (or caseId)'),
  actor: z.string().trim().max(100).optional().describe("any part of the actor's name, case-insensitive"),
  action: z.string().trim().max(60).regex(/^[a-z-]*$/, 'an action name (issue-determination)').optional().describe('the action exactly'),
  from: IsoDate.optional().describe('entries on or after this day (UTC)'),
  to: IsoDate.optional().describe('entries on or before this day (UTC)'),
  order: z.enum(['asc', 'desc']).default('asc').describe('desc: newest first'),
});
export const AuditVerification = named('AuditVerification', z.object({ verified: z.boolean(), entries: z.number().int(), error: z.string().nullable() }));
