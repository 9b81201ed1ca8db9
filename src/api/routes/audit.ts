import { AuditIntegrityError } from '../../domain/index.js';
import { reply, type ApiRouter } from '../route.js';
import { AuditPage, AuditQuery, AuditVerification, pageOf } from '../schemas.js';
import type { ApiServices } from '../services.js';

/** The audit trail (admins): every write of every user, hash-chained. */
export function registerAuditRoutes(router: ApiRouter, s: ApiServices): void {
  router.add({
    method: 'get',
    path: '/api/audit',
    operationId: 'listAudit',
    summary: 'Audit entries in order, of one case or of all',
    tag: 'audit',
    access: 'audit:read',
    query: AuditQuery,
    responses: { 200: { description: 'a page of entries', schema: AuditPage } },
    handler: async ({ query }) => {
      const res = await s.store.audit.page({ ...(query.caseId ? { caseId: query.caseId } : {}), limit: query.limit, offset: query.offset });
      return reply(pageOf(res.items, res.total, query));
    },
  });

  router.add({
    method: 'get',
    path: '/api/audit/verify',
    operationId: 'verifyAudit',
    summary: 'Recompute the hash chain of the whole trail',
    tag: 'audit',
    access: 'audit:read',
    responses: { 200: { description: 'whether the chain verifies, and where it breaks if not', schema: AuditVerification } },
    handler: async () => {
      try {
        return reply({ verified: true, entries: await s.store.audit.verify(), error: null });
      } catch (err) {
        if (err instanceof AuditIntegrityError) return reply({ verified: false, entries: err.seq, error: err.message });
        throw err;
      }
    },
  });
}
