import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { openCase } from '../api/endpoints.js';
import type { NewCaseRequest } from '../api/types.js';
import { ErrorBanner, Field, issuesAt } from '../components/forms.js';
import { navigate } from '../router.js';

interface Form {
  priority: 'standard' | 'expedited';
  worker: string;
  employer: string;
  claimsAdministrator: string;
  claimNumber: string;
  physician: string;
  receivedDate: string;
  urDecisionDate: string;
  urServiceMethod: 'mail' | 'electronic' | 'personal';
  signed: boolean;
  urDecisionAttached: boolean;
  formularyDispute: boolean;
  age: string;
  sex: '' | 'male' | 'female';
  injuryDate: string;
  summary: string;
  requests: string[];
}

const EMPTY: Form = {
  priority: 'standard',
  worker: '',
  employer: '',
  claimsAdministrator: '',
  claimNumber: '',
  physician: '',
  receivedDate: new Date().toISOString().slice(0, 10),
  urDecisionDate: '',
  urServiceMethod: 'mail',
  signed: true,
  urDecisionAttached: true,
  formularyDispute: false,
  age: '',
  sex: '',
  injuryDate: '',
  summary: '',
  requests: [''],
};

function body(f: Form): NewCaseRequest {
  return {
    priority: f.priority,
    parties: {
      worker: { name: f.worker },
      employer: { name: f.employer },
      claimsAdministrator: { name: f.claimsAdministrator, claimNumber: f.claimNumber || null },
      providers: f.physician ? [{ name: f.physician, role: 'requesting physician' }] : [],
    },
    application: { receivedDate: f.receivedDate, urDecisionDate: f.urDecisionDate, urServiceMethod: f.urServiceMethod, signed: f.signed, urDecisionAttached: f.urDecisionAttached, formularyDispute: f.formularyDispute },
    file: {
      patient: { age: f.age ? Number(f.age) : null, sex: f.sex || null },
      injuryDates: f.injuryDate ? [f.injuryDate] : [],
      clinicalSummary: f.summary,
      items: f.requests.map((request, i) => ({ index: i + 1, request })).filter((i) => i.request.trim()),
    },
  };
}

