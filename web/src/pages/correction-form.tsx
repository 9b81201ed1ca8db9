import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { caseSteps } from '../api/endpoints.js';
import type { CaseView, DecisionEntry, IssuePreview } from '../api/types.js';
import { ErrorBanner, Field, issuesAt } from '../components/forms.js';
import { PreviewBody } from './issue-preview.js';

interface ItemChange {
  on: boolean;
  decision: 'upheld' | 'overturned';
  rationale: string;
}

/**
 * Correcting an issued determination (the assigned reviewer): the items
 * chosen get a new decision and rationale and the reason is recorded; the
 * corrected letter (version N+1, marked Corrected) is previewed as it will be
 * published, and only that letter is issued on confirming. The versions it
 * replaces are withdrawn from publication and kept internally.
 */
export function CorrectionForm(props: { view: CaseView; onDone: (v: CaseView) => void; onReload: () => void }) {
  const c = props.view.case;
  // Asked by the coordinator: the reviewer's correction is sent to them to issue, not issued here.
  const request = c.correction ?? null;
  const answering = props.view.actions.includes('make-correction');
  const current = new Map(c.decisions.map((d) => [d.index, d]));
  const sent = new Map((request?.made?.decisions ?? []).map((d) => [d.index, d]));
  const [items, setItems] = useState<Record<number, ItemChange>>(() =>
    Object.fromEntries(
      c.file.items.map((i) => {
        const d = sent.get(i.index) ?? current.get(i.index);
        return [i.index, { on: sent.has(i.index), decision: d?.decision ?? 'upheld', rationale: d?.rationale ?? '' }];
      }),
    ),
  );
  const [reason, setReason] = useState(request?.made?.reason ?? '');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const issues = error instanceof ApiError ? error.issues : [];
  const chosen = c.file.items.filter((i) => items[i.index]!.on);
  const decisions = (): DecisionEntry[] =>
    chosen.map((i) => ({ index: i.index, decision: items[i.index]!.decision, rationale: items[i.index]!.rationale, guidelines: current.get(i.index)?.guidelines ?? [], overrideReason: reason }));
  const [preview, setPreview] = useState<IssuePreview | null>(null);
  const attempt = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (answering)
      return attempt(async () => {
        props.onDone(await caseSteps.answerCorrection(c.id, c.version, decisions(), reason));
        setDone('Correction sent to the coordinator, who previews and issues it.');
      });
    return attempt(async () => setPreview(await caseSteps.previewCorrection(c.id, decisions(), reason)));
  };
  const confirm = () =>
    attempt(async () => {
      const res = await caseSteps.correct(c.id, c.version, decisions(), reason, preview!.previewHash);
      setDone(`Version ${res.issued.version} issued.`);
      setReason('');
      setPreview(null);
      props.onDone(res.case);
    });
  const set = (index: number, patch: Partial<ItemChange>) => setItems({ ...items, [index]: { ...items[index]!, ...patch } });
  return (
    <form class="card" onSubmit={submit} aria-labelledby="correct-title">
      <h2 id="correct-title">{answering ? 'Correction requested by the coordinator' : 'Correct the issued determination'}</h2>
      {request && (
        <p class="banner banner-warn" role="status" data-correction-note>
          <strong>{request.requestedBy} asks</strong> ({new Date(request.requestedAt).toLocaleString('en-US')}): {request.note}
        </p>
      )}
      {request?.made && !done && (
        <p class="banner banner-ok" role="status">
          You sent a correction on {new Date(request.made.at).toLocaleString('en-US')}; the coordinator has yet to issue it. Sending another replaces it.
        </p>
      )}
      <p class="muted">
        {answering
          ? 'Choose the items to correct and give each its corrected decision and rationale. The coordinator previews the corrected letter and issues it.'
          : 'Choose the items to correct and give each its corrected decision and rationale. The corrected letter is shown as it will be published before it is issued; the versions it replaces are withdrawn from publication and kept.'}
      </p>
      {done && (
        <p class="banner banner-ok" role="status">
          {done}
        </p>
      )}
      <ErrorBanner error={error} onReload={props.onReload} />
      {c.file.items.map((i) => (
        <fieldset key={i.index} data-correct-item={i.index}>
          <legend>
            <label class="check">
              <input type="checkbox" checked={items[i.index]!.on} onChange={(e) => set(i.index, { on: e.currentTarget.checked })} /> Correct item {i.index}: {i.request}
            </label>
          </legend>
          {items[i.index]!.on && (
            <div class="grid-3">
              <Field label={`Corrected decision for item ${i.index}`} id={`corr-${i.index}-decision`}>
                <select id={`corr-${i.index}-decision`} value={items[i.index]!.decision} onChange={(e) => set(i.index, { decision: e.currentTarget.value as ItemChange['decision'] })}>
                  <option value="upheld">Upheld</option>
                  <option value="overturned">Overturned</option>
                </select>
              </Field>
              <Field label={`Corrected rationale for item ${i.index}`} id={`corr-${i.index}-rationale`} class="span-2" errors={issuesAt(issues, `decisions.${chosen.findIndex((x) => x.index === i.index)}.rationale`)}>
                <textarea id={`corr-${i.index}-rationale`} rows={3} value={items[i.index]!.rationale} onInput={(e) => set(i.index, { rationale: e.currentTarget.value })} />
              </Field>
            </div>
          )}
        </fieldset>
      ))}
      <Field label="Reason for the correction" id="corr-reason" hint="Also recorded as the reason for departing from the engine's draft where a corrected decision differs from it." errors={issuesAt(issues, 'reason')}>
        <textarea id="corr-reason" rows={2} required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      {!preview && (
        <button type="submit" class="btn btn-primary" disabled={busy || chosen.length === 0}>
          {answering ? 'Send the correction to the coordinator' : 'Preview the corrected letter'}
        </button>
      )}
      {preview && (
        <div class="issue-preview" aria-label="Preview of the corrected letter">
          <PreviewBody preview={preview} />
          <div class="row">
            <button type="button" class="btn btn-primary" disabled={busy} onClick={confirm}>
              Issue the corrected determination
            </button>
            <button type="button" class="btn" disabled={busy} onClick={() => setPreview(null)}>
              Change the correction
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
