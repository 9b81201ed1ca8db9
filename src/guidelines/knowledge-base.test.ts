import { describe, expect, it } from 'vitest';
import { CLINICAL_FACTS } from '../clinical/findings.js';
import { MTUS_DOCUMENTS, ODG_CHAPTERS } from '../letters/citations/index.js';
import { CASE_FACTS, GUIDELINE_ENTRIES, isLeaf, type Criterion } from './index.js';

function leaves(c: Criterion): { id: string; fact: string }[] {
  if (isLeaf(c)) return [c];
  if ('all' in c) return c.all.flatMap(leaves);
  if ('any' in c) return c.any.flatMap(leaves);
  return c.of.flatMap(leaves);
}

describe('guideline knowledge base', () => {
  it('covers at least 40 treatment types, each entry with source, document, provenance and criteria', () => {
    expect(GUIDELINE_ENTRIES.length).toBeGreaterThanOrEqual(40);
    const ids = GUIDELINE_ENTRIES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of GUIDELINE_ENTRIES) {
      expect(e.provenance.length, e.id).toBeGreaterThan(20);
      expect(e.summary.length, e.id).toBeGreaterThan(20);
      expect(leaves(e.criteria).length, e.id).toBeGreaterThan(0);
    }
  });

  it('names documents exactly as the letter parser does, so citation agreement compares like with like', () => {
    const mtus = new Set(MTUS_DOCUMENTS.map((d) => d.name));
    const odg = new Set(ODG_CHAPTERS.map((c) => c.name));
    for (const e of GUIDELINE_ENTRIES) {
      const known = e.citation.source === 'MTUS' ? mtus : odg;
      expect(known.has(e.citation.document), `${e.id}: ${e.citation.document}`).toBe(true);
    }
  });

  it('tests only facts the analysis establishes, with unique leaf ids per entry branch', () => {
    const facts = new Set<string>([...CLINICAL_FACTS, ...CASE_FACTS]);
    for (const e of GUIDELINE_ENTRIES) for (const l of leaves(e.criteria)) expect(facts.has(l.fact), `${e.id}.${l.id}: ${l.fact}`).toBe(true);
  });

  it('keeps the page numbers the letters cite for the core Chronic Pain sections', () => {
    const pagesOf = (id: string) => GUIDELINE_ENTRIES.find((e) => e.id === id)!.citation.pages;
    expect(pagesOf('muscle-relaxants')).toEqual([63, 64, 65, 66]);
    expect(pagesOf('baclofen')).toContain(64);
    expect(pagesOf('benzodiazepines')).toEqual([24]);
    expect(pagesOf('opioids-ongoing')[0]).toBe(74);
    expect(pagesOf('opioids-ongoing').at(-1)).toBe(96);
  });
});
