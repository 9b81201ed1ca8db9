import { useEffect, useState } from 'preact/hooks';
import { listCases, searchCases } from '../api/endpoints.js';
import type { CaseSearchHit, CaseState, CaseSummary } from '../api/types.js';
import { DecisionBadge, StateBadge, UrgencyBadge } from '../components/badges.js';
import { ErrorBanner, Field, Loading } from '../components/forms.js';
import { Link } from '../components/link.js';
import { useAsync } from '../components/use-async.js';
import { formatDate } from '../labels.js';
import { navigate, type Location } from '../router.js';
import { stateLabel } from '../components/badges.js';

const CLOSED: CaseState[] = ['issued', 'terminated', 'ineligible'];
const STATES: CaseState[] = ['received', 'eligible', 'ineligible', 'assigned', 'records-requested', 'records-received', 'in-review', 'decided', 'issued', 'terminated'];
const URGENCY = { overdue: 0, 'at-risk': 1 } as const;

/** Closed: issued, terminated or ineligible, with no correction open (an open one is work for someone). */
export function isClosed(c: Pick<CaseSummary, 'state' | 'correction'>): boolean {
  return CLOSED.includes(c.state) && !c.correction;
}

/** Most urgent first: corrections asked for, overdue, at risk, then by the next deadline; closed cases last. */
export function byDeadline(a: CaseSummary, b: CaseSummary): number {
  const closed = Number(isClosed(a)) - Number(isClosed(b));
  if (closed) return closed;
  const corrections = Number(!a.correction) - Number(!b.correction);
  if (corrections) return corrections;
  if (closed) return closed;
  const ua = a.urgency ? URGENCY[a.urgency] : 2;
  const ub = b.urgency ? URGENCY[b.urgency] : 2;
  if (ua !== ub) return ua - ub;
  return (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.id - b.id;
}

/**
 * The reviewer's queue (their cases, most urgent first) or the
 * coordinator's case list (every case, filtered by state or urgency).
 */
export function CaseListPage(props: { location: Location; mode: 'queue' | 'all' }) {
  const state = props.location.query.get('state') ?? '';
  const flagged = props.location.query.get('flagged') === 'true';
  const find = props.location.query.get('find') ?? '';
  const [findText, setFindText] = useState(find);
  const key = props.location.query.toString();
  useEffect(() => setFindText(find), [find]);
  // A search by number or worker lists what it finds, whatever the state; otherwise the list by state.
  const cases = useAsync<{ items: (CaseSummary | CaseSearchHit)[]; total: number }>(() => (find && props.mode === 'all' ? searchCases(find) : listCases({ ...(state ? { state } : {}), flagged })), [key]);
  const rows = cases.data ? [...cases.data.items].filter((r) => !find || ((!state || r.state === state) && (!flagged || r.urgency !== null))).sort(byDeadline) : [];
  const go = (s: string, f: boolean, q = find) =>
    navigate(`${props.location.path}${s || f || q ? `?${new URLSearchParams({ ...(q ? { find: q } : {}), ...(s ? { state: s } : {}), ...(f ? { flagged: 'true' } : {}) })}` : ''}`);
  const open = rows.filter((r) => !isClosed(r));
  const counts = { overdue: open.filter((r) => r.urgency === 'overdue').length, atRisk: open.filter((r) => r.urgency === 'at-risk').length };
  return (
    <div class="page">
      <div class="page-head row">
        <div>
          <h1>{props.mode === 'queue' ? 'My review queue' : 'Cases'}</h1>
          <p class="muted">
            {props.mode === 'queue' ? 'Cases assigned to you, the nearest statutory deadline first.' : 'Every IMR case, the most urgent first.'}
            {cases.data && ` ${open.length} open · ${counts.overdue} overdue · ${counts.atRisk} at risk.`}
          </p>
        </div>
        {props.mode === 'all' && (
          <Link class="btn btn-primary" href="/cases/new">
            New case
          </Link>
        )}
      </div>
      <div class="card filters inline">
        {props.mode === 'all' && (
          <form
            class="find-case"
            role="search"
            aria-label="Find a case"
            onSubmit={(e) => {
              e.preventDefault();
              go(state, flagged, findText.trim());
            }}
          >
            <Field label="Case number or worker" id="find-case">
              <input id="find-case" type="search" value={findText} onInput={(e) => setFindText(e.currentTarget.value)} placeholder="CM16-0230548 or a name" />
            </Field>
            <button type="submit" class="btn">
              Find
            </button>
          </form>
        )}
        <Field label="State" id="state-filter">
          <select id="state-filter" value={state} onChange={(e) => go(e.currentTarget.value, flagged)}>
            <option value="">All states</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s)}
              </option>
            ))}
          </select>
        </Field>
        <label class="check">
          <input type="checkbox" checked={flagged} onChange={(e) => go(state, e.currentTarget.checked)} /> Only at risk or overdue
        </label>
      </div>
      {cases.loading && <Loading what="cases" />}
      <ErrorBanner error={cases.error} />
      {cases.data && rows.length === 0 && <p class="card empty">{props.mode === 'queue' ? 'No case is assigned to you.' : 'No case matches.'}</p>}
      {rows.length > 0 && (
        <div class="card table-wrap">
          <table class="table cases" aria-label={props.mode === 'queue' ? 'My cases' : 'Cases'}>
            <thead>
              <tr>
                <th scope="col">Case</th>
                {find && props.mode === 'all' && <th scope="col">Worker</th>}
                <th scope="col">Priority</th>
                <th scope="col">Deadline</th>
                <th scope="col">Next due</th>
                <th scope="col">State</th>
                <th scope="col">Disputed items</th>
                <th scope="col">Received</th>
                {props.mode === 'all' && <th scope="col">Reviewer</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} class={c.urgency ? `row-${c.urgency}` : ''}>
                  <td>
                    <Link href={`/cases/${c.id}`} class="case-link">
                      {c.caseNumber ?? `Case #${c.id}`}
                    </Link>
                  </td>
                  {find && props.mode === 'all' && <td>{'worker' in c ? c.worker : '—'}</td>}
                  <td>{c.priority === 'expedited' ? <span class="badge expedited">Expedited</span> : <span class="muted">Standard</span>}</td>
                  <td>
                    <UrgencyBadge urgency={c.urgency} closed={CLOSED.includes(c.state)} />
                  </td>
                  <td>{formatDate(c.due)}</td>
                  <td>
                    <StateBadge state={c.state} />
                    {c.correction && (
                      <span class="badge urgent-at-risk" data-correction={c.correction}>
                        {c.correction === 'requested' ? 'Correction requested' : 'Correction made, to issue'}
                      </span>
                    )}
                  </td>
                  <td>
                    <ul class="plain">
                      {c.items.map((i) => (
                        <li key={i.index}>
                          {i.request} {i.decision && <DecisionBadge decision={i.decision} />}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{formatDate(c.receivedDate)}</td>
                  {props.mode === 'all' && <td>{c.reviewerId ?? '—'}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          {cases.data && cases.data.total > cases.data.items.length && <p class="muted small">Showing the first {cases.data.items.length} of {cases.data.total}; filter by state to see others.</p>}
        </div>
      )}
    </div>
  );
}
