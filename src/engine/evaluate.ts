import type { CriterionResult, CriterionStatus } from '../domain/index.js';
import { isLeaf, type Criterion, type LeafCriterion } from '../guidelines/index.js';
import type { FactValue, ItemFacts } from './facts.js';

/** A leaf evaluated: its result and whether the status came from the record (evidence or a documented value) rather than silence. */
export interface LeafOutcome {
  result: CriterionResult;
  documented: boolean;
  /**
   * Whether the leaf bears on the outcome: false for the unmet alternatives
   * of an `any` that another alternative satisfied, so a rationale does not
   * list them as missing.
   */
  relevant: boolean;
}

/** A criterion tree evaluated: the root status and every leaf's outcome, in order. */
export interface Evaluation {
  status: CriterionStatus;
  leaves: LeafOutcome[];
}

function leafStatus(leaf: LeafCriterion, f: FactValue): { status: CriterionStatus; documented: boolean } {
  const undocumented = { status: leaf.whenUndocumented ?? 'not-documented', documented: false } as const;
  if (leaf.max !== undefined || leaf.min !== undefined) {
    if (f.value === undefined) return undocumented;
    const ok = (leaf.max === undefined || f.value <= leaf.max) && (leaf.min === undefined || f.value >= leaf.min);
    return { status: ok ? 'met' : 'not-met', documented: true };
  }
  if (f.status === 'unknown') return undocumented;
  const present = f.status === 'present';
  return { status: present === (leaf.expect ?? true) ? 'met' : 'not-met', documented: true };
}

/**
 * Evaluates a criterion tree against an item's facts. Combinators:
 * - `all`: not-met if any child is not met; else not-documented if any is; else met.
 * - `any`: met if any child is met; else not-documented if any is; else not-met.
 * - `atLeast n`: met with n met children; not-met when even the undocumented ones could not reach n; else not-documented.
 * Leaf ids are prefixed by `prefix` and made unique, so a criterion repeated in two branches stays distinguishable.
 */
export function evaluateCriteria(criterion: Criterion, facts: ItemFacts, prefix: string): Evaluation {
  const leaves: LeafOutcome[] = [];
  const used = new Map<string, number>();
  const walk = (c: Criterion): CriterionStatus => {
    if (isLeaf(c)) {
      const f = facts.get(c.fact);
      const { status, documented } = leafStatus(c, f);
      const base = `${prefix}.${c.id}`;
      const n = used.get(base) ?? 0;
      used.set(base, n + 1);
      const value = f.value !== undefined && (c.max !== undefined || c.min !== undefined) ? ` (documented: ${f.value}${c.max !== undefined ? `; limit ${c.max}` : `; minimum ${c.min}`})` : '';
      leaves.push({ result: { id: n ? `${base}#${n + 1}` : base, description: c.description + value, status, evidence: documented ? f.evidence : [] }, documented, relevant: true });
      return status;
    }
    if ('all' in c) {
      const s = c.all.map(walk);
      return s.includes('not-met') ? 'not-met' : s.includes('not-documented') ? 'not-documented' : 'met';
    }
    if ('any' in c) {
      const ranges: [number, number][] = [];
      const s = c.any.map((child) => {
        const start = leaves.length;
        const st = walk(child);
        ranges.push([start, leaves.length]);
        return st;
      });
      if (s.includes('met')) {
        // The satisfied alternative decides; the others do not bear on the outcome.
        s.forEach((st, i) => {
          if (st !== 'met') for (let k = ranges[i]![0]; k < ranges[i]![1]; k++) leaves[k]!.relevant = false;
        });
      }
      return s.includes('met') ? 'met' : s.includes('not-documented') ? 'not-documented' : 'not-met';
    }
    const s = c.of.map(walk);
    const met = s.filter((x) => x === 'met').length;
    const open = s.filter((x) => x === 'not-documented').length;
    return met >= c.atLeast ? 'met' : met + open < c.atLeast ? 'not-met' : 'not-documented';
  };
  const status = walk(criterion);
  return { status, leaves };
}
