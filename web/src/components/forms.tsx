import type { ComponentChildren } from 'preact';
import { formatIssue } from '../../../src/domain/primitives/issues.js';
import { ApiError, type Issue } from '../api/client.js';
import { CATEGORY_LABEL } from '../labels.js';

/** The messages of the issues at `path` (a dotted path such as "application.receivedDate"). */
export function issuesAt(issues: readonly Issue[], path: string): string[] {
  return issues.filter((i) => i.path.join('.') === path).map((i) => i.message);
}

let nextId = 0;
/** A stable id for a label/control pair. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^\w-]/g, '-')}-${++nextId}`;
}

/** A labelled form control with the server's problems for it shown beneath and announced. */
export function Field(props: { label: string; id: string; errors?: string[]; hint?: string; children: ComponentChildren; class?: string }) {
  const errId = `${props.id}-err`;
  return (
    <div class={`field ${props.errors?.length ? 'has-error' : ''} ${props.class ?? ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && <div class="hint">{props.hint}</div>}
      {props.errors?.length ? (
        <div class="field-error" id={errId} role="alert">
          {props.errors.join('; ')}
        </div>
      ) : null}
    </div>
  );
}

/** A failed request, said plainly; a stale write says to reload. */
export function ErrorBanner(props: { error: Error | null | undefined; onReload?: () => void }) {
  const e = props.error;
  if (!e) return null;
  const conflict = e instanceof ApiError && e.isConflict;
  const issues = e instanceof ApiError ? e.issues : [];
  return (
    <div class={`banner ${conflict ? 'banner-warn' : 'banner-error'}`} role="alert">
      <strong>{conflict ? 'This case changed' : 'Not done'}:</strong> {e.message}
      {issues.length > 1 && (
        <ul>
          {issues.map((i, k) => (
            <li key={k}>
              {formatIssue(i, { whole: 'request' })}
            </li>
          ))}
        </ul>
      )}
      {conflict && props.onReload && (
        <button type="button" class="btn btn-small" onClick={props.onReload}>
          Reload the case
        </button>
      )}
    </div>
  );
}

export function Loading(props: { what?: string }) {
  return (
    <p class="loading" role="status">
      Loading{props.what ? ` ${props.what}` : ''}…
    </p>
  );
}

/** A treatment category picker, "Any" first (the corpus filters of search and analytics). */
export function CategorySelect(props: { id: string; value: string | undefined; onChange: (e: Event) => void }) {
  return (
    <select id={props.id} value={props.value ?? ''} onChange={props.onChange}>
      <option value="">Any</option>
      {Object.entries(CATEGORY_LABEL).map(([k, v]) => (
        <option key={k} value={k}>
          {v}
        </option>
      ))}
    </select>
  );
}
