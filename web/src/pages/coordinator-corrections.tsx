import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { caseSteps } from '../api/endpoints.js';
import type { CaseView, ClericalCorrection, ImrCase, IssuePreview, IssueResult } from '../api/types.js';
import { clericalChanges, formOf, type ClericalForm } from '../text/clerical-form.js';
import { DecisionBadge } from '../components/badges.js';
import { ErrorBanner, Field, issuesAt } from '../components/forms.js';
import { PreviewBody } from './issue-preview.js';

/** The actions of this panel; the case's other steps are CoordinatorSteps'. */
export const CORRECTION_ACTIONS = ['correct-clerical', 'request-correction', 'issue-correction', 'cancel-correction'] as const;

/** Which item (its position in the case) the n-th request fix sent names: only changed requests are sent. */
function requestsIndex(c: ImrCase, requests: Record<number, string>, n: string | number | undefined): number {
  const sent = c.file.items.map((i, k) => ({ k, changed: requests[i.index]!.trim() !== i.request })).filter((x) => x.changed);
  return sent[Number(n)]?.k ?? -1;
}

/**
 * The coordinator's corrections of an issued determination, as an IMR
 * organisation makes them: clerical facts corrected here and issued as
 * previewed; a decision or rationale asked of the assigned reviewer (the
 * note shows in their queue), then previewed and issued here once made.
 */
