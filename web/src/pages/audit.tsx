import { useState } from 'preact/hooks';
import { listAudit, verifyAudit } from '../api/endpoints.js';
import { auditQuery, type AuditFilters } from '../text/audit-filters.js';
import type { AuditEntry, AuditVerification } from '../api/types.js';
import { ErrorBanner, Field, Loading } from '../components/forms.js';
import { Link } from '../components/link.js';
import { useAsync } from '../components/use-async.js';
import { navigate, type Location } from '../router.js';

/** Entries per page. */
const PAGE = 50;

/** The actions the trail records, offered as the action filter's suggestions. */
const ACTIONS = [
  'open', 'check-eligibility', 'assign-case-number', 'request-records', 'receive-records', 'assign-reviewer', 'store-draft', 'decide',
  'issue', 'issue-determination', 'request-correction', 'make-correction', 'correct', 'withdraw-published', 'terminate', 'termination-reason',
  'add-reviewer', 'update-reviewer', 'add-user', 'update-user', 'reset-password', 'change-password', 'login', 'login-failed', 'logout', 'ingest-letter',
];

/** What an entry changed, said briefly: the fields after the change. */
function change(e: AuditEntry): string {
  const after = e.after;
  if (after === null || after === undefined) return '';
  if (typeof after !== 'object') return String(after);
  return Object.entries(after as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ')
    .slice(0, 240);
}

/** The audit trail (admins): every write, filtered by case, actor and date, and the hash chain verified on request. */
export function AuditPage(props: { location: Location }) {
  const q = props.location.query;
  const applied: AuditFilters = { case: q.get('case') ?? '', actor: q.get('actor') ?? '', action: q.get('action') ?? '', from: q.get('from') ?? '', to: q.get('to') ?? '' };
  const offset = Math.max(0, Number(q.get('offset') ?? 0) || 0);
  const key = JSON.stringify([applied, offset]);
  const [form, setForm] = useState(applied);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<Error | null>(null);
  const [verifying, setVerifying] = useState(false);
  // Filtered and paged by the server: the trail grows with every write and sign-in, so it is never fetched whole.
  const entries = useAsync(() => listAudit(auditQuery(applied), PAGE, offset), [key]);
  const href = (f: AuditFilters, at: number) => {
    const params = new URLSearchParams(Object.entries(f).filter(([, v]) => v.trim() !== ''));
    if (at > 0) params.set('offset', String(at));
    return `/audit${params.size ? `?${params}` : ''}`;
  };
  const apply = (e: Event) => {
    e.preventDefault();
    navigate(href(form, 0));
  };
  const page = entries.data;
  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerification(await verifyAudit());
    } catch (err) {
      setVerifyError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setVerifying(false);
    }
  };
  const set = (k: keyof AuditFilters) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <div class="page" data-page="audit">
      <div class="page-head row">
        <div>
          <h1>Audit trail</h1>
          <p class="muted">Every write by every user, each entry chained to the one before it, so that a changed or removed entry shows.</p>
        </div>
        <button type="button" class="btn btn-primary" onClick={verify} disabled={verifying}>
          Verify the chain
        </button>
      </div>
      {verification && (
        <p class={`banner ${verification.verified ? 'banner-ok' : 'banner-error'}`} role="status" data-verified={String(verification.verified)}>
          {verification.verified ? `The chain verifies: all ${verification.entries} entries are as written.` : `The chain is broken at entry ${verification.entries}: ${verification.error}`}
        </p>
      )}
      <ErrorBanner error={verifyError} />
      <form class="card filters-grid" onSubmit={apply} aria-label="Filter the audit trail">
        <Field label="Case number or id" id="audit-case">
          <input id="audit-case" value={form.case} onInput={set('case')} placeholder="CM16-0230548" />
        </Field>
        <Field label="Actor" id="audit-actor">
          <input id="audit-actor" value={form.actor} onInput={set('actor')} />
        </Field>
        <Field label="Action" id="audit-action">
          <input id="audit-action" value={form.action} onInput={set('action')} list="audit-actions" placeholder="issue-determination" />
          <datalist id="audit-actions">
            {ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </Field>
        <Field label="From" id="audit-from">
          <input id="audit-from" type="date" value={form.from} onInput={set('from')} />
        </Field>
        <Field label="To" id="audit-to">
          <input id="audit-to" type="date" value={form.to} onInput={set('to')} />
        </Field>
        <div class="field field-button">
          <button type="submit" class="btn">
            Filter
          </button>
        </div>
      </form>
      {entries.loading && <Loading what="the audit trail" />}
      <ErrorBanner error={entries.error} />
      {page && (
        <>
          <h2 aria-live="polite">
            {page.total} entr{page.total === 1 ? 'y' : 'ies'}, newest first
            {page.total > page.items.length && (
              <span class="muted small">
                {' '}
                (showing {offset + 1}–{offset + page.items.length})
              </span>
            )}
          </h2>
          <div class="card table-wrap">
            <table class="table compact audit" aria-label="Audit entries">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Case</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((e) => (
                  <tr key={e.seq}>
                    <td class="num">{e.seq}</td>
                    <td class="nowrap">{e.at.replace('T', ' ').slice(0, 19)}</td>
                    <td>{e.actor}</td>
                    <td>{e.action}</td>
                    <td>{e.caseId === null ? '—' : <Link href={`/cases/${e.caseId}`}>#{e.caseId}</Link>}</td>
                    <td class="small break">{change(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav class="pager" aria-label="Audit pages">
            {offset > 0 && (
              <Link class="btn" href={href(applied, Math.max(0, offset - PAGE))}>
                ← Newer
              </Link>
            )}
            {page.nextOffset !== null && (
              <Link class="btn" href={href(applied, page.nextOffset)}>
                Older →
              </Link>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
