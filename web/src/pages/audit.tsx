import { useState } from 'preact/hooks';
import { getCase, listAudit, verifyAudit } from '../api/endpoints.js';
import type { AuditEntry, AuditVerification } from '../api/types.js';
import { ErrorBanner, Field, Loading } from '../components/forms.js';
import { Link } from '../components/link.js';
import { useAsync } from '../components/use-async.js';
import { navigate, type Location } from '../router.js';

/** The filters of the audit page, as its URL holds them. */
export interface AuditFilters {
  /** A case number (CM16-0230548) or a case id. */
  case: string;
  actor: string;
  /** Dates (yyyy-mm-dd), both ends included. */
  from: string;
  to: string;
}

/** The entries by `actor` (any part of the name, any case) between `from` and `to`, both days included. */
export function filterAudit(entries: readonly AuditEntry[], f: Pick<AuditFilters, 'actor' | 'from' | 'to'>): AuditEntry[] {
  const actor = f.actor.trim().toLowerCase();
  return entries.filter((e) => (!actor || e.actor.toLowerCase().includes(actor)) && (!f.from || e.at.slice(0, 10) >= f.from) && (!f.to || e.at.slice(0, 10) <= f.to));
}

/** The case a filter names, as its id: a number is an id, anything else is looked up as a case number. */
async function caseIdOf(ref: string): Promise<number | undefined> {
  const r = ref.trim();
  if (!r) return undefined;
  if (/^\d+$/.test(r)) return Number(r);
  return (await getCase(r)).case.id;
}

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
  const applied: AuditFilters = { case: q.get('case') ?? '', actor: q.get('actor') ?? '', from: q.get('from') ?? '', to: q.get('to') ?? '' };
  const [form, setForm] = useState(applied);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<Error | null>(null);
  const [verifying, setVerifying] = useState(false);
  const entries = useAsync(async () => listAudit(await caseIdOf(applied.case)), [applied.case]);
  const shown = entries.data ? filterAudit(entries.data, applied).reverse() : [];
  const apply = (e: Event) => {
    e.preventDefault();
    const params = new URLSearchParams(Object.entries(form).filter(([, v]) => v.trim() !== ''));
    navigate(`/audit${params.size ? `?${params}` : ''}`);
  };
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
      {entries.data && (
        <>
          <h2 aria-live="polite">
            {shown.length} entr{shown.length === 1 ? 'y' : 'ies'}
            {shown.length !== entries.data.length && ` of ${entries.data.length}`}, newest first
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
                {shown.slice(0, 500).map((e) => (
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
            {shown.length > 500 && <p class="muted small">Showing the newest 500; narrow the filters to see others.</p>}
          </div>
        </>
      )}
    </div>
  );
}
