/**
 * The reviewer's decisions. For each disputed item: the decision, the
 * guidelines relied on and the rationale (required). When the engine drafted
 * a decision for the item and the reviewer decides otherwise, the override
 * needs a reason, recorded beside the decision.
 */
import { formatIssues, ValidationError, type CaseAssessment, type CaseFile, type Decision, type GuidelineCitation, type ImrCase, type Issue, type ItemDecision } from '../../domain/index.js';
import { parseCitations } from '../../letters/citations/index.js';

/**
 * Drafts a case's decisions from its case file. The decision engine provides
 * one (`assessCase`; the server runs it in its job pool, off the event loop,
 * hence the promise); the workflow works without it.
 */
export type Assessor = (file: CaseFile) => CaseAssessment | Promise<CaseAssessment>;

/** A decision as the reviewer enters it. Guidelines may be given as letter text ("Decision based on MTUS ...") or as citations. */
export interface DecisionInput {
  index: number;
  decision: Decision;
  guidelines: GuidelineCitation[] | string;
  rationale: string;
  overrideReason?: string | null;
}

function citations(g: GuidelineCitation[] | string): GuidelineCitation[] {
  if (typeof g !== 'string') return g;
  // A "document" without a letter or digit ("!!!", "--") is a slip of the keyboard, not a citation.
  return parseCitations(/decision based on/i.test(g) ? g : `Decision based on ${g}`).filter((c) => /[\p{L}\p{N}]/u.test(c.document));
}

/**
 * Validates decisions against the case and the engine's draft, and returns
 * the case's decisions with them merged in (a new decision for an item
 * replaces the earlier one). Every problem is reported at once, by path
 * (`items.<index>.rationale`); on any, nothing is returned.
 */
export function mergeDecisions(
  c: ImrCase,
  inputs: readonly DecisionInput[],
  draft: CaseAssessment | null,
  by: string,
  at: string,
): ItemDecision[] {
  const issues: Issue[] = [];
  const indexes = new Set(c.file.items.map((i) => i.index));
  const seen = new Set<number>();
  const made: ItemDecision[] = [];
  if (inputs.length === 0) issues.push({ path: ['items'], message: 'no decision given' });
  for (const input of inputs) {
    const path = ['items', input.index];
    if (!indexes.has(input.index)) {
      issues.push({ path, message: `the case has no item ${input.index} (items: ${[...indexes].join(', ')})` });
      continue;
    }
    if (seen.has(input.index)) issues.push({ path, message: 'decided twice in one call' });
    seen.add(input.index);
    if (input.decision !== 'upheld' && input.decision !== 'overturned') issues.push({ path: [...path, 'decision'], message: `"${String(input.decision)}" is not upheld or overturned` });
    const rationale = (input.rationale ?? '').trim();
    if (!rationale) issues.push({ path: [...path, 'rationale'], message: 'a decision needs a rationale' });
    const guidelines = citations(input.guidelines ?? []);
    if (typeof input.guidelines === 'string' && input.guidelines.trim() && guidelines.length === 0) {
      issues.push({ path: [...path, 'guidelines'], message: `no guideline citation could be read from "${input.guidelines.slice(0, 80)}"` });
    }
    // The draft's recommendation (the model's likelier side) where it has one, else the rules' decision; none for a flagged item.
    const drafted = draft?.items.find((i) => i.index === input.index);
    const engine = drafted && !drafted.flagged ? (drafted.recommendation ?? drafted.decision) : null;
    const overrideReason = input.overrideReason?.trim() || null;
    if (engine && engine !== input.decision && !overrideReason) {
      issues.push({ path: [...path, 'overrideReason'], message: `the engine drafted "${engine}"; deciding "${input.decision}" needs an override reason` });
    }
    made.push({ index: input.index, decision: input.decision, guidelines, rationale, engineDecision: engine, overrideReason, decidedBy: by, decidedAt: at });
  }
  if (issues.length) throw new ValidationError(`decision refused: ${formatIssues(issues)}`, issues);
  const byIndex = new Map(c.decisions.map((d) => [d.index, d]));
  for (const d of made) byIndex.set(d.index, d);
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/** True when every disputed item of the case has a decision. */
export function allDecided(c: ImrCase, decisions: readonly ItemDecision[]): boolean {
  const decided = new Set(decisions.map((d) => d.index));
  return c.file.items.every((i) => decided.has(i.index));
}
