/**
 * Replaying the audit trail against what the database holds. The chain,
 * its seal and checkpoint (AuditRepository.verification) show whether the
 * trail itself was tampered with; this shows whether the records were
 * changed behind its back: each case must be what its entries, applied in
 * order, make it (state, number, reviewer, decisions, version, every other
 * field), its issued versions must each have their entry, and each user's
 * role, reviewer link and disabled flag must be what the user entries say.
 * The corrections of an issued determination are case writes like the
 * others (correct-clerical, request-correction, make-correction,
 * issue-correction, cancel-correction): the open request is the case's
 * `correction` field, replayed with the rest, and each corrected version
 * issued has its issue-determination entry.
 */
import { ImrError, type AuditCheckpoint, type AuditEntry, type Issue } from '../../domain/index.js';
import type { Store } from '../../store/index.js';
import { auditedCase } from './case-service.js';

/**
 * Case entries that record something beside a write of the case itself (an
 * issued version, a termination's reason, the engine's draft stored as the
 * case enters review, a published version withdrawn): they do not change
 * the case's fields or version.
 */
export const SIDE_ENTRIES: ReadonlySet<string> = new Set(['issue-determination', 'termination-reason', 'store-draft', 'withdraw-published']);

/** What `imr case verify-audit` found. */
export interface AuditReport {
  entries: number;
  /** The key the trail is sealed with (a file, IMR_AUDIT_KEY), or null for an unkeyed chain. */
  sealedWith: string | null;
  /** The entry the signed checkpoint names, or null. */
  checkpoint: number | null;
  cases: number;
  users: number;
}

/** The trail does not verify, or the records disagree with it: every problem found, one issue each. */
export class AuditDisagreementError extends ImrError {
  constructor(problems: Issue[]) {
    super('AUDIT_TAMPERED', `the audit trail and the database disagree (${problems.length} problem${problems.length === 1 ? '' : 's'})`, problems);
  }
}

function shown(v: unknown): string {
  const s = JSON.stringify(v ?? null);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Where two JSON values differ, down to the first differing leaves (at most 3), so that a message names the field that was edited. */
function differences(stored: unknown, audited: unknown, path: (string | number)[], out: { path: (string | number)[]; stored: unknown; audited: unknown }[] = []) {
  if (out.length >= 3 || JSON.stringify(stored) === JSON.stringify(audited)) return out;
  const objects = stored !== null && audited !== null && typeof stored === 'object' && typeof audited === 'object' && Array.isArray(stored) === Array.isArray(audited);
  if (!objects) {
    out.push({ path, stored, audited });
    return out;
  }
  const a = stored as Record<string, unknown>;
  const b = audited as Record<string, unknown>;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[k] ?? null, b[k] ?? null, [...path, Array.isArray(a) ? Number(k) : k], out);
  return out;
}

function caseProblems(kase: Record<string, unknown>, entries: AuditEntry[], issuedRows: number, label: string): Issue[] {
  const problems: Issue[] = [];
  const replayed: Record<string, unknown> = {};
  const writes = entries.filter((e) => !SIDE_ENTRIES.has(e.action));
  for (const e of writes) if (e.after && typeof e.after === 'object') Object.assign(replayed, e.after);
  // The store counts a case's writes in its version; each write has its entry.
  replayed.version = writes.length;
  if (!entries.some((e) => e.action === 'open')) problems.push({ path: [label], message: 'has no open entry in the audit trail (it was added outside OpenIMR)' });
  const keys = new Set([...Object.keys(kase), ...Object.keys(replayed)]);
  for (const k of [...keys].sort()) {
    if (k === 'updatedAt') continue;
    for (const d of differences(kase[k] ?? null, replayed[k] ?? null, [k])) {
      problems.push({ path: [label, ...d.path], message: `is ${shown(d.stored)} in the database but ${shown(d.audited)} by its audit trail` });
    }
  }
  const issueEntries = entries.filter((e) => e.action === 'issue-determination').length;
  if (issueEntries !== issuedRows) problems.push({ path: [label, 'issued'], message: `${issuedRows} issued determination versions in the database but ${issueEntries} by its audit trail` });
  return problems;
}

/**
 * Verifies the trail (chain, seal, the checkpoint beside the database and
 * any saved elsewhere that are given) and replays it against every case and user. Returns what was
 * checked; throws AuditDisagreementError naming every problem.
 */
export async function verifyAuditTrail(store: Store, options: { saved?: { path: string; checkpoint: AuditCheckpoint }[] } = {}): Promise<AuditReport> {
  const problems: Issue[] = [];
  let entries = 0;
  let checkpoint: number | null = null;
  try {
    const v = await store.audit.verification(options.saved ? { saved: options.saved } : {});
    entries = v.entries;
    checkpoint = v.checkpoint;
  } catch (err) {
    if (!(err instanceof ImrError)) throw err;
    problems.push({ path: ['chain'], message: err.message });
  }
  const trail = await store.audit.list();
  const byCase = new Map<number, AuditEntry[]>();
  for (const e of trail) if (e.caseId !== null) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  let cases = 0;
  for (let after = 0; ; ) {
    const page = await store.cases.page(after, 500);
    if (page.length === 0) break;
    for (const c of page) {
      cases++;
      const label = `case ${c.caseNumber ?? `#${c.id}`}`;
      problems.push(...caseProblems(auditedCase(c), byCase.get(c.id) ?? [], (await store.issued.list(c.id)).length, label));
      byCase.delete(c.id);
    }
    after = page[page.length - 1]!.id;
  }
  for (const [id, es] of byCase) problems.push({ path: [`case #${id}`], message: `has ${es.length} audit entries but is not in the database (it was deleted)` });

  const users = await store.users.list();
  for (const u of users) {
    const replayed: Record<string, unknown> = { disabled: false };
    let added = false;
    for (const e of trail) {
      const after = e.after as Record<string, unknown> | null;
      if (!after || after.id !== u.id || (e.action !== 'add-user' && e.action !== 'update-user')) continue;
      if (e.action === 'add-user') added = true;
      for (const k of ['role', 'reviewerId', 'disabled'] as const) if (k in after) replayed[k] = after[k];
    }
    const label = `user ${u.username}`;
    if (!added) {
      problems.push({ path: [label], message: 'has no add-user entry in the audit trail (it was added outside OpenIMR)' });
      continue;
    }
    for (const k of ['role', 'reviewerId', 'disabled'] as const) {
      if (JSON.stringify(u[k] ?? null) !== JSON.stringify(replayed[k] ?? null)) problems.push({ path: [label, k], message: `is ${shown(u[k])} in the database but ${shown(replayed[k])} by its audit trail` });
    }
  }
  if (problems.length) throw new AuditDisagreementError(problems);
  return { entries, sealedWith: store.seal?.keySource ?? null, checkpoint, cases, users: users.length };
}