export function CoordinatorCorrections(props: { view: CaseView; onDone: (v: CaseView) => void; onReload: () => void; onIssued: () => void }) {
  const c = props.view.case;
  const can = (a: (typeof CORRECTION_ACTIONS)[number]) => props.view.actions.includes(a);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [form, setForm] = useState<ClericalForm>(() => formOf(c));
  const [requests, setRequests] = useState<Record<number, string>>(() => Object.fromEntries(c.file.items.map((i) => [i.index, i.request])));
  const correction = (): ClericalCorrection => {
    const typos = c.file.items.filter((i) => requests[i.index]!.trim() !== i.request).map((i) => ({ index: i.index, request: requests[i.index]!.trim() }));
    return { ...clericalChanges(c, form), ...(typos.length ? { requests: typos } : {}) };
  };
  const [reason, setReason] = useState('');
  const [clericalPreview, setClericalPreview] = useState<IssuePreview | null>(null);
  const [requestedPreview, setRequestedPreview] = useState<IssuePreview | null>(null);
  const issues = error instanceof ApiError ? error.issues : [];
  const attempt = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await step();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  const issuedNow = (res: IssueResult, what: string) => {
    setDone(`Version ${res.issued.version} issued: ${what}.`);
    setClericalPreview(null);
    setRequestedPreview(null);
    setReason('');
    props.onDone(res.case);
    props.onIssued();
  };
  const request = c.correction ?? null;
  const set = (k: keyof ClericalForm) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const errs = (k: string) => issuesAt(issues, `correction.${k}`);
  return (
    <section class="card steps" aria-labelledby="corrections-title" data-corrections>
      <h2 id="corrections-title">Correct the issued determination</h2>
      <p class="muted">
        Clerical facts (the parties, dates, the worker's age and sex, a typo in a request) are corrected here and issued at once. A decision, rationale or citation is the reviewer's: ask them for the
        correction; once they have made it, preview and issue it here. Either way the corrected letter is marked Corrected and replaces the published one.
      </p>
      {done && (
        <p class="banner banner-ok" role="status">
          {done}
        </p>
      )}
      <ErrorBanner error={error} onReload={props.onReload} />

      {request && !request.made && (
        <div class="step" data-correction-state="requested">
          <p class="banner banner-warn" role="status">
            <strong>Correction requested</strong> of reviewer {c.reviewerId} by {request.requestedBy}, {new Date(request.requestedAt).toLocaleString('en-US')}: {request.note}
          </p>
          <p class="muted small">It is in the reviewer's queue. Once they make it, it appears here to preview and issue.</p>
          {can('cancel-correction') && (
            <button class="btn" disabled={busy} onClick={() => attempt(async () => props.onDone(await caseSteps.cancelCorrection(c.id, c.version)))}>
              Cancel the request
            </button>
          )}
        </div>
      )}

      {request?.made && (
        <div class="step" data-correction-state="made">
          <p class="banner banner-ok" role="status">
            <strong>The reviewer made the correction</strong> ({request.made.by}, {new Date(request.made.at).toLocaleString('en-US')}): {request.made.reason}
          </p>
          <p class="muted small">Asked: {request.note}</p>
          <ul class="plain">
            {request.made.decisions.map((d) => (
              <li key={d.index}>
                Item {d.index}: <DecisionBadge decision={d.decision} /> <span class="prose">{d.rationale}</span>
              </li>
            ))}
          </ul>
          {!requestedPreview && can('issue-correction') && (
            <button class="btn btn-primary" disabled={busy} onClick={() => attempt(async () => setRequestedPreview(await caseSteps.previewRequestedCorrection(c.id)))}>
              Preview the corrected letter
            </button>
          )}
          {requestedPreview && (
            <div class="issue-preview" aria-label="Preview of the corrected letter">
              <PreviewBody preview={requestedPreview} />
              <div class="row">
                <button class="btn btn-primary" disabled={busy} onClick={() => attempt(async () => issuedNow(await caseSteps.issueRequestedCorrection(c.id, c.version, requestedPreview.previewHash), "the reviewer's correction"))}>
                  Confirm and issue the corrected letter
                </button>
                <button class="btn" disabled={busy} onClick={() => setRequestedPreview(null)}>
                  Not now
                </button>
              </div>
            </div>
          )}
          {can('cancel-correction') && !requestedPreview && (
            <button class="btn" disabled={busy} onClick={() => attempt(async () => props.onDone(await caseSteps.cancelCorrection(c.id, c.version)))}>
              Cancel the request
            </button>
          )}
        </div>
      )}

      {can('request-correction') && (
        <details class="step">
          <summary>Ask the reviewer to correct a decision or rationale</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              attempt(async () => {
                props.onDone(await caseSteps.requestCorrection(c.id, c.version, note));
                setNote('');
                setDone(`Correction requested of reviewer ${c.reviewerId}.`);
              });
            }}
          >
            <Field label="What should the reviewer correct, and why" id="correction-note" errors={issuesAt(issues, 'note')}>
              <textarea id="correction-note" rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            </Field>
            <button type="submit" class="btn btn-primary" disabled={busy}>
              Send the request to the reviewer
            </button>
          </form>
        </details>
      )}

      {can('correct-clerical') && (
        <details class="step" data-clerical>
          <summary>Correct clerical facts</summary>
          <form
            aria-label="Correct clerical facts"
            onSubmit={(e) => {
              e.preventDefault();
              attempt(async () => setClericalPreview(await caseSteps.previewClerical(c.id, correction(), reason)));
            }}
          >
            <div class="grid-3">
              <Field label="Injured worker" id="cl-worker" errors={errs('parties.worker.name')}>
                <input id="cl-worker" value={form.worker} onInput={set('worker')} />
              </Field>
              <Field label="Worker's date of birth" id="cl-dob" errors={errs('parties.worker.dateOfBirth')}>
                <input id="cl-dob" type="date" value={form.dateOfBirth} onInput={set('dateOfBirth')} />
              </Field>
              <Field label="Worker's address" id="cl-address">
                <input id="cl-address" value={form.workerAddress} onInput={set('workerAddress')} />
              </Field>
              <Field label="Employer" id="cl-employer" errors={errs('parties.employer.name')}>
                <input id="cl-employer" value={form.employer} onInput={set('employer')} />
              </Field>
              <Field label="Claims administrator" id="cl-ca" errors={errs('parties.claimsAdministrator.name')}>
                <input id="cl-ca" value={form.claimsAdministrator} onInput={set('claimsAdministrator')} />
              </Field>
              <Field label="Claim number" id="cl-claim">
                <input id="cl-claim" value={form.claimNumber} onInput={set('claimNumber')} />
              </Field>
              <Field label="Application received" id="cl-received" errors={errs('applicationReceived')}>
                <input id="cl-received" type="date" value={form.applicationReceived} onInput={set('applicationReceived')} />
              </Field>
              <Field label="UR decision date" id="cl-ur" errors={errs('urDecisionDate')}>
                <input id="cl-ur" type="date" value={form.urDecisionDate} onInput={set('urDecisionDate')} />
              </Field>
              <Field label="Date assigned" id="cl-assigned" errors={errs('assignedOn')}>
                <input id="cl-assigned" type="date" value={form.assignedOn} onInput={set('assignedOn')} />
              </Field>
              <Field label="Decision date" id="cl-decided" errors={errs('decisionDate')}>
                <input id="cl-decided" type="date" value={form.decisionDate} onInput={set('decisionDate')} />
              </Field>
              <Field label="Injury dates (yyyy-mm-dd, comma-separated)" id="cl-injury" errors={issues.filter((i) => i.path.join('.').startsWith('correction.injuryDates')).map((i) => i.message)}>
                <input id="cl-injury" value={form.injuryDates} onInput={set('injuryDates')} />
              </Field>
              <Field label="Worker's age" id="cl-age" errors={errs('patient.age')}>
                <input id="cl-age" inputMode="numeric" value={form.age} onInput={set('age')} />
              </Field>
              <Field label="Worker's sex" id="cl-sex">
                <select id="cl-sex" value={form.sex} onChange={set('sex')}>
                  <option value="">not stated</option>
                  <option value="female">female</option>
                  <option value="male">male</option>
                </select>
              </Field>
            </div>
            {c.file.items.map((i, k) => (
              <Field
                key={i.index}
                label={`Item ${i.index} request (a typo only)`}
                id={`cl-request-${i.index}`}
                errors={issues.filter((x) => x.path[0] === 'correction' && x.path[1] === 'requests' && requestsIndex(c, requests, x.path[2]) === k).map((x) => x.message)}
              >
                <input id={`cl-request-${i.index}`} value={requests[i.index]} onInput={(e) => setRequests({ ...requests, [i.index]: e.currentTarget.value })} />
              </Field>
            ))}
            <Field label="Reason for the correction" id="cl-reason" errors={issuesAt(issues, 'reason')}>
              <textarea id="cl-reason" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
            </Field>
            {!clericalPreview && (
              <button type="submit" class="btn btn-primary" disabled={busy}>
                Preview the corrected letter
              </button>
            )}
          </form>
          {clericalPreview && (
            <div class="issue-preview" aria-label="Preview of the corrected letter">
              <PreviewBody preview={clericalPreview} />
              <div class="row">
                <button
                  class="btn btn-primary"
                  disabled={busy}
                  onClick={() => attempt(async () => issuedNow(await caseSteps.correctClerical(c.id, c.version, correction(), reason, clericalPreview.previewHash), 'the clerical correction'))}
                >
                  Confirm and issue the corrected letter
                </button>
                <button class="btn" disabled={busy} onClick={() => setClericalPreview(null)}>
                  Change the correction
                </button>
              </div>
            </div>
          )}
        </details>
      )}
    </section>
  );
}
