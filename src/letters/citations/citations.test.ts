import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GuidelineCitation } from '../../domain/index.js';
import { DWC_TXT, SAMPLE_LETTERS, sampleLetters } from '../../../test/sample-letters.js';
import { parseCitations } from './citations.js';
import { withSandbox } from '../../../test/fuzz/sandbox.js';
import { MTUS_DOCUMENTS, ODG_CHAPTERS, ODG_WHOLE } from './guideline-documents.js';

/** One guideline paragraph of a real letter. */
interface Paragraph {
  file: string;
  label: 'claims' | 'imr';
  text: string;
}

const LABEL = /(Claims Administrator guideline|MAXIMUS guideline):/g;
/** What ends a guideline paragraph: the next label of the item's block. */
const END = /\s(?:MAXIMUS guideline:|Claims Administrator guideline:|Decision rationale:)/;

/**
 * Every guideline paragraph of a letter, in letter order. The PDF layout puts
 * blank lines between lines and the Markdown layout bolds the labels, so the
 * letter is flattened first; a paragraph runs to the next label.
 */
function guidelineParagraphs(file: string, raw: string): Paragraph[] {
  const flat = raw.replace(/<[^>]*>/g, ' ').replace(/\*\*|^#+ /gm, ' ').replace(/\s+/g, ' ');
  const out: Paragraph[] = [];
  for (const m of flat.matchAll(LABEL)) {
    const rest = flat.slice(m.index + m[0].length);
    const end = END.exec(rest);
    out.push({ file, label: m[1]!.startsWith('Claims') ? 'claims' : 'imr', text: (end ? rest.slice(0, end.index) : rest).trim() });
  }
  return out;
}

function lettersIn(dir: string): { file: string; raw: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, raw: readFileSync(join(dir, file), 'utf8') }));
}

const LETTERS = [...lettersIn(SAMPLE_LETTERS), ...lettersIn(DWC_TXT)];
const PARAGRAPHS = LETTERS.flatMap((l) => guidelineParagraphs(l.file, l.raw));
const CITING = PARAGRAPHS.filter((p) => /Decision based on/i.test(p.text));

const MTUS_NAMES = new Set(MTUS_DOCUMENTS.map((d) => d.name));
const ODG_NAMES = new Set([...ODG_CHAPTERS.map((c) => c.name), ODG_WHOLE]);

/** The facts the expected JSON records for a citation. */
const facts = (c: GuidelineCitation) => ({ source: c.source, document: c.document, pages: c.pages });

describe('guideline paragraphs of the real letters', () => {
  it('harvests every paragraph of all 70 letters', () => {
    expect(LETTERS).toHaveLength(70);
    expect(PARAGRAPHS.length).toBeGreaterThan(300);
    expect(CITING.length).toBeGreaterThan(250);
  });

  it.each(sampleLetters().map((l) => [l.file, l] as const))('%s: reproduces the expected citations', (_file, letter) => {
    const paragraphs = guidelineParagraphs(letter.file, readFileSync(letter.path, 'utf8'));
    const items = letter.expected.items as { claimsAdministratorGuidelines: unknown[]; imrGuidelines: unknown[] }[];
    const claims = paragraphs.filter((p) => p.label === 'claims');
    const imr = paragraphs.filter((p) => p.label === 'imr');
    expect(claims).toHaveLength(items.length);
    expect(imr).toHaveLength(items.length);
    items.forEach((item, i) => {
      expect(parseCitations(claims[i]!.text).map(facts), `${letter.file} item ${i + 1} claims`).toEqual(item.claimsAdministratorGuidelines);
      expect(parseCitations(imr[i]!.text).map(facts), `${letter.file} item ${i + 1} IMR`).toEqual(item.imrGuidelines);
    });
  });

  it('every "Decision based on" clause yields at least one citation', () => {
    const failures: string[] = [];
    for (const p of CITING) {
      const clauses = p.text.split(/Decision based on/i).slice(1);
      for (const clause of clauses) {
        if (parseCitations('Decision based on' + clause).length === 0) failures.push(`${p.file}: ${clause}`);
      }
      if (parseCitations(p.text).length < clauses.length) failures.push(`${p.file}: ${p.text}`);
    }
    expect(failures).toEqual([]);
  });

  it('every citation is schema-valid with a canonical document', () => {
    for (const p of CITING) {
      for (const c of parseCitations(p.text)) {
        expect(GuidelineCitation.safeParse(c).success, p.text).toBe(true);
        expect(c.document.trim(), p.text).not.toBe('');
        if (c.source === 'MTUS') expect(MTUS_NAMES, `${p.file}: ${c.raw}`).toContain(c.document);
        if (c.source === 'ODG') expect(ODG_NAMES, `${p.file}: ${c.raw}`).toContain(c.document);
        expect(c.sections.every((s) => s.trim() !== '' && s === s.trim()), c.raw).toBe(true);
        expect(c.raw.length).toBeGreaterThan(0);
      }
    }
  });

  it('tells MTUS from ODG and other non-MTUS evidence, clause by clause', () => {
    for (const p of CITING) {
      for (const clause of p.text.split(/Decision based on/i).slice(1)) {
        const sources = new Set(parseCitations('Decision based on' + clause).map((c) => c.source));
        if (/^\s*MTUS\b/.test(clause)) expect([...sources], clause).toEqual(['MTUS']);
        else if (/Non\s?-?MTUS/i.test(clause)) expect(sources.has('MTUS'), clause).toBe(false);
        if (/Non\s?-?MTUS Citation (?:Official Disability Guidelines?|ODG)\b/i.test(clause)) expect(sources.has('ODG'), clause).toBe(true);
      }
    }
  });

  it('no citation for "did not cite any medical evidence"', () => {
    const none = PARAGRAPHS.filter((p) => /did not cite any medical evidence/.test(p.text));
    expect(none.length).toBeGreaterThan(20);
    for (const p of none) expect(parseCitations(p.text)).toEqual([]);
  });

  it('every page list is ascending and unique', () => {
    const paged = CITING.filter((p) => /Page\(s\)/.test(p.text));
    expect(paged.length).toBeGreaterThan(5);
    for (const p of CITING) {
      for (const c of parseCitations(p.text)) {
        expect(c.pages).toEqual([...new Set(c.pages)].sort((a, b) => a - b));
      }
    }
  });
});

