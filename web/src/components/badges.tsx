import type { CaseState, Deadline } from '../api/types.js';

const STATE_LABEL: Record<CaseState, string> = {
  received: 'Received',
  eligible: 'Eligible',
  ineligible: 'Ineligible',
  assigned: 'Case number assigned',
  'records-requested': 'Records requested',
  'records-received': 'Records received',
  'in-review': 'In review',
  decided: 'Decided',
  issued: 'Issued',
  terminated: 'Terminated',
};

export function stateLabel(s: CaseState): string {
  return STATE_LABEL[s];
}

export function StateBadge(props: { state: CaseState }) {
  return <span class={`badge state-${props.state}`}>{STATE_LABEL[props.state]}</span>;
}

/** A case's urgency: overdue, at risk, or on track. Text says it; colour only repeats it. */
export function UrgencyBadge(props: { urgency: 'overdue' | 'at-risk' | null; closed?: boolean }) {
  if (props.urgency === 'overdue') return <span class="badge urgent-overdue">Overdue</span>;
  if (props.urgency === 'at-risk') return <span class="badge urgent-at-risk">At risk</span>;
  return props.closed ? <span class="badge muted">Closed</span> : <span class="badge urgent-ok">On track</span>;
}

const DEADLINE_LABEL: Record<Deadline['status'], string> = { met: 'Met', late: 'Met late', ok: 'On track', 'at-risk': 'At risk', overdue: 'Overdue' };

export function DeadlineBadge(props: { status: Deadline['status'] }) {
  return <span class={`badge deadline-${props.status}`}>{DEADLINE_LABEL[props.status]}</span>;
}

export function DecisionBadge(props: { decision: 'upheld' | 'overturned' | null | undefined }) {
  if (!props.decision) return <span class="badge muted">Undecided</span>;
  return <span class={`badge decision-${props.decision}`}>{props.decision === 'upheld' ? 'Upheld' : 'Overturned'}</span>;
}

/** "in 3 days", "today", "2 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return 'due today';
  return days > 0 ? `${days} day${days === 1 ? '' : 's'} left` : `${-days} day${days === -1 ? '' : 's'} late`;
}
