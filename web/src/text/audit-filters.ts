/** The audit page's filters: as its URL holds them, and as the API takes them. */
import type { AuditQuery } from '../api/endpoints.js';

/** The filters of the audit page, as its URL holds them. */
export interface AuditFilters {
  /** A case number (CM16-0230548) or a case id. */
  case: string;
  actor: string;
  action: string;
  /** Dates (yyyy-mm-dd), both ends included. */
  from: string;
  to: string;
}

/** The filters as the API takes them: a number names a case by id, anything else by its case number. */
export function auditQuery(f: AuditFilters): AuditQuery {
  const c = f.case.trim();
  const q: AuditQuery = {};
  if (/^#?\d+$/.test(c)) q.caseId = Number(c.replace('#', ''));
  else if (c) q.caseNumber = c;
  for (const k of ['actor', 'action', 'from', 'to'] as const) if (f[k].trim()) q[k] = f[k].trim();
  return q;
}