describe('parseCitations: known citations', () => {
  const one = (text: string) => {
    const cs = parseCitations(text);
    expect(cs, text).toHaveLength(1);
    return cs[0]!;
  };

  it('expands page ranges', () => {
    expect(one('Decision based on MTUS Chronic Pain Treatment Guidelines Muscle relaxants Page(s): 63-66.').pages).toEqual([63, 64, 65, 66]);
    expect(one('Decision based on MTUS Chronic Pain Treatment Guidelines Opioids Page(s): 74-96.').pages).toHaveLength(23);
    expect(one('Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): \n63-66.').pages).toEqual([63, 64, 65, 66]);
    expect(one('Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Pages 127, 156.').pages).toEqual([127, 156]);
    expect(one('Decision based on MTUS Chronic Pain Medical Treatment Guidelines, page 24.').pages).toEqual([24]);
    expect(one('Decision based on MTUS Chronic Pain Medical Treatment Guidelines Page(s): 309-11, 24.').pages).toEqual([24, 309, 310, 311]);
  });

  it('names the document, sections and pages of a chronic pain citation', () => {
    expect(one('Decision based on MTUS Chronic Pain Treatment Guidelines SECTION ON MUSCLE RELAXANTS (FOR PAIN) - ANTISPASTICITY DRUG, Page(s): 64.')).toEqual({
      source: 'MTUS',
      document: 'Chronic Pain Medical Treatment Guidelines',
      sections: ['SECTION ON MUSCLE RELAXANTS (FOR PAIN) - ANTISPASTICITY DRUG'],
      pages: [64],
      raw: 'MTUS Chronic Pain Treatment Guidelines SECTION ON MUSCLE RELAXANTS (FOR PAIN) - ANTISPASTICITY DRUG, Page(s): 64',
    });
    expect(one('Decision based on MTUS Chronic Pain Treatment Guidelines Anti- Spasticity Drugs Page(s): 64.').sections).toEqual(['Anti-Spasticity Drugs']);
    expect(one('Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Benzodiazepines.').document).toBe('Chronic Pain Medical Treatment Guidelines');
    expect(one('Decision based on MTUS Chronic Pain Medical Treatment Guidelines Benzodiazepines.').sections).toEqual(['Benzodiazepines']);
  });

  it('splits a clause naming several documents', () => {
    expect(parseCitations('Decision based on MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 309,Chronic Pain Treatment Guidelines.').map(facts)).toEqual([
      { source: 'MTUS', document: 'ACOEM Chapter 12 Low Back Complaints', pages: [309] },
      { source: 'MTUS', document: 'Chronic Pain Medical Treatment Guidelines', pages: [] },
    ]);
    const two = parseCitations(
      'Decision based on MTUS Neck and Upper Back Complaints 2004, Section(s): Special Studies, and Forearm, Wrist, and Hand Complaints 2004, Section(s): Special Studies',
    );
    expect(two.map((c) => [c.document, c.sections])).toEqual([
      ['ACOEM Chapter 8 Neck and Upper Back Complaints', ['Special Studies']],
      ['ACOEM Chapter 11 Forearm, Wrist, and Hand Complaints', ['Special Studies']],
    ]);
  });

  it('canonicalises the MTUS documents', () => {
    const doc = (t: string) => one(`Decision based on ${t}.`).document;
    expect(doc('MTUS Shoulder Complaints 2004, Section(s): Surgical Considerations')).toBe('ACOEM Chapter 9 Shoulder Complaints');
    expect(doc('MTUS Low Back Complaints 2004')).toBe('ACOEM Chapter 12 Low Back Complaints');
    expect(doc('MTUS Knee Complaints 2004')).toBe('ACOEM Chapter 13 Knee Complaints');
    expect(doc('MTUS Elbow Disorders 2007')).toBe('ACOEM Chapter 10 Elbow Disorders');
    expect(doc('MTUS Elbow Complaints 2007')).toBe('ACOEM Chapter 10 Elbow Disorders');
    expect(doc('MTUS Ankle and Foot Complaints 2004')).toBe('ACOEM Chapter 14 Ankle and Foot Complaints');
    expect(doc('MTUS Stress-Related Conditions 2004')).toBe('ACOEM Chapter 15 Stress-Related Conditions');
    expect(doc('MTUS ACOEM Practice Guidelines, 2nd Edition, Chapter 7 Independent Medical Examinations and Consultations')).toBe(
      'ACOEM Chapter 7 Independent Medical Examinations and Consultations',
    );
    expect(doc('MTUS ACOEM Practice Guidelines')).toBe('ACOEM Practice Guidelines');
    expect(doc('MTUS General Approaches 2004, Section(s): Initial Approaches to Treatment')).toBe('ACOEM General Approaches');
    expect(doc('MTUS Acupuncture Treatment 200 7')).toBe('Acupuncture Medical Treatment Guidelines');
    expect(doc('MTUS Postsurgical Treatment 2009, Section(s): Shoulder')).toBe('Postsurgical Treatment Guidelines');
    expect(doc('MTUS Opioid Treatment 2016, Section(s): 1.4 Opioids for Acute Pain: Opioids for Post-operative Pain')).toBe('Opioid Treatment Guidelines');
    expect(doc('MTUS Chronic Pain Medical Treatment 2009, Section(s): Physical Medicine')).toBe('Chronic Pain Medical Treatment Guidelines');
  });

  it('keeps numbered opioid sections whole and separates listed sections', () => {
    const c = one(
      'Decision based on MTUS Opioid Treatment 2016, Section(s): 3.3.1.2 Opioids for Chronic Pain and Chronic Opioid Treatment: Screening for Risk of Addiction or Adverse Events, Prior to Chronic Opioid Treatment: Screening for Alcohol Misuse/Abuse, 3.3.6 Opioids for Chronic Pain and Chronic Opioid Treatment: Use of Urine Drug Testing (UDT).',
    );
    expect(c.sections).toHaveLength(2);
    expect(c.sections[1]).toMatch(/^3\.3\.6 /);
    expect(one('Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): TENS, chronic pain (transcutaneous electrical nerve stimulation).').sections).toHaveLength(1);
    expect(one('Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): NSAIDs, GI symptoms & cardiovascular risk, Proton Pump Inhibitors (PPIs).').sections).toEqual([
      'NSAIDs, GI symptoms & cardiovascular risk',
      'Proton Pump Inhibitors (PPIs)',
    ]);
  });

  it('reads ODG chapters and topics', () => {
    const odg = (t: string) => parseCitations(`Decision based on ${t}.`).map((c) => [c.source, c.document, c.sections]);
    expect(odg('Non-MTUS Citation Official Disability Guidelines (ODG) Low Back Chapter, Facet joint diagnostic block')).toEqual([['ODG', 'Low Back Chapter', ['Facet joint diagnostic block']]]);
    expect(odg('Non-MTUS Citation Official Disability Guideline (ODG), Pain Chapter')).toEqual([['ODG', 'Pain Chapter', []]]);
    expect(odg('Official Disability Guideline (ODG), Pain Chapter')).toEqual([['ODG', 'Pain Chapter', []]]);
    expect(odg('Non-MTUS Citation Official Disability Guidelines, Mental Illness and Stress Chapter')).toEqual([['ODG', 'Mental Illness and Stress Chapter', []]]);
    expect(odg('Non-MTUS Citation Official Disability Guidelines (ODG) Hips & Pelvis Chapter, X-Ray')).toEqual([['ODG', 'Hip and Pelvis Chapter', ['X-Ray']]]);
    expect(odg('Non-MTUS Citation Official Disability Guidelines (ODG), Pain (Chronic), Cyclobenzaprine (Flexeril)')).toEqual([['ODG', 'Pain Chapter', ['Cyclobenzaprine (Flexeril)']]]);
    expect(odg('Non-MTUS Citation Official Disability Guidelines: Low Back - Lumbar & Thoracic (Acute & Chronic) Chapter (Online Version)')).toEqual([['ODG', 'Low Back Chapter', []]]);
    expect(odg('Non-MTUS Citation Official Disability Guidelines (ODG) Knee and Leg (Durable medical equipment (DME))')).toEqual([['ODG', 'Knee and Leg Chapter', ['Durable medical equipment (DME)']]]);
    expect(odg('Non-MTUS Citation Official Disability Guidelines (ODG) Shoulder, Surgery for shoulder dislocation & Surgery for biceps tenodesis')).toEqual([
      ['ODG', 'Shoulder Chapter', ['Surgery for shoulder dislocation & Surgery for biceps tenodesis']],
    ]);
    expect(odg('Non-MTUS Citation Official Disability Guidelines, Shoulder Chapter, Hand Chapter, Physical therapy').map((c) => c[1])).toEqual([
      'Shoulder Chapter',
      'Forearm, Wrist, and Hand Chapter',
    ]);
    expect(odg('Non-MTUS Citation Official Disability Guidelines (ODG)')).toEqual([['ODG', 'Official Disability Guidelines', []]]);
    expect(odg('Non-MTUS Citation Low Back (Hyperstimulation analgesia)')).toEqual([['ODG', 'Low Back Chapter', ['Hyperstimulation analgesia']]]);
  });

  it('keeps other non-MTUS evidence apart from ODG', () => {
    const cs = parseCitations(
      'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Carpal Tunnel Syndrome (Acute & Chronic) and Other Medical Treatment Guidelines AANEM Recommended Policy for Electrodiagnostic Medicine.',
    );
    expect(cs.map((c) => [c.source, c.document])).toEqual([
      ['ODG', 'Carpal Tunnel Syndrome Chapter'],
      ['OTHER', 'AANEM Recommended Policy for Electrodiagnostic Medicine'],
    ]);
    expect(one('Decision based on Non-MTUS Citation http://www.drugs.com/famotidine.html.')).toMatchObject({ source: 'OTHER', document: 'http://www.drugs.com/famotidine.html' });
    expect(one('Decision based on Non-MTUS Citation FDA.gov, Zolpidem safety announcement, Pages 1-2.')).toMatchObject({ source: 'OTHER', pages: [1, 2] });
    expect(
      one('Decision based on Non-MTUS Citation American College of Occupational and Environmental Medicine (ACOEM) Pain, Suffering, and the Restoration of Function Chapter.'),
    ).toMatchObject({ source: 'OTHER', document: 'ACOEM Pain, Suffering, and the Restoration of Function Chapter' });
  });

  it('ignores preambles', () => {
    expect(parseCitations('The Claims Administrator did not cite any medical evidence for its decision.')).toEqual([]);
    expect(parseCitations('The Claims Administrator based their decision on recommendation(s) outside of the MTUS Guidelines.')).toEqual([]);
    const cs = parseCitations(
      'The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Knee & Leg, Durable medical equipment (DME).',
    );
    expect(cs.map((c) => c.document)).toEqual(['Knee and Leg Chapter']);
  });

  it('reads the sentence form of older letters', () => {
    const cs = parseCitations('The Claims Administrator based its decision on the MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 74-82.');
    expect(cs.map(facts)).toEqual([{ source: 'MTUS', document: 'Chronic Pain Medical Treatment Guidelines', pages: [74, 75, 76, 77, 78, 79, 80, 81, 82] }]);
    expect(
      parseCitations('The Expert Reviewer based his/her decision on the MTUS Chronic Pain Medical Treatment\nGuidelines, Anti-Spasticity Drugs, page 64, which is part of the MTUS.'),
    ).toEqual([
      {
        source: 'MTUS',
        document: 'Chronic Pain Medical Treatment Guidelines',
        sections: ['Anti-Spasticity Drugs'],
        pages: [64],
        raw: 'MTUS Chronic Pain Medical Treatment Guidelines, Anti-Spasticity Drugs, page 64',
      },
    ]);
    expect(
      parseCitations('The Expert Reviewer relied on the following guideline for his/her decision: Official Disability Guidelines (ODG), Pain Chapter, which is not part of the MTUS.').map(facts),
    ).toEqual([{ source: 'ODG', document: 'Pain Chapter', pages: [] }]);
  });
});

