import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { caseSteps } from '../api/endpoints.js';
import type { CaseAssessment, CaseView, CriterionResult, DecisionEntry, Evidence, ItemAssessment } from '../api/types.js';
import { DecisionBadge } from '../components/badges.js';
import { ErrorBanner, Field, issuesAt } from '../components/forms.js';
import { Highlighted } from '../components/highlighted.js';
import { splitByRanges, type Range } from '../text/segments.js';

type Mode = 'accept' | 'override';

interface ItemForm {
  mode: Mode | null;
  decision: 'upheld' | 'overturned' | '';
  rationale: string;
  overrideReason: string;
}

const STATUS_LABEL: Record<CriterionResult['status'], string> = { met: 'Met', 'not-met': 'Not met', 'not-documented': 'Not documented' };

/** Each criterion's evidence gets a key "item-criterion" so that the summary can show which criterion a passage proves. */
function evidenceKey(item: number, criterion: number): string {
  return `c${item}-${criterion}`;
}

function evidenceRanges(draft: CaseAssessment, source: string): { ranges: Range[]; status: Map<string, CriterionResult['status']>; label: Map<string, string> } {
  const ranges: Range[] = [];
  const status = new Map<string, CriterionResult['status']>();
  const label = new Map<string, string>();
  for (const item of draft.items) {
    item.criteria.forEach((c, k) => {
      const key = evidenceKey(item.index, k);
      status.set(key, c.status);
      label.set(key, `Item ${item.index}: ${c.description} — ${STATUS_LABEL[c.status]}`);
      for (const e of c.evidence) if (e.source === source) ranges.push({ start: e.start, end: e.end, key });
    });
  }
  return { ranges, status, label };
}

/** A case text with the draft's evidence in it highlighted by criterion status; the selected criterion's evidence stands out. */
function EvidenceText(props: { text: string; source: string; draft: CaseAssessment; active: string | null }) {
  const { ranges, status, label } = evidenceRanges(props.draft, props.source);
  const cls = (keys: string[]) => {
    if (props.active && keys.includes(props.active)) return 'evidence active';
    const s = keys.map((k) => status.get(k));
    return `evidence ${s.includes('not-met') ? 'ev-not-met' : s.includes('met') ? 'ev-met' : 'ev-other'}`;
  };
  return (
    <p class="prose evidence-text" data-source={props.source}>
      <Highlighted segments={splitByRanges(props.text, ranges)} markClass={cls} markTitle={(keys) => keys.map((k) => label.get(k)).join('\n')} />
    </p>
  );
}

/** The side the draft recommends: the model's likelier side, else the rules' decision; none for a flagged item. */
function drafted(item: ItemAssessment): 'upheld' | 'overturned' | null {
  return item.flagged ? null : (item.recommendation ?? item.decision);
}

function citationText(item: ItemAssessment): string {
  const g = item.guideline;
  if (!g) return '';
  return [g.source, g.document, g.sections.join(', '), g.pages.length ? `Page(s): ${g.pages.join(', ')}` : ''].filter(Boolean).join(' · ');
}

function other(d: 'upheld' | 'overturned'): 'upheld' | 'overturned' {
  return d === 'upheld' ? 'overturned' : 'upheld';
}

/**
 * The reviewer's workbench: the clinical summary (and records) with the
 * engine's evidence highlighted, each item's draft with its criteria, and
 * per item: accept the draft, or decide otherwise with a reason.
 */
