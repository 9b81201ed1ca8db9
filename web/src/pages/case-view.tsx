import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { caseLetterUrl, caseSteps, getCase, getDraft, getHistory, getIssued } from '../api/endpoints.js';
import type { CaseView, Session } from '../api/types.js';
import { DeadlineBadge, DecisionBadge, relativeDays, StateBadge, UrgencyBadge } from '../components/badges.js';
import { ErrorBanner, Field, issuesAt, Loading } from '../components/forms.js';
import { TableScroll } from '../components/table-scroll.js';
import { Link } from '../components/link.js';
import { useAsync } from '../components/use-async.js';
import { formatDate } from '../labels.js';
import { CORRECTION_ACTIONS, CoordinatorCorrections } from './coordinator-corrections.js';
import { CoordinatorSteps } from './coordinator-steps.js';
import { CorrectionForm } from './correction-form.js';
import { NotFoundPage } from './not-found.js';
import { ReviewWorkbench } from './review-workbench.js';

const DEADLINE_KIND = { application: 'Application filed', records: 'Records due', decision: 'Determination due' } as const;

/** One case: its deadlines and state, and the work the signed-in role does on it. */
export function CaseViewPage(props: { caseRef: string; session: Session }) {
  const role = props.session.user.role;
  const loaded = useAsync(() => getCase(props.caseRef), [props.caseRef]);
  const [view, setView] = useState<CaseView | null>(null);
  useEffect(() => setView(loaded.data), [loaded.data]);
  const reviewer = role === 'reviewer';
  const draft = useAsync(() => (reviewer && view ? getDraft(view.case.id) : Promise.resolve(null)), [reviewer, view?.case.id]);
  const issued = useAsync(() => (view && view.case.issuedVersion > 0 ? getIssued(view.case.id) : Promise.resolve(null)), [view?.case.id, view?.case.issuedVersion]);
  if (loaded.loading && !view) return <Loading what="the case" />;
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage what="case" />;
  if (loaded.error || !view) return <ErrorBanner error={loaded.error} />;
  const c = view.case;
  const closed = ['issued', 'terminated', 'ineligible'].includes(c.state);
  const decisions = new Map(c.decisions.map((d) => [d.index, d]));
  const title = c.caseNumber ?? `Case #${c.id}`;
  return (
    <div class="page" data-case={c.id}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <Link href={reviewer ? '/queue' : '/cases'}>{reviewer ? 'My queue' : 'Cases'}</Link> / <span>{title}</span>
      </nav>
      <div class="page-head row">
        <div>
          <h1>
            {title} <StateBadge state={c.state} /> <UrgencyBadge urgency={view.urgency} closed={closed} />
            {c.priority === 'expedited' && <span class="badge expedited">Expedited</span>}
          </h1>
          <p class="muted">
            Application received {formatDate(c.application.receivedDate)} · UR decision {formatDate(c.application.urDecisionDate)} · patient{' '}
            {[c.file.patient.age !== null ? `${c.file.patient.age} years` : null, c.file.patient.sex].filter(Boolean).join(', ') || '—'} · version {c.version}
          </p>
        </div>
        {c.issuedVersion > 0 && (
          <div class="actions">
            <a class="btn btn-primary" href={caseLetterUrl(c.id, 'pdf')} download data-download="letter-pdf">
              Download letter (PDF)
            </a>
            <a class="btn" href={caseLetterUrl(c.id, 'html')} target="_blank" rel="noopener">
              Letter (HTML)
            </a>
          </div>
        )}
      </div>

      <div class="grid-deadlines">
        {view.deadlines.map((d) => (
          <div class={`card deadline deadline-card-${d.status}`} key={d.kind}>
            <div class="deadline-kind">{DEADLINE_KIND[d.kind]}</div>
            <div class="deadline-due">{formatDate(d.due)}</div>
            <div>
              <DeadlineBadge status={d.status} /> <span class="muted small">{d.metOn ? `met ${formatDate(d.metOn)}` : relativeDays(d.daysLeft)}</span>
            </div>
            <div class="muted small" title={d.rule}>
              {d.days} {d.working ? 'working ' : ''}days · {d.rule}
            </div>
          </div>
        ))}
      </div>

      {c.eligibility && !c.eligibility.eligible && (
        <div class="banner banner-error" role="status">
          <strong>Ineligible:</strong> {c.eligibility.reasons.join('; ')}
        </div>
      )}

      {!reviewer && <CoordinatorSteps view={view} onDone={setView} onReload={loaded.reload} />}
      {!reviewer && (c.correction || view.actions.some((a) => (CORRECTION_ACTIONS as readonly string[]).includes(a))) && (
        <CoordinatorCorrections key={c.id} view={view} onDone={setView} onReload={loaded.reload} onIssued={issued.reload} />
      )}

      {reviewer && draft.loading && <Loading what="the engine's draft" />}
      <ErrorBanner error={draft.error} />
      {reviewer && draft.data && <ReviewWorkbench view={view} draft={draft.data} onSaved={setView} onReload={loaded.reload} />}
      {(view.actions.includes('correct') || view.actions.includes('make-correction')) && <CorrectionForm view={view} onDone={setView} onReload={loaded.reload} />}

      <div class="two-col">
        <div class="col-main">
          {!reviewer && (
            <section class="card">
              <h2>Clinical case summary</h2>
              <p class="prose">{c.file.clinicalSummary}</p>
            </section>
          )}
          <section class="card">
            <h2>Disputed items</h2>
            <TableScroll label="Disputed items">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Request</th>
                    <th scope="col">UR action</th>
                    <th scope="col">Decision</th>
                    <th scope="col">By</th>
                  </tr>
                </thead>
                <tbody>
                  {c.file.items.map((i) => {
                    const d = decisions.get(i.index);
                    return (
                      <tr key={i.index}>
                        <td>{i.index}</td>
                        <td>{i.request}</td>
                        <td>{i.urAction ?? '—'}</td>
                        <td>
                          <DecisionBadge decision={d?.decision} />
                          {d?.overrideReason && (
                            <div class="small muted" title={d.overrideReason}>
                              overrides the draft: {d.overrideReason}
                            </div>
                          )}
                        </td>
                        <td>{d?.decidedBy ?? '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          </section>
          {issued.data && issued.data.items.length > 0 && (
            <section class="card">
              <h2>Issued determinations</h2>
              <TableScroll label="Issued determinations">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">Version</th>
                      <th scope="col">Issued</th>
                      <th scope="col">By</th>
                      <th scope="col">Published</th>
                      <th scope="col">Letter</th>
                    </tr>
                  </thead>
                  <tbody>
                    {issued.data.items.map((v) => (
                      <tr key={v.version} data-version={v.version} class={v.withdrawn ? 'withdrawn' : ''}>
                        <td>
                          {v.version}
                          {v.reason && <div class="muted small">Corrected: {v.reason}</div>}
                        </td>
                        <td>{new Date(v.issuedAt).toLocaleString('en-US')}</td>
                        <td>{v.issuedBy}</td>
                        <td>
                          {v.withdrawn ? (
                            <span title={`by ${v.withdrawn.by}, ${new Date(v.withdrawn.at).toLocaleString('en-US')}`}>
                              <span class="badge urgent-overdue">Withdrawn</span> {v.withdrawn.reason}
                            </span>
                          ) : (
                            <span class="badge urgent-ok">Published</span>
                          )}
                        </td>
                        <td class="links">
                          <a href={caseLetterUrl(c.id, 'pdf', { version: v.version })} download>
                            PDF
                          </a>{' '}
                          <a href={caseLetterUrl(c.id, 'txt', { version: v.version })} target="_blank" rel="noopener">
                            Text
                          </a>
                          {role !== 'reviewer' && (
                            <>
                              {' '}
                              <a href={caseLetterUrl(c.id, 'pdf', { version: v.version, redacted: false })} download>
                                Internal PDF (names)
                              </a>
                            </>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              {(role === 'coordinator' || role === 'admin') && issued.data.items.some((v) => !v.withdrawn) && <WithdrawForm caseId={c.id} onDone={issued.reload} />}
            </section>
          )}
          <History caseId={c.id} version={c.version} />
        </div>
        <aside class="col-side">
          <section class="card">
            <h2>Parties</h2>
            <dl class="facts">
              <dt>Injured worker</dt>
              <dd>{c.parties.worker.name}</dd>
              <dt>Employer</dt>
              <dd>{c.parties.employer.name}</dd>
              <dt>Claims administrator</dt>
              <dd>
                {c.parties.claimsAdministrator.name}
                {c.parties.claimsAdministrator.claimNumber && <div class="muted small">claim {c.parties.claimsAdministrator.claimNumber}</div>}
              </dd>
              {c.parties.providers.map((p) => (
                <>
                  <dt>{p.role ?? 'Provider'}</dt>
                  <dd>{p.name}</dd>
                </>
              ))}
              <dt>Reviewer</dt>
              <dd>{c.reviewerId ?? 'not assigned'}</dd>
            </dl>
          </section>
        </aside>
      </div>
    </div>
  );
}

function History(props: { caseId: number; version: number }) {
  const [open, setOpen] = useState(false);
  const history = useAsync(() => (open ? getHistory(props.caseId) : Promise.resolve(null)), [open, props.caseId, props.version]);
  return (
    <section class="card">
      <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          <h2 class="inline">History</h2>
        </summary>
        {history.loading && <Loading />}
        <ol class="history">
          {history.data?.items.map((e) => (
            <li key={e.seq}>
              <span class="muted small">{new Date(e.at).toLocaleString('en-US')}</span> <strong>{e.actor}</strong> {e.action}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

/**
 * Withdrawing the published letter (a leak found after issue): the public
 * no longer gets that version; the determination itself stays, and the
 * withdrawal is in the audit trail.
 */
function WithdrawForm(props: { caseId: number; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <details class="step withdraw">
      <summary>Withdraw the published letter</summary>
      <ErrorBanner error={error} />
      <Field label="Reason (e.g. a relative's name was left in)" id="withdraw-reason" errors={error instanceof ApiError ? issuesAt(error.issues, 'reason') : []}>
        <input id="withdraw-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <button
        class="btn btn-danger"
        disabled={busy}
        data-action="withdraw"
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await caseSteps.withdraw(props.caseId, reason);
            setReason('');
            props.onDone();
          } catch (err) {
            setError(err as Error);
          } finally {
            setBusy(false);
          }
        }}
      >
        Withdraw from publication
      </button>
    </details>
  );
}