describe('parseCitations: hostile input', () => {
  it('returns [] for empty and junk text', () => {
    for (const t of ['', '   ', '\n\n', 'Decision based on', 'Decision based on .', 'lorem ipsum', '))))((((', 'Page(s): 1-5', '\u0000\u0001']) {
      expect(() => parseCitations(t)).not.toThrow();
    }
    expect(parseCitations('')).toEqual([]);
    expect(parseCitations('lorem ipsum dolor')).toEqual([]);
    expect(parseCitations(undefined as unknown as string)).toEqual([]);
  });

  it('keeps absurd page ranges bounded', () => {
    expect(parseCitations('Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 1-9999.')[0]!.pages).toEqual([1, 9999]);
  });

  it.each([
    ['repeated clauses', 'Decision based on MTUS Chronic Pain Treatment Guidelines Muscle relaxants Page(s): 63-66. '],
    ['repeated ODG chapters', 'Official Disability Guidelines (ODG), Low Back, Pain, Shoulder, Knee & Leg; '],
    ['a page list', 'Page(s): 1-2, 3, '],
    ['punctuation', ',.;: - '],
    ['open parentheses', '(('],
    ['one long word', 'x'],
    ['near-miss names', 'Chronic Pain Medical Treatment Low Back Complaint Forearm, Wrist, and '],
    ['split years', 'Treatment 20 0 '],
  ])('1 MB of %s in linear time', (_name, unit) => {
    const text = 'Decision based on MTUS ' + unit.repeat(Math.ceil(1_000_000 / unit.length));
    const started = performance.now();
    const cs = parseCitations(text);
    const elapsed = performance.now() - started;
    expect(Array.isArray(cs)).toBe(true);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('never throws and always returns schema-valid citations', () => {
    const words = fc.constantFrom(
      'Decision based on', 'MTUS', 'Non-MTUS Citation', 'Official Disability Guidelines (ODG)', 'Chronic Pain Treatment Guidelines',
      'Low Back Complaints 2004', 'Section(s):', 'Page(s):', '63-66', ',', '.', 'and', 'Pain Chapter', '(', ')', '2004', '200 7', 'Shoulder',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(words, fc.string()), { maxLength: 30 }), (parts) => {
        for (const c of parseCitations(parts.join(' '))) {
          expect(GuidelineCitation.safeParse(c).success).toBe(true);
          expect(c.document).not.toBe('');
        }
      }),
      { numRuns: 500 },
    );
  });
});

