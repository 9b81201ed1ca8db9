import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LetterParseError } from '../domain/index.js';
import { DWC_PDF, DWC_TXT, dwcOutcomes, sampleLetters, usToIso } from '../../test/sample-letters.js';
import { parseLetterFile, parseLetterText } from './index.js';
import { readFileSync } from 'node:fs';

/** Keeps only the facts the expected JSON states, in its shape. */
function factsOf(d: Awaited<ReturnType<typeof parseLetterFile>>['determination']) {
  return {
    source: basename(d.source),
    caseNumber: d.caseNumber,
    priority: d.priority,
    dates: d.dates,
    reviewer: d.reviewer,
    patient: d.patient,
    items: d.items.map((i) => ({
      request: i.request,
      decision: i.decision,
      medicallyNecessary: i.medicallyNecessary,
      treatment: i.treatment,
      imrGuidelines: i.imrGuidelines.map((c) => ({ source: c.source, document: c.document, pages: c.pages })),
      claimsAdministratorGuidelines: i.claimsAdministratorGuidelines.map((c) => ({ source: c.source, document: c.document, pages: c.pages })),
    })),
  };
}

describe('the five sample letters', () => {
  for (const { file, path, expected } of sampleLetters()) {
    it(`${file}: reproduces every expected fact`, async () => {
      const { determination } = await parseLetterFile(path);
      const facts = factsOf(determination);
      // toMatchObject: the parser may carry more fields than the reference.
      expect(facts).toMatchObject(expected);
      expect(facts.items).toHaveLength(expected.items.length);
      for (const item of determination.items) expect(item.rationale.length).toBeGreaterThan(100);
      expect(determination.clinicalSummary).toMatch(/year[- ]old/);
    });
  }
});

describe('the 65 DWC letters of 2016-17, parsed from the published PDFs', () => {
  const outcomes = dwcOutcomes();
  it('has the outcomes to compare with', () => expect(outcomes).toHaveLength(65));
  for (const row of outcomes) {
    it(`${row.caseNumber}: items, outcomes and header match outcomes.csv`, async () => {
      const { determination: d, file } = await parseLetterFile(join(DWC_PDF, `${row.caseNumber}.pdf`));
      expect(file.format).toBe('pdf');
      expect(d.caseNumber).toBe(row.caseNumber);
      expect(d.dates.assigned).toBe(usToIso(row.assigned));
      expect(d.dates.decision).toBe(usToIso(row.decision));
      expect(d.items.map((i) => i.decision)).toEqual(row.items);
      for (const item of d.items) {
        expect(item.request.length).toBeGreaterThan(2);
        expect(item.request).not.toMatch(/Upheld|Overturned|guideline:/i);
        expect(item.rationale).toMatch(/medically necessary|medical necessity/i);
      }
      expect(d.reviewer.licensureStates.length).toBeGreaterThan(0);
      expect(d.reviewer.boardCertifications.length).toBeGreaterThan(0);
      expect(d.priority).toBe('standard');
      // One letter states no age (only two conflicting birthdates): then none is invented.
      if (/\d+[- ]year[- ]old/.test(d.clinicalSummary)) expect(d.patient.age).toBeGreaterThan(15);
      else expect(d.patient.age).toBeNull();
    });
  }

  it('the PDF and its text extraction give the same facts, and mostly the same content hash', async () => {
    let sameHash = 0;
    for (const row of outcomes) {
      const fromPdf = (await parseLetterFile(join(DWC_PDF, `${row.caseNumber}.pdf`))).determination;
      const fromTxt = (await parseLetterFile(join(DWC_TXT, `${row.caseNumber}.txt`))).determination;
      // The text extraction has a few stray spaces inside words ("11 -01-2016"),
      // so free text may differ; the facts may not.
      expect(factsOf(fromTxt)).toEqual({ ...factsOf(fromPdf), source: basename(fromTxt.source) });
      if (fromPdf.contentHash === fromTxt.contentHash) sameHash++;
    }
    expect(sameHash).toBeGreaterThanOrEqual(60);
  });
});

describe('partial certifications', () => {
  it('splits the original request, the authorised part and the IMR-eligible remainder', async () => {
    const all = await Promise.all(
      dwcOutcomes().map(async (r) => (await parseLetterFile(join(DWC_TXT, `${r.caseNumber}.txt`))).determination),
    );
    const partial = all.flatMap((d) => d.items).filter((i) => i.originalRequest);
    expect(partial.length).toBeGreaterThanOrEqual(5);
    const norco = partial.find((i) => /^Norco/.test(i.request))!;
    expect(norco).toMatchObject({ request: 'Norco 10/325mg #35', originalRequest: 'Norco 10/325mg #60', authorizedPortion: 'Norco 10/325mg #25' });
    for (const i of partial) expect(i.request).not.toMatch(/original request|eligible portion/i);
  });
});

