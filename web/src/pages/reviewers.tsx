import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { addReviewer, listReviewers, updateReviewer } from '../api/endpoints.js';
import type { Reviewer } from '../api/types.js';
import { ErrorBanner, Field, issuesAt, Loading } from '../components/forms.js';
import { useAsync } from '../components/use-async.js';

type TieKind = Reviewer['ties'][number]['kind'];
const TIE_KINDS: Record<TieKind, string> = { employer: 'Employer', 'claims-administrator': 'Claims administrator', provider: 'Provider', worker: 'Injured worker' };

/** A reviewer as the form edits it: lists as comma-separated text. */
interface ReviewerForm {
  id: string;
  name: string;
  boardCertifications: string;
  subspecialties: string;
  specialties: string;
  licensureStates: string;
  yearsInPractice: string;
  hoursPerWeek: string;
  available: boolean;
  ties: { kind: TieKind; name: string; nature: string }[];
}

/** "a, b ,, c" → ["a", "b", "c"]. */
export function listOf(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function formOf(r?: Reviewer): ReviewerForm {
  return {
    id: r?.id ?? '',
    name: r?.name ?? '',
    boardCertifications: r?.boardCertifications.join(', ') ?? '',
    subspecialties: r?.subspecialties.join(', ') ?? '',
    specialties: r?.specialties.join(', ') ?? '',
    licensureStates: r?.licensureStates.join(', ') ?? 'CA',
    yearsInPractice: r ? String(r.yearsInPractice) : '',
    hoursPerWeek: r ? String(r.hoursPerWeek) : '',
    available: r?.available ?? true,
    ties: (r?.ties ?? []).map((t) => ({ kind: t.kind, name: t.name, nature: t.nature ?? '' })),
  };
}

function reviewerOf(f: ReviewerForm): Reviewer {
  return {
    id: f.id.trim(),
    name: f.name.trim(),
    boardCertifications: listOf(f.boardCertifications),
    subspecialties: listOf(f.subspecialties),
    specialties: listOf(f.specialties),
    licensureStates: listOf(f.licensureStates).map((s) => s.toUpperCase()),
    yearsInPractice: f.yearsInPractice === '' ? Number.NaN : Number(f.yearsInPractice),
    hoursPerWeek: f.hoursPerWeek === '' ? Number.NaN : Number(f.hoursPerWeek),
    available: f.available,
    ties: f.ties.filter((t) => t.name.trim()).map((t) => ({ kind: t.kind, name: t.name.trim(), ...(t.nature.trim() ? { nature: t.nature.trim() } : {}) })),
  };
}

/** The expert reviewer registry: credentials, licences, availability and the ties that conflict checks use. */
export function ReviewersPage() {
  const reviewers = useAsync(listReviewers, []);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const saved = (message: string) => {
    setNotice(message);
    setError(null);
    setEditing(null);
    setAdding(false);
    reviewers.reload();
  };
  const toggle = (r: Reviewer) =>
    updateReviewer(r.id, { available: !r.available }).then(
      () => saved(`${r.name} is now ${r.available ? 'unavailable' : 'available'} for new cases.`),
      (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))),
    );
  return (
    <div class="page" data-page="reviewers">
      <div class="page-head row">
        <div>
          <h1>Reviewer registry</h1>
          <p class="muted">Expert reviewers, their credentials and licences, whether they take new cases, and their declared ties, which block assignment to a case naming that party.</p>
        </div>
        {!adding && (
          <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
            Register a reviewer
          </button>
        )}
      </div>
      {notice && (
        <p class="banner banner-ok" role="status">
          {notice}
        </p>
      )}
      <ErrorBanner error={error} />
      {adding && <ReviewerEditor onCancel={() => setAdding(false)} onSaved={(r) => saved(`${r.name} (${r.id}) registered.`)} />}
      {reviewers.loading && !reviewers.data && <Loading what="reviewers" />}
      <ErrorBanner error={reviewers.error} />
      {reviewers.data && reviewers.data.length === 0 && <p class="card empty">No reviewer is registered yet.</p>}
      {reviewers.data && reviewers.data.length > 0 && (
        <div class="card table-wrap">
          <table class="table reviewers" aria-label="Reviewers">
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                <th scope="col">Board certification</th>
                <th scope="col">Licensed in</th>
                <th scope="col">Practice</th>
                <th scope="col">Available</th>
                <th scope="col">Ties</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {reviewers.data.map((r) => (
                <tr key={r.id} data-reviewer={r.id}>
                  <td>
                    <strong>{r.name}</strong>
                    <div class="muted small">{r.id}</div>
                  </td>
                  <td>
                    {r.boardCertifications.join(', ')}
                    {(r.subspecialties.length > 0 || r.specialties.length > 0) && <div class="muted small">{[...r.subspecialties, ...r.specialties].join(', ')}</div>}
                  </td>
                  <td>{r.licensureStates.join(', ')}</td>
                  <td class="small">
                    {r.yearsInPractice} years · {r.hoursPerWeek} h/week
                  </td>
                  <td>
<div class="available-cell">
                      {r.available ? <span class="badge urgent-ok">Available</span> : <span class="badge muted">Unavailable</span>}
                      <button type="button" class="btn btn-small" onClick={() => toggle(r)}>
                        Make <span class="sr-only">{r.name} </span>
                        {r.available ? 'unavailable' : 'available'}
                      </button>
                    </div>
                  </td>
                  <td>
                    {r.ties.length === 0 ? (
                      <span class="muted">none</span>
                    ) : (
                      <ul class="plain small">
                        {r.ties.map((t, k) => (
                          <li key={k}>
                            {TIE_KINDS[t.kind]}: {t.name}
                            {t.nature && ` (${t.nature})`}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <button type="button" class="btn btn-small" aria-label={`Edit ${r.name}`} onClick={() => setEditing(editing === r.id ? null : r.id)}>
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && reviewers.data?.find((r) => r.id === editing) && (
        <ReviewerEditor key={editing} reviewer={reviewers.data.find((r) => r.id === editing)!} onCancel={() => setEditing(null)} onSaved={(r) => saved(`${r.name} (${r.id}) saved.`)} />
      )}
    </div>
  );
}

/** Registers a reviewer, or changes one (every field but the id). */
function ReviewerEditor(props: { reviewer?: Reviewer; onSaved: (r: Reviewer) => void; onCancel: () => void }) {
  const [f, setF] = useState(() => formOf(props.reviewer));
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const issues = error instanceof ApiError ? error.issues : [];
  const set = (k: keyof ReviewerForm) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const setTie = (i: number, k: 'kind' | 'name' | 'nature', v: string) => setF({ ...f, ties: f.ties.map((t, j) => (j === i ? { ...t, [k]: v } : t)) });
  const p = props.reviewer ? 'er' : 'nr';
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = reviewerOf(f);
      const { id, ...patch } = r;
      props.onSaved(props.reviewer ? await updateReviewer(props.reviewer.id, patch) : await addReviewer(r));
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit} aria-label={props.reviewer ? `Edit ${props.reviewer.name}` : 'Register a reviewer'}>
      <h2>{props.reviewer ? `Edit ${props.reviewer.name} (${props.reviewer.id})` : 'Register a reviewer'}</h2>
      <ErrorBanner error={error} />
      <div class="grid-3">
        {!props.reviewer && (
          <Field label="Registry id" id={`${p}-id`} hint="R-0042" errors={issuesAt(issues, 'id')}>
            <input id={`${p}-id`} required value={f.id} onInput={set('id')} />
          </Field>
        )}
        <Field label="Name" id={`${p}-name`} errors={issuesAt(issues, 'name')}>
          <input id={`${p}-name`} required value={f.name} onInput={set('name')} />
        </Field>
        <Field label="Board certifications" id={`${p}-certs`} hint="Comma-separated" errors={issuesAt(issues, 'boardCertifications')}>
          <input id={`${p}-certs`} required value={f.boardCertifications} onInput={set('boardCertifications')} />
        </Field>
        <Field label="Subspecialties" id={`${p}-subs`} hint="Comma-separated" errors={issuesAt(issues, 'subspecialties')}>
          <input id={`${p}-subs`} value={f.subspecialties} onInput={set('subspecialties')} />
        </Field>
        <Field label="Fields evaluated and treated" id={`${p}-specs`} hint="Comma-separated: spine, pain management" errors={issuesAt(issues, 'specialties')}>
          <input id={`${p}-specs`} value={f.specialties} onInput={set('specialties')} />
        </Field>
        <Field label="Licensed in (states)" id={`${p}-states`} hint="Two-letter codes, comma-separated" errors={issuesAt(issues, 'licensureStates').concat(issues.filter((i) => i.path[0] === 'licensureStates' && i.path.length > 1).map((i) => i.message))}>
          <input id={`${p}-states`} required value={f.licensureStates} onInput={set('licensureStates')} />
        </Field>
        <Field label="Years in practice" id={`${p}-years`} errors={issuesAt(issues, 'yearsInPractice')}>
          <input id={`${p}-years`} type="number" min={0} max={70} required value={f.yearsInPractice} onInput={set('yearsInPractice')} />
        </Field>
        <Field label="Clinical hours a week" id={`${p}-hours`} errors={issuesAt(issues, 'hoursPerWeek')}>
          <input id={`${p}-hours`} type="number" min={0} max={168} step="any" required value={f.hoursPerWeek} onInput={set('hoursPerWeek')} />
        </Field>
      </div>
      <label class="check">
        <input type="checkbox" checked={f.available} onChange={(e) => setF({ ...f, available: e.currentTarget.checked })} /> Available for new cases
      </label>
      <fieldset>
        <legend>Declared ties (conflicts of interest)</legend>
        {f.ties.length === 0 && <p class="muted small">None declared.</p>}
        {f.ties.map((t, i) => (
          <div class="item-row tie-row" key={i}>
            <Field label={`Tie ${i + 1}: kind`} id={`${p}-tie-${i}-kind`}>
              <select id={`${p}-tie-${i}-kind`} value={t.kind} onChange={(e) => setTie(i, 'kind', e.currentTarget.value)}>
                {Object.entries(TIE_KINDS).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={`Tie ${i + 1}: party name`} id={`${p}-tie-${i}-name`}>
              <input id={`${p}-tie-${i}-name`} value={t.name} onInput={(e) => setTie(i, 'name', e.currentTarget.value)} />
            </Field>
            <Field label={`Tie ${i + 1}: nature`} id={`${p}-tie-${i}-nature`}>
              <input id={`${p}-tie-${i}-nature`} value={t.nature} placeholder="former employee" onInput={(e) => setTie(i, 'nature', e.currentTarget.value)} />
            </Field>
            <button type="button" class="btn btn-small" onClick={() => setF({ ...f, ties: f.ties.filter((_, j) => j !== i) })}>
              Remove tie {i + 1}
            </button>
          </div>
        ))}
        <button type="button" class="btn btn-small" onClick={() => setF({ ...f, ties: [...f.ties, { kind: 'employer', name: '', nature: '' }] })}>
          Add a tie
        </button>
      </fieldset>
      <div class="actions form-top">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {props.reviewer ? 'Save reviewer' : 'Register reviewer'}
        </button>
        <button type="button" class="btn" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
