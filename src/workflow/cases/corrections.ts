/**
 * Corrections of an issued determination as an IMR organisation makes them.
 * The coordinator corrects the clerical facts (parties, dates, the worker's
 * age and sex) and issues at once; a decision or a rationale is the
 * reviewer's, so the coordinator asks for it (a note), the assigned reviewer
 * makes it, and the coordinator previews and issues it. These are the pure
 * steps; CaseService writes them with their audit entries.
 */
import { ClericalCorrection, CorrectionStateError, ValidationError, issuesFrom, type ImrCase, type Issue, type ItemDecision } from '../../domain/index.js';

/** Validates a clerical correction: known fields only, each well-formed, at least one given. */
export function parseClerical(input: unknown): ClericalCorrection {
  const r = ClericalCorrection.safeParse(input ?? {});
  if (!r.success) throw new ValidationError('the clerical correction is not valid', issuesFrom(r.error));
  if (Object.keys(r.data).length === 0) throw new ValidationError('a clerical correction needs at least one field to correct', [{ path: ['correction'], message: 'nothing to correct' }]);
  return r.data;
}

/** Levenshtein distance (characters inserted, removed or replaced), for telling a typo from another request. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The most characters a typo fix may change in a request: a slip of the keyboard, not a different treatment. */
export function typoLimit(request: string): number {
  return Math.max(2, Math.floor(request.length / 10));
}

/**
 * The items with their requests' typos fixed. A change of more than a typo
 * (another drug, a number of sessions rewritten) is the reviewer's to
 * decide, so it is refused here, naming the item.
 */
function fixRequests(c: ImrCase, fixes: NonNullable<ClericalCorrection['requests']>): ImrCase['file']['items'] {
  const issues: Issue[] = [];
  const byIndex = new Map(fixes.map((f, k) => [f.index, { ...f, k }]));
  const known = new Set(c.file.items.map((i) => i.index));
  for (const [index, f] of byIndex) if (!known.has(index)) issues.push({ path: ['requests', f.k, 'index'], message: `the case has no item ${index} (items: ${[...known].join(', ')})` });
  const items = c.file.items.map((item) => {
    const f = byIndex.get(item.index);
    if (!f || f.request === item.request) return item;
    const changed = editDistance(item.request, f.request);
    if (changed > typoLimit(item.request)) {
      issues.push({ path: ['requests', f.k, 'request'], message: `changes ${changed} characters of item ${item.index}'s request, more than a typo (at most ${typoLimit(item.request)}); a different request is the reviewer's to correct: ask them` });
    }
    return { ...item, request: f.request };
  });
  if (issues.length) throw new ValidationError(`the clerical correction is not valid: ${issues.map((i) => i.message).join('; ')}`, issues);
  return items;
}

/** The case with the clerical correction applied (nothing else changes; the decision date stays unless corrected). */
export function applyClerical(c: ImrCase, fix: ClericalCorrection): ImrCase {
  const application = {
    ...c.application,
    ...(fix.applicationReceived ? { receivedDate: fix.applicationReceived } : {}),
    ...(fix.urDecisionDate ? { urDecisionDate: fix.urDecisionDate } : {}),
  };
  const file = {
    ...c.file,
    ...(fix.injuryDates ? { injuryDates: fix.injuryDates } : {}),
    ...(fix.urDecisionDate ? { urDenialDate: fix.urDecisionDate } : {}),
    ...(fix.patient ? { patient: { ...c.file.patient, ...fix.patient } } : {}),
    ...(fix.requests ? { items: fixRequests(c, fix.requests) } : {}),
  };
  return {
    ...c,
    parties: fix.parties ? { ...fix.parties, providers: fix.parties.providers ?? c.parties.providers } : c.parties,
    application,
    file,
    assignedOn: fix.assignedOn ?? c.assignedOn,
    decidedOn: fix.decisionDate ?? c.decidedOn,
  };
}

/** Throws unless the clerical correction changes something of the case. */
export function assertChanges(before: ImrCase, after: ImrCase): void {
  const fields = ['parties', 'application', 'file', 'assignedOn', 'decidedOn'] as const;
  if (fields.every((k) => JSON.stringify(before[k]) === JSON.stringify(after[k]))) {
    throw new ValidationError(`the clerical correction changes nothing of case ${before.caseNumber ?? `#${before.id}`}`, [{ path: ['correction'], message: 'every field given is as the case already has it' }]);
  }
}

/** The case's decisions with the reviewer's corrected ones in place of those of their items. */
export function withCorrected(decisions: readonly ItemDecision[], corrected: readonly ItemDecision[]): ItemDecision[] {
  const byIndex = new Map(decisions.map((d) => [d.index, d]));
  for (const d of corrected) byIndex.set(d.index, d);
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/** The case's open correction request; CorrectionStateError when there is none (or, with `made`, when the reviewer has not made it). */
export function openRequest(c: ImrCase, need: 'open' | 'made'): NonNullable<ImrCase['correction']> {
  const label = `case ${c.caseNumber ?? `#${c.id}`}`;
  const r = c.correction ?? null;
  if (!r) throw new CorrectionStateError(`no correction of ${label} has been requested`);
  if (need === 'made' && !r.made) throw new CorrectionStateError(`the correction of ${label} requested by ${r.requestedBy} has not been made by the reviewer yet`);
  return r;
}
