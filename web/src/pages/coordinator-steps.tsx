import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { caseSteps, getCandidates } from '../api/endpoints.js';
import type { CaseDocument, CaseView, ReviewerMatch } from '../api/types.js';
import { ErrorBanner, Field, issuesAt, Loading } from '../components/forms.js';
import { RecordFiles } from '../components/record-files.js';
import { TableScroll } from '../components/table-scroll.js';
import { useAsync } from '../components/use-async.js';
import { CORRECTION_ACTIONS } from './coordinator-corrections.js';
import { IssueStep } from './issue-preview.js';

/**
 * What a coordinator does next with the case: the lifecycle steps the
 * server says are open now, each naming the version read.
 */
export function CoordinatorSteps(props: { view: CaseView; onDone: (v: CaseView) => void; onReload: () => void }) {
  const { view } = props;
  const c = view.case;
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [electronic, setElectronic] = useState(true);
  const [doc, setDoc] = useState({ title: '', date: '', text: '' });
  const [recordFiles, setRecordFiles] = useState<{ docs: CaseDocument[]; reading: number }>({ docs: [], reading: 0 });
  const [reason, setReason] = useState('');
  const can = (a: string) => view.actions.includes(a as never);
  const run = async (step: () => Promise<CaseView>) => {
    setBusy(true);
    setError(null);
    try {
      props.onDone(await step());
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const issues = error instanceof ApiError ? error.issues : [];
  // Corrections of an issued determination have their own panel (CoordinatorCorrections).
  if (view.actions.every((a) => (CORRECTION_ACTIONS as readonly string[]).includes(a))) return null;
  return (
    <section class="card steps" aria-labelledby="steps-title">
      <h2 id="steps-title">Next step</h2>
      <ErrorBanner error={error} onReload={props.onReload} />
      {can('check-eligibility') && (
        <div class="step">
          <p>Check the application against the eligibility rules (timely filing, signature, the UR decision attached).</p>
          <button class="btn btn-primary" disabled={busy} onClick={() => run(() => caseSteps.eligibility(c.id, c.version))}>
            Check eligibility
          </button>
        </div>
      )}
      {can('assign-case-number') && (
        <div class="step">
          <p>The case is eligible. Give it the year's next case number.</p>
          <button class="btn btn-primary" disabled={busy} onClick={() => run(() => caseSteps.caseNumber(c.id, c.version))}>
            Assign case number
          </button>
        </div>
      )}
      {can('request-records') && (
        <div class="step">
          <p>Ask the claims administrator for the medical records (due in 15 days, 12 if notified electronically).</p>
          <label class="check">
            <input type="checkbox" checked={electronic} onChange={(e) => setElectronic(e.currentTarget.checked)} /> Notice sent electronically
          </label>
          <button class="btn btn-primary" disabled={busy} onClick={() => run(() => caseSteps.requestRecords(c.id, c.version, electronic))}>
            Record records requested
          </button>
        </div>
      )}
      {can('receive-records') && (
        <form
          class="step"
          onSubmit={(e) => {
            e.preventDefault();
            const typed: CaseDocument[] = doc.title || doc.text ? [{ title: doc.title, text: doc.text, ...(doc.date ? { date: doc.date } : {}) }] : [];
            run(() => caseSteps.receiveRecords(c.id, c.version, [...typed, ...recordFiles.docs]));
          }}
        >
          <p>Record the records received; add a document to the case file if one came with them.</p>
          <div class="grid-3">
            <Field label="Document title" id="doc-title" errors={issuesAt(issues, 'documents.0.title')}>
              <input id="doc-title" value={doc.title} onInput={(e) => setDoc({ ...doc, title: e.currentTarget.value })} placeholder="PR-2 progress report" />
            </Field>
            <Field label="Date" id="doc-date" errors={issuesAt(issues, 'documents.0.date')}>
              <input id="doc-date" type="date" value={doc.date} onInput={(e) => setDoc({ ...doc, date: e.currentTarget.value })} />
            </Field>
          </div>
          <Field label="Text" id="doc-text" errors={issuesAt(issues, 'documents.0.text')}>
            <textarea id="doc-text" rows={3} value={doc.text} onInput={(e) => setDoc({ ...doc, text: e.currentTarget.value })} />
          </Field>
          <RecordFiles disabled={busy} onChange={(docs, reading) => setRecordFiles({ docs, reading })} />
          <button class="btn btn-primary" type="submit" disabled={busy || recordFiles.reading > 0}>
            Record records received{recordFiles.docs.length ? ` (${recordFiles.docs.length + (doc.title || doc.text ? 1 : 0)} documents)` : ''}
          </button>
        </form>
      )}
      {can('assign-reviewer') && <Assignment view={view} busy={busy} run={run} />}
      {can('issue') && <IssueStep view={view} busy={busy} run={run} />}
      {can('terminate') && (
        <details class="step terminate">
          <summary>Terminate the case</summary>
          <Field label="Reason (e.g. the claims administrator authorised the treatment)" id="term-reason" errors={issuesAt(issues, 'reason')}>
            <input id="term-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
          <button class="btn btn-danger" disabled={busy} onClick={() => run(() => caseSteps.terminate(c.id, c.version, reason))}>
            Terminate
          </button>
        </details>
      )}
    </section>
  );
}

/** "item 1 (imaging) → Radiology; item 2 (imaging) → Radiology" → "imaging → Radiology". */
function fitSummary(reasons: string[]): string {
  return [...new Set(reasons.map((r) => r.replace(/^item \d+ \(([^)]+)\)/, '$1')))].join('; ');
}

/** Reviewer assignment: every registered reviewer, the ones who may take the case ranked, the blocked ones with each reason. */
function Assignment(props: { view: CaseView; busy: boolean; run: (step: () => Promise<CaseView>) => Promise<void> }) {
  const c = props.view.case;
  const candidates = useAsync(() => getCandidates(c.id), [c.id, c.version]);
  const rows: ReviewerMatch[] = candidates.data?.items ?? [];
  return (
    <div class="step">
      <p>{c.reviewerId ? `Assigned to ${c.reviewerId}. Reassign if needed:` : 'Assign an expert reviewer. Conflicts of interest, licensure, active practice and availability block an assignment.'}</p>
      {candidates.loading && <Loading what="reviewers" />}
      <ErrorBanner error={candidates.error} />
      {rows.length > 0 && (
        <TableScroll label="Reviewer candidates">
          <table class="table candidates" aria-label="Reviewer candidates">
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                <th scope="col">Board certification</th>
                <th scope="col">Fit</th>
                <th scope="col" class="num">Open cases</th>
                <th scope="col">Conflicts and blocks</th>
                <th scope="col">
                  <span class="sr-only">Assign</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.reviewer.id} class={m.blocks.length ? 'blocked' : ''} data-reviewer={m.reviewer.id}>
                  <td>
                    <strong>{m.reviewer.name}</strong>
                    <div class="muted small">{m.reviewer.id}</div>
                  </td>
                  <td>{[...m.reviewer.boardCertifications, ...m.reviewer.subspecialties].join(', ')}</td>
                  <td>
                    {m.blocks.length ? '—' : m.fit.toFixed(2)}
                    {m.fitReasons.length > 0 && <div class="muted small">{fitSummary(m.fitReasons)}</div>}
                  </td>
                  <td class="num">{m.workload}</td>
                  <td>
                    {m.blocks.length === 0 ? (
                      <span class="badge urgent-ok">No conflict</span>
                    ) : (
                      <ul class="plain blocks">
                        {m.blocks.map((b) => (
                          <li key={b}>
                            <span class="badge urgent-overdue">Blocked</span> {b}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <button class="btn btn-small" disabled={props.busy || m.blocks.length > 0 || m.reviewer.id === c.reviewerId} onClick={() => props.run(() => caseSteps.assignReviewer(c.id, c.version, m.reviewer.id))}>
                      Assign
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