export function ReviewWorkbench(props: { view: CaseView; draft: CaseAssessment; onSaved: (v: CaseView) => void; onReload: () => void }) {
  const { view, draft } = props;
  const c = view.case;
  const canDecide = view.actions.includes('decide');
  const decided = new Map(c.decisions.map((d) => [d.index, d]));
  const [active, setActive] = useState<string | null>(null);
  const [forms, setForms] = useState<Record<number, ItemForm>>({});
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formOf = (i: number): ItemForm => forms[i] ?? { mode: null, decision: '', rationale: '', overrideReason: '' };
  const update = (i: number, patch: Partial<ItemForm>) => setForms({ ...forms, [i]: { ...formOf(i), ...patch } });
  const issues = error instanceof ApiError ? error.issues : [];
  const chosen = draft.items.filter((i) => formOf(i.index).mode);

  const choose = (item: ItemAssessment, mode: Mode) => {
    const side = drafted(item);
    // The drafted rationale argues the rules' decision; where the model's recommendation differs, the reviewer writes one.
    if (mode === 'accept') update(item.index, { mode, decision: side ?? '', rationale: side === item.decision ? item.rationale : '' });
    else update(item.index, { mode, decision: side ? other(side) : '', rationale: '' });
  };

  const select = (key: string) => {
    setActive(active === key ? null : key);
    requestAnimationFrame(() => document.querySelector(`mark[data-keys~="${key}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    const decisions: DecisionEntry[] = chosen.map((item) => {
      const f = formOf(item.index);
      return {
        index: item.index,
        decision: f.decision as 'upheld' | 'overturned',
        rationale: f.rationale,
        guidelines: item.guideline ? [item.guideline] : '',
        ...(f.mode === 'override' ? { overrideReason: f.overrideReason } : {}),
      };
    });
    // Problems the server names by list position ("decisions.0.rationale") are shown at their item.
    setBusy(true);
    try {
      const v = await caseSteps.decide(c.id, c.version, decisions);
      setForms({});
      setSaved(`${decisions.length} decision${decisions.length === 1 ? '' : 's'} recorded.${v.case.state === 'decided' ? ' Every item is decided: the case goes to the coordinator to issue the letter.' : ''}`);
      props.onSaved(v);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const fieldErrors = (index: number, field: string) => {
    const pos = chosen.findIndex((i) => i.index === index);
    return [...issuesAt(issues, `items.${index}.${field}`), ...(pos >= 0 ? issuesAt(issues, `decisions.${pos}.${field}`) : [])];
  };

  return (
    <div class="workbench">
      <section class="card summary-card" aria-labelledby="summary-title">
        <h2 id="summary-title">Clinical case summary</h2>
        <p class="legend small">
          <mark class="evidence ev-met">evidence of a criterion met</mark> <mark class="evidence ev-not-met">evidence of a criterion not met</mark> — select a criterion to find its evidence.
        </p>
        <EvidenceText text={c.file.clinicalSummary} source="clinicalSummary" draft={draft} active={active} />
        {c.file.documents.map((d) => (
          <details key={d.title} class="document">
            <summary>
              {d.title} {d.date ? `(${d.date})` : ''}
            </summary>
            <EvidenceText text={d.text} source={d.title} draft={draft} active={active} />
          </details>
        ))}
      </section>
      <form class="items-col" onSubmit={submit} aria-label="Decisions">
        {saved && (
          <div class="banner banner-ok" role="status">
            {saved}
          </div>
        )}
        <ErrorBanner error={error} onReload={props.onReload} />
        {draft.items.map((item) => {
          const f = formOf(item.index);
          const done = decided.get(item.index);
          const idp = `item-${item.index}`;
          return (
            <section class="card item-card" key={item.index} aria-labelledby={`${idp}-title`} data-item={item.index}>
              <div class="item-head">
                <h3 id={`${idp}-title`}>
                  Item {item.index}: {item.request}
                </h3>
                {done && (
                  <span class="decided">
                    Decided: <DecisionBadge decision={done.decision} />
                    {done.overrideReason ? <span class="badge muted">Override</span> : null}
                  </span>
                )}
              </div>
              <div class="draft">
                <div class="draft-line">
                  <span class="label">Engine draft</span> {drafted(item) ? <DecisionBadge decision={drafted(item)!} /> : <span class="badge urgent-at-risk">Flagged</span>}
                  {item.judgmentNeeded && <span class="badge urgent-at-risk">Reviewer judgment needed</span>}
                  {item.probability !== undefined ? (
                    <span class="confidence" title="calibrated probability that an expert reviewer overturns the denial">
                      overturn probability {Math.round(item.probability * 100)}%
                    </span>
                  ) : (
                    <span class="confidence" title="the engine's confidence">
                      confidence {Math.round(item.confidence * 100)}%
                    </span>
                  )}
                </div>
                {item.decision && drafted(item) !== item.decision && <p class="small muted">The guideline criteria alone give {item.decision}.</p>}
                {item.flagged && item.flagReason && <p class="flag-reason">{item.flagReason}</p>}
                {item.guideline && <p class="small muted">Guideline: {citationText(item)}</p>}
                {item.criteria.length > 0 && (
                  <ul class="criteria" aria-label={`Criteria for item ${item.index}`}>
                    {item.criteria.map((cr, k) => {
                      const key = evidenceKey(item.index, k);
                      return (
                        <li key={cr.id} class={`criterion crit-${cr.status}`}>
                          <button type="button" class={`crit-btn ${active === key ? 'on' : ''}`} aria-pressed={active === key} onClick={() => select(key)} disabled={cr.evidence.length === 0}>
                            <span class={`crit-status s-${cr.status}`}>{STATUS_LABEL[cr.status]}</span>
                            <span class="crit-desc">{cr.description}</span>
                          </button>
                          {cr.evidence.map((ev: Evidence, n: number) => (
                            <blockquote key={n} class="crit-evidence">
                              {ev.text}
                              {ev.source !== 'clinicalSummary' && <cite> — {ev.source === 'request' ? 'the request' : ev.source}</cite>}
                            </blockquote>
                          ))}
                        </li>
                      );
                    })}
                  </ul>
                )}
                {item.missingDocumentation && item.missingDocumentation.length > 0 && (
                  <div class="lacks">
                    <p class="small">What the record lacks (documentation that would change the outcome):</p>
                    <ul aria-label={`What the record lacks for item ${item.index}`}>
                      {item.missingDocumentation.map((m) => (
                        <li key={m.criterionId}>{m.request}</li>
                      ))}
                    </ul>
                  </div>
                )}
                <details>
                  <summary>Drafted rationale</summary>
                  <p class="prose small">{item.rationale}</p>
                </details>
              </div>
              {canDecide && (
                <fieldset class="decide">
                  <legend>Your decision{done ? ' (decide again to replace it)' : ''}</legend>
                  <div class="choice">
                    {drafted(item) && (
                      <label class="radio">
                        <input type="radio" name={`${idp}-mode`} checked={f.mode === 'accept'} onChange={() => choose(item, 'accept')} /> Accept the draft ({drafted(item)})
                      </label>
                    )}
                    <label class="radio">
                      <input type="radio" name={`${idp}-mode`} checked={f.mode === 'override'} onChange={() => choose(item, 'override')} /> {drafted(item) ? 'Override' : 'Decide'}
                    </label>
                  </div>
                  {f.mode === 'override' && (
                    <>
                      <Field label="Decision" id={`${idp}-decision`} errors={fieldErrors(item.index, 'decision')}>
                        <select id={`${idp}-decision`} value={f.decision} onChange={(e) => update(item.index, { decision: e.currentTarget.value as ItemForm['decision'] })}>
                          {!drafted(item) && <option value="">Choose…</option>}
                          <option value="upheld">Upheld (not medically necessary)</option>
                          <option value="overturned">Overturned (medically necessary)</option>
                        </select>
                      </Field>
                      {drafted(item) && f.decision !== drafted(item) && (
                        <Field label="Reason for overriding the draft" id={`${idp}-reason`} errors={fieldErrors(item.index, 'overrideReason')}>
                          <textarea id={`${idp}-reason`} rows={2} value={f.overrideReason} onInput={(e) => update(item.index, { overrideReason: e.currentTarget.value })} />
                        </Field>
                      )}
                    </>
                  )}
                  {f.mode && (
                    <Field label="Rationale (goes into the letter)" id={`${idp}-rationale`} errors={fieldErrors(item.index, 'rationale')}>
                      <textarea id={`${idp}-rationale`} rows={f.mode === 'accept' ? 5 : 4} value={f.rationale} onInput={(e) => update(item.index, { rationale: e.currentTarget.value })} />
                    </Field>
                  )}
                  {issuesAt(issues, `items.${item.index}`).map((m) => (
                    <div class="field-error" role="alert" key={m}>
                      {m}
                    </div>
                  ))}
                </fieldset>
              )}
            </section>
          );
        })}
        {canDecide && (
          <div class="sticky-actions">
            <span class="muted">{chosen.length ? `${chosen.length} of ${draft.items.length} item${draft.items.length === 1 ? '' : 's'} ready` : 'Choose a decision for at least one item.'}</span>
            <button class="btn btn-primary" type="submit" disabled={busy || chosen.length === 0}>
              {busy ? 'Recording…' : 'Record decisions'}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}