/** Intake: a new case from the IMR application, the parties and the case file, or from a case JSON file. */
export function CaseIntakePage() {
  const [f, setF] = useState<Form>(EMPTY);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const issues = error instanceof ApiError ? error.issues : [];
  const e = (path: string) => issuesAt(issues, path);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF({ ...f, [k]: v });
  const text = (k: keyof Form) => (ev: Event) => set(k, (ev.currentTarget as HTMLInputElement).value as never);
  const submitBody = async (b: NewCaseRequest) => {
    setBusy(true);
    setError(null);
    try {
      const v = await openCase(b);
      navigate(`/cases/${v.case.id}`);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const importFile = async (ev: Event) => {
    const file = (ev.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      await submitBody(JSON.parse(await file.text()) as NewCaseRequest);
    } catch (err) {
      setError(err instanceof SyntaxError ? new Error(`${file.name} is not JSON: ${err.message}`) : (err as Error));
    }
  };
  return (
    <div class="page">
      <div class="page-head row">
        <div>
          <h1>New case</h1>
          <p class="muted">From the Application for Independent Medical Review (DWC Form IMR) and the UR decision. Names stay internal: the published letter is redacted.</p>
        </div>
        <label class="btn file-btn">
          Import a case JSON…
          <input type="file" accept="application/json,.json" onChange={importFile} class="sr-only" />
        </label>
      </div>
      <ErrorBanner error={error} />
      <form
        class="intake"
        onSubmit={(ev) => {
          ev.preventDefault();
          submitBody(body(f));
        }}
      >
        <section class="card">
          <h2>Application</h2>
          <div class="grid-3">
            <Field label="Received" id="receivedDate" errors={e('application.receivedDate')}>
              <input id="receivedDate" type="date" required value={f.receivedDate} onInput={text('receivedDate')} />
            </Field>
            <Field label="UR decision date" id="urDecisionDate" errors={e('application.urDecisionDate')}>
              <input id="urDecisionDate" type="date" required value={f.urDecisionDate} onInput={text('urDecisionDate')} />
            </Field>
            <Field label="UR decision served by" id="urServiceMethod" errors={e('application.urServiceMethod')}>
              <select id="urServiceMethod" value={f.urServiceMethod} onChange={text('urServiceMethod')}>
                <option value="mail">Mail (+5 days)</option>
                <option value="electronic">Electronic</option>
                <option value="personal">Personal</option>
              </select>
            </Field>
            <Field label="Priority" id="priority" errors={e('priority')}>
              <select id="priority" value={f.priority} onChange={text('priority')}>
                <option value="standard">Standard (30 days)</option>
                <option value="expedited">Expedited (3 days)</option>
              </select>
            </Field>
          </div>
          <div class="checks">
            <label class="check">
              <input type="checkbox" checked={f.signed} onChange={(ev) => set('signed', ev.currentTarget.checked)} /> Application signed
            </label>
            <label class="check">
              <input type="checkbox" checked={f.urDecisionAttached} onChange={(ev) => set('urDecisionAttached', ev.currentTarget.checked)} /> UR decision attached
            </label>
            <label class="check">
              <input type="checkbox" checked={f.formularyDispute} onChange={(ev) => set('formularyDispute', ev.currentTarget.checked)} /> Formulary dispute
            </label>
          </div>
        </section>
        <section class="card">
          <h2>Parties</h2>
          <div class="grid-3">
            <Field label="Injured worker" id="worker" errors={e('parties.worker.name')}>
              <input id="worker" required value={f.worker} onInput={text('worker')} />
            </Field>
            <Field label="Employer" id="employer" errors={e('parties.employer.name')}>
              <input id="employer" required value={f.employer} onInput={text('employer')} />
            </Field>
            <Field label="Requesting physician" id="physician" errors={e('parties.providers.0.name')}>
              <input id="physician" value={f.physician} onInput={text('physician')} />
            </Field>
            <Field label="Claims administrator" id="claimsAdministrator" errors={e('parties.claimsAdministrator.name')}>
              <input id="claimsAdministrator" required value={f.claimsAdministrator} onInput={text('claimsAdministrator')} />
            </Field>
            <Field label="Claim number" id="claimNumber" errors={e('parties.claimsAdministrator.claimNumber')}>
              <input id="claimNumber" value={f.claimNumber} onInput={text('claimNumber')} />
            </Field>
          </div>
        </section>
        <section class="card">
          <h2>Case file</h2>
          <div class="grid-3">
            <Field label="Patient age" id="age" errors={e('file.patient.age')}>
              <input id="age" type="number" min={0} max={120} value={f.age} onInput={text('age')} />
            </Field>
            <Field label="Sex" id="sex" errors={e('file.patient.sex')}>
              <select id="sex" value={f.sex} onChange={text('sex')}>
                <option value="">Not stated</option>
                <option value="female">Female</option>
                <option value="male">Male</option>
              </select>
            </Field>
            <Field label="Date of injury" id="injuryDate" errors={e('file.injuryDates.0')}>
              <input id="injuryDate" type="date" value={f.injuryDate} onInput={text('injuryDate')} />
            </Field>
          </div>
          <Field label="Clinical case summary" id="summary" errors={e('file.clinicalSummary')}>
            <textarea id="summary" rows={6} required value={f.summary} onInput={text('summary')} />
          </Field>
          <fieldset>
            <legend>Disputed items (as requested)</legend>
            {f.requests.map((r, i) => (
              <div class="item-row" key={i}>
                <Field label={`Item ${i + 1}`} id={`request-${i}`} errors={e(`file.items.${i}.request`)}>
                  <input id={`request-${i}`} value={r} onInput={(ev) => set('requests', f.requests.map((x, k) => (k === i ? ev.currentTarget.value : x)))} placeholder="Baclofen 10 mg #90" />
                </Field>
                {f.requests.length > 1 && (
                  <button type="button" class="btn btn-ghost btn-small" aria-label={`Remove item ${i + 1}`} onClick={() => set('requests', f.requests.filter((_, k) => k !== i))}>
                    Remove
                  </button>
                )}
              </div>
            ))}
            {e('file.items').map((m) => (
              <div class="field-error" role="alert" key={m}>
                {m}
              </div>
            ))}
            <button type="button" class="btn btn-small" onClick={() => set('requests', [...f.requests, ''])}>
              Add an item
            </button>
          </fieldset>
        </section>
        <div class="sticky-actions">
          <button class="btn btn-primary" type="submit" disabled={busy}>
            {busy ? 'Opening…' : 'Open the case'}
          </button>
        </div>
      </form>
    </div>
  );
}
