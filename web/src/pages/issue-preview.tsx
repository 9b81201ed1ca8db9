import { useState } from 'preact/hooks';
import { caseSteps } from '../api/endpoints.js';
import type { CaseView, IssuePreview } from '../api/types.js';
import { ErrorBanner, Loading } from '../components/forms.js';

/** "items.0.rationale" → "Item 1, rationale" for people. */
function fieldLabel(field: string): string {
  const parts = field.split('.');
  if (parts[0] === 'clinicalSummary') return 'Clinical case summary';
  if (parts[0] === 'items') {
    const rest = parts
      .slice(2)
      .map((p) => (/^\d+$/.test(p) ? String(Number(p) + 1) : p.replace(/([A-Z])/g, ' $1').toLowerCase()))
      .join(' ');
    return `Item ${Number(parts[1]) + 1}, ${rest}`;
  }
  return field;
}

/**
 * Issuing as a coordinator sees it: first the letter exactly as it would be
 * published, and, field by field, what the redaction removes, marked; then
 * "Confirm and issue", which publishes that letter and nothing else (the
 * server checks the preview's hash).
 */
export function IssueStep(props: { view: CaseView; busy: boolean; run: (step: () => Promise<CaseView>) => Promise<void> }) {
  const c = props.view.case;
  const [preview, setPreview] = useState<IssuePreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const load = async () => {
    setLoading(true);
    setError(null);
    try {
      setPreview(await caseSteps.previewIssue(c.id));
    } catch (err) {
      setError(err as Error);
    } finally {
      setLoading(false);
    }
  };
  return (
    <div class="step issue-step">
      <p>Every item is decided. Preview the letter as it will be published, check what the redaction removes, then confirm: the letter is frozen and published redacted.</p>
      <ErrorBanner error={error} />
      {!preview && (
        <button class="btn btn-primary" disabled={props.busy || loading} onClick={load} data-action="preview-issue">
          Preview the published letter
        </button>
      )}
      {loading && <Loading what="the preview" />}
      {preview && (
        <div class="issue-preview" aria-label="Preview of the published letter">
          <PreviewBody preview={preview} />
          <div class="row">
            <button class="btn btn-primary" disabled={props.busy} data-action="confirm-issue" onClick={() => props.run(async () => (await caseSteps.issue(c.id, c.version, preview.previewHash)).case)}>
              Confirm and issue this letter
            </button>
            <button class="btn" disabled={props.busy} onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** What a preview shows: each field with the redaction's removals marked, then the letter as it will be published. */
export function PreviewBody(props: { preview: IssuePreview }) {
  const preview = props.preview;
  return (
    <>
      <h3>
        Removed by the redaction: {preview.removals} {preview.removals === 1 ? 'span' : 'spans'}
      </h3>
      {preview.fields.map((f) => (
        <div class="preview-field" key={f.field} data-field={f.field}>
          <h4>{fieldLabel(f.field)}</h4>
          <p class="preview-text">
            {f.segments.map((s, k) =>
              s.removed ? (
                <mark key={k} class="removed" data-category={s.removed} title={`removed (${s.removed}), published as ${s.replacement}`}>
                  {s.text}
                </mark>
              ) : (
                <span key={k}>{s.text}</span>
              ),
            )}
          </p>
        </div>
      ))}
      <h3>The letter as it will be published (version {preview.version})</h3>
      {/* Focusable, so that a keyboard can scroll a letter wider or longer than its frame. */}
      <pre class="published-letter" data-preview-hash={preview.previewHash} tabIndex={0} aria-label={`The letter as it will be published, version ${preview.version}`}>
        {preview.letter}
      </pre>
    </>
  );
}