// Found by the letter fuzzer: every chapter of a non-MTUS clause carried the
// whole clause, so a line repeated a few thousand times made a parse of
// gigabytes (a 700 kB letter, 5.6 GB as JSON).
describe('citations of a clause naming thousands of chapters', () => {
  it('stay in proportion to the text: each chapter keeps its own part of it', async ({ signal }) => {
    const paragraph = `Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) ${'Shoulder Chapter, Knee Chapter, '.repeat(5000)}Page(s): 1-300, 400-700`;
    await withSandbox(10_000, { op: 'citations', input: 'Decision based on MTUS' }, signal, async (sandbox) => {
      const res = await sandbox.run('citations', paragraph);
      expect(res.ok, res.ok ? '' : res.error.message).toBe(true);
      const cites = (res as { value: GuidelineCitation[]; size: number }).value;
      expect(cites).toHaveLength(10_000);
      expect((res as { size: number }).size).toBeLessThan(20 * paragraph.length);
      for (const c of cites) expect(c.raw.length <= 2000 && c.pages.length <= 1000).toBe(true);
    });
    // A clause of one chapter keeps all of its text, as before.
    expect(parseCitations('Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Shoulder Chapter, Surgery for impingement syndrome.')[0]!.raw).toBe(
      'Official Disability Guidelines (ODG) Shoulder Chapter, Surgery for impingement syndrome',
    );
  });
});