describe('letters in other layouts', () => {
  const sample = readFileSync(sampleLetters()[4]!.path, 'utf8');

  it('reads an HTML rendering of a letter', () => {
    const html = `<html><body>${sample
      .split(/\n\s*\n/)
      .map((p) => `<p>${p.replace(/&/g, '&amp;')}</p>`)
      .join('\n')}</body></html>`;
    const d = parseLetterText(html, 'letter.html');
    expect(d.items.map((i) => i.request)).toEqual([
      'Left Lumbar Facet Block L2-3. L3-4',
      'Zanaflex 6mg oral capsule 3 times a day',
      'Vicodin ES 7.5 mg-300 mg oral tablet 3 times a day',
      'Baclofen 20mg Oral tablet 3 times a day',
    ]);
    expect(d.reviewer.boardCertifications).toEqual(['Physical Medicine & Rehabilitation']);
  });

  it('reads a decision printed on the line after its item', () => {
    const split = sample.replace('Zanaflex 6mg oral capsule 3 times a day: Upheld', 'Zanaflex 6mg oral capsule 3 times a day:\n\nUpheld');
    const d = parseLetterText(split, 'split.txt');
    expect(d.items[1]).toMatchObject({ request: 'Zanaflex 6mg oral capsule 3 times a day', decision: 'upheld' });
  });

  it('reads an item name wrapped over two lines', () => {
    const wrapped = sample.replace('Vicodin ES 7.5 mg-300 mg oral tablet 3 times a day: Upheld', 'Vicodin ES 7.5 mg-300 mg oral\ntablet 3 times a day: Upheld');
    expect(parseLetterText(wrapped, 'wrapped.txt').items[2]!.request).toBe('Vicodin ES 7.5 mg-300 mg oral tablet 3 times a day');
  });
});

describe('bad letters', () => {
  const sample = readFileSync(sampleLetters()[3]!.path, 'utf8');
  it('refuses empty text', () => {
    expect(() => parseLetterText('   \n\n ', 'empty.txt')).toThrow(LetterParseError);
    expect(() => parseLetterText('', 'empty.txt')).toThrow(/empty\.txt: empty letter/);
  });
  it('refuses text that is not a determination letter', () => {
    expect(() => parseLetterText('Dear Sir,\nThank you for your letter.\n', 'note.txt')).toThrow(/note\.txt: not an IMR determination letter/);
  });
  it('refuses a letter cut in half, naming the item left without a rationale', () => {
    const cut = sample.slice(0, sample.indexOf('Decision rationale: Those requiring'));
    expect(() => parseLetterText(cut, 'cut.txt')).toThrow(/cut\.txt: letter appears truncated: item 2/);
  });
  // Found by the letter fuzzer: a count the schema cannot hold made the whole letter invalid.
  it('reads a letter whose request has a count no prescription means ("1.5 refills", a 400-digit quantity)', () => {
    const real = readFileSync(sampleLetters()[2]!.path, 'utf8');
    const odd = real.replace('RETROSPECTIVE BACLOFEN 10MG #60:', `RETROSPECTIVE BACLOFEN 10MG #${'6'.repeat(400)} WITH 1.5 REFILLS:`);
    expect(odd).not.toBe(real);
    const det = parseLetterText(odd, 'odd.txt');
    expect(det.items[0]!.treatment).toMatchObject({ generic: ['baclofen'], strengthMg: [10], quantity: null, refills: null });
  });
});

describe('older layouts', () => {
  const fixtures = join(import.meta.dirname, '..', '..', 'test', 'fixtures');

  it('reads the 2013-14 layout with DOCUMENTS REVIEWED and IMR DECISION(S) AND RATIONALE(S)', async () => {
    const { determination: d } = await parseLetterFile(join(fixtures, 'legacy-2013.txt'));
    expect(d.layout).toBe('legacy');
    expect(d.caseNumber).toBe('CM14-0012345');
    expect(d.dates).toMatchObject({ assigned: '2014-01-03', decision: '2014-02-10', urDenial: '2013-12-12', injury: ['2012-08-21'] });
    expect(d.reviewer).toEqual({ boardCertifications: ['Family Practice'], subspecialties: [], licensureStates: ['OH'] });
    expect(d.patient).toEqual({ age: 47, sex: 'female' });
    expect(d.items.map((i) => [i.request, i.decision])).toEqual([
      ['Baclofen 10mg #90', 'upheld'],
      ['Percocet 5/325 #120', 'overturned'],
    ]);
    expect(d.items[0]!.rationale).toMatch(/^Baclofen is recommended orally/);
    expect(d.items[1]!.imrGuidelines[0]).toMatchObject({ source: 'MTUS', document: 'Chronic Pain Medical Treatment Guidelines', pages: Array.from({ length: 23 }, (_, k) => 74 + k) });
    expect(d.items[0]!.claimsAdministratorGuidelines[0]!.pages).toEqual([74, 75, 76, 77, 78, 79, 80, 81, 82]);
  });

  it('reads the MEDICAL PROFESSIONAL REVIEW layout with ISSUE AT DISPUTE and MEDICAL REVIEWER QUALIFICATIONS', async () => {
    const { determination: d } = await parseLetterFile(join(fixtures, 'medical-professional-review.txt'));
    expect(d.layout).toBe('medical-professional-review');
    expect(d.caseNumber).toBe('CM13-0068515');
    expect(d.reviewer).toEqual({ boardCertifications: ['Anesthesiology'], subspecialties: ['Pain Management'], licensureStates: ['CA'] });
    expect(d.patient).toEqual({ age: 48, sex: 'male' });
    expect(d.clinicalSummary).toMatch(/^According to the records/);
    expect(d.items).toHaveLength(1);
    expect(d.items[0]).toMatchObject({ request: 'Retrospective Baclofen 10mg #60', decision: 'upheld' });
    expect(d.items[0]!.imrGuidelines[0]!.pages).toEqual([64]);
  });
});
