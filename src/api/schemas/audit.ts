/** The audit trail and its verification (routes/audit.ts). */
import { z } from 'zod';
import { AuditEntry as DomainAuditEntry } from '../../domain/index.js';
import { named, page, PageQuery, wholeNumber } from './common.js';

export const AuditEntry = named('AuditEntry', DomainAuditEntry);
export const AuditPage = page('AuditPage', AuditEntry);
export const AuditQuery = PageQuery.extend({ caseId: wholeNumber(z.number().int().positive().optional()) });
export const AuditVerification = named('AuditVerification', z.object({ verified: z.boolean(), entries: z.number().int(), error: z.string().nullable() }));
