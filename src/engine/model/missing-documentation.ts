/**
 * What the record lacks: for an item drafted as upheld, the criteria the
 * record is silent on whose documentation would turn the guideline's
 * criteria into "met". Computed on the entry's criterion tree with the
 * draft's statuses, so it follows the same all / any / atLeast semantics as
 * the rules; a criterion documented as not met is never offered (the
 * physician cannot document it away), and neither is an alternative that
 * another documented alternative makes unnecessary.
 */
import type { CriterionStatus, ItemAssessment, MissingDocumentation } from '../../domain/index.js';
import { isLeaf, type Criterion, type GuidelineEntry, type LeafCriterion } from '../../guidelines/index.js';

interface Leaf {
  id: string;
  criterion: LeafCriterion;
}

/** The tree's leaves with the ids the rules give them (`entry.leaf`, `#2` for a repeat), in walk order. */
function leavesOf(root: Criterion, prefix: string): Leaf[] {
  const out: Leaf[] = [];
  const used = new Map<string, number>();
  const walk = (c: Criterion) => {
    if (isLeaf(c)) {
      const base = `${prefix}.${c.id}`;
      const n = used.get(base) ?? 0;
      used.set(base, n + 1);
      out.push({ id: n ? `${base}#${n + 1}` : base, criterion: c });
    } else for (const child of 'all' in c ? c.all : 'any' in c ? c.any : c.of) walk(child);
  };
  walk(root);
  return out;
}

/** The root status with each leaf's status from `statusOf` (same combinators as the rules). */
function rootStatus(root: Criterion, leaves: Leaf[], statusOf: (id: string) => CriterionStatus): CriterionStatus {
  let k = 0;
  const walk = (c: Criterion): CriterionStatus => {
    if (isLeaf(c)) return statusOf(leaves[k++]!.id);
    if ('all' in c) {
      const s = c.all.map(walk);
      return s.includes('not-met') ? 'not-met' : s.includes('not-documented') ? 'not-documented' : 'met';
    }
    if ('any' in c) {
      const s = c.any.map(walk);
      return s.includes('met') ? 'met' : s.includes('not-documented') ? 'not-documented' : 'not-met';
    }
    const s = c.of.map(walk);
    const met = s.filter((x) => x === 'met').length;
    const open = s.filter((x) => x === 'not-documented').length;
    return met >= c.atLeast ? 'met' : met + open < c.atLeast ? 'not-met' : 'not-documented';
  };
  return walk(root);
}

/** A criterion worded as a request to the treating physician. */
export function documentationRequest(c: LeafCriterion): string {
  const limit = c.max !== undefined ? ` (the guideline's limit is ${c.max})` : c.min !== undefined ? ` (the guideline's minimum is ${c.min})` : '';
  return `Document ${c.description}${limit}.`;
}

/**
 * The criteria whose documentation would change an upheld draft to
 * overturned, smallest set first found: every criterion the record is silent
 * on counted as documented, then each dropped that the outcome does not
 * need. Empty when no documentation would change the outcome.
 */
export function missingDocumentation(item: ItemAssessment, entry: GuidelineEntry | undefined): MissingDocumentation[] {
  if (!entry || item.flagged || item.decision !== 'upheld') return [];
  const leaves = leavesOf(entry.criteria, entry.id);
  const status = new Map(item.criteria.map((c) => [c.id, c.status]));
  // The draft must be this entry's tree; a mismatch (another knowledge base) offers nothing rather than a wrong list.
  if (leaves.some((l) => !status.has(l.id))) return [];
  const open = leaves.filter((l) => status.get(l.id) === 'not-documented');
  const chosen = new Set(open.map((l) => l.id));
  const outcome = () => rootStatus(entry.criteria, leaves, (id) => (chosen.has(id) ? 'met' : status.get(id)!));
  if (outcome() !== 'met') return [];
  for (const l of open) {
    chosen.delete(l.id);
    if (outcome() !== 'met') chosen.add(l.id);
  }
  return open.filter((l) => chosen.has(l.id)).map((l) => ({ criterionId: l.id, request: documentationRequest(l.criterion) }));
}
