import { ValidationError } from '../../../domain/index.js';
import { AuditDisagreementError, verifyAuditTrail } from '../../../workflow/cases/index.js';
import { reply, type ApiRouter } from '../../route.js';
import { AuditPage, AuditQuery, AuditVerification, pageOf } from '../../schemas/index.js';
import type { ApiServices } from '../../services.js';
import { formatIssues } from '../../../domain/index.js';

/** The audit trail (admins): every write of every user, hash-chained. */
export function registerAuditRoutes(router: ApiRouter, s: ApiServices): void {
  router.add({
    method: 'get',
    path: '/api/audit',
    operationId: 'listAudit',
    summary: 'Audit entries in order, filtered by case, actor, action and dates',
    description: 'Every filter given must hold; `from` and `to` are UTC days, both included; `order=desc` gives the newest first. An unknown case number is 404.',
    tag: 'audit',
    access: 'audit:read',
    query: AuditQuery,
    responses: { 200: { description: 'a page of entries', schema: AuditPage } },
    handler: async ({ query }) => {
      if (query.from && query.to && query.from > query.to) throw new ValidationError(`the audit filter's dates are reversed: from ${query.from} is after to ${query.to}`, [{ path: ['to'], message: 'before from' }]);
      if (query.caseId && query.caseNumber) throw new ValidationError('give the case by caseId or by caseNumber, not both', [{ path: ['caseNumber'], message: 'caseId is given too' }]);
      const caseId = query.caseNumber ? (await s.store.cases.find(query.caseNumber.toUpperCase())).id : query.caseId;
      const { caseNumber: _number, ...filter } = query;
      const res = await s.store.audit.page({ ...filter, ...(caseId ? { caseId } : {}) });
      return reply(pageOf(res.items, res.total, query));
    },
  });

  router.add({
    method: 'get',
    path: '/api/audit/verify',
    operationId: 'verifyAudit',
    summary: 'Verify the whole trail (chain, seals, signed checkpoint) and replay it against every case and user',
    description: 'As `imr case verify-audit`: `error` names each thing that disagrees, separated by "; ".',
    tag: 'audit',
    access: 'audit:read',
    responses: { 200: { description: 'whether the trail verifies and the records agree with it, and what does not if not', schema: AuditVerification } },
    handler: async () => {
      try {
        return reply({ verified: true, entries: (await verifyAuditTrail(s.store)).entries, error: null });
      } catch (err) {
        if (err instanceof AuditDisagreementError) {
          const chain = err.issues.find((i) => i.path[0] === 'chain');
          const seq = chain ? Number(/at entry (\d+)/.exec(chain.message)?.[1] ?? 0) : (await s.store.audit.list()).length;
          return reply({ verified: false, entries: seq, error: formatIssues(err.issues) });
        }
        throw err;
      }
    },
  });
}
