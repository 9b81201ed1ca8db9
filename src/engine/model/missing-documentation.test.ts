import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../../domain/index.js';
import { GUIDELINE_ENTRIES, isLeaf, type Criterion, type LeafCriterion } from '../../guidelines/index.js';
import { parseLetterText } from '../../letters/index.js';
import { realLetterTexts } from '../../../test/sample-letters.js';
import { assessCase } from '../assess.js';
import { caseFileFromDetermination } from '../from-letter.js';

const files = realLetterTexts().map(({ name, text }) => caseFileFromDetermination(parseLetterText(text, name)));

function leafById(root: Criterion, prefix: string, id: string): LeafCriterion | undefined {
  const used = new Map<string, number>();
  let found: LeafCriterion | undefined;
  const walk = (c: Criterion) => {
    if (isLeaf(c)) {
      const base = `${prefix}.${c.id}`;
      const n = used.get(base) ?? 0;
      used.set(base, n + 1);
      if ((n ? `${base}#${n + 1}` : base) === id) found = c;
    } else for (const child of 'all' in c ? c.all : 'any' in c ? c.any : c.of) walk(child);
  };
  walk(root);
  return found;
}

describe('what the record lacks, on the real letters', () => {
  const drafts = files.map((f) => ({ file: f, draft: assessCase(f) }));
  const listed = drafts.flatMap(({ file, draft }) => draft.items.filter((i) => i.missingDocumentation?.length).map((item) => ({ file, item })));

  it('is offered only for items the rules uphold, each a request to the treating physician naming a not-documented criterion', () => {
    expect(listed.length).toBeGreaterThan(20);
    for (const { item } of listed) {
      expect(item.decision).toBe('upheld');
      for (const m of item.missingDocumentation!) {
        expect(m.request).toMatch(/^Document [a-z0-9].*\.$/);
        expect(item.criteria.find((c) => c.id === m.criterionId)?.status).toBe('not-documented');
      }
    }
    for (const { draft } of drafts) for (const i of draft.items) if (i.decision === 'overturned') expect(i.missingDocumentation).toEqual([]);
  });

  it('names only criteria of the guideline entry the draft relied on', () => {
    for (const { item } of listed) {
      const entry = GUIDELINE_ENTRIES.find((e) => e.id === item.guidelineEntryId)!;
      for (const m of item.missingDocumentation!) expect(leafById(entry.criteria, entry.id, m.criterionId)).toBeDefined();
    }
  });

  it('is what it says: documenting exactly the listed criteria (as structured facts) turns the rules\' draft to overturned', () => {
    let turned = 0;
    for (const { file, item } of listed) {
      const entry = GUIDELINE_ENTRIES.find((e) => e.id === item.guidelineEntryId)!;
      const facts: CaseFile['facts'] = { ...file.facts };
      for (const m of item.missingDocumentation!) {
        const leaf = leafById(entry.criteria, entry.id, m.criterionId)!;
        facts[leaf.fact] = leaf.max !== undefined ? leaf.max : leaf.min !== undefined ? leaf.min : leaf.expect ?? true;
      }
      const again = assessCase({ ...file, facts, items: file.items.filter((i) => i.index === item.index) });
      if (again.items[0]!.decision === 'overturned') turned++;
    }
    // Structured facts apply to the whole case and may move an item to another entry; nearly all must turn.
    expect(turned / listed.length).toBeGreaterThanOrEqual(0.9);
  });
});
