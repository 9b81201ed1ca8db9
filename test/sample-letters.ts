import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The real letters the repository carries (`samples/`, see its README):
 * the five sample letters with their expected facts, and the 65 DWC letters
 * of 2016-17 as published PDFs (beside the samples in `samples/letters`,
 * which the demo ingests) and as text extractions with their outcomes.
 */
const SAMPLES = join(import.meta.dirname, '..', 'samples');

/** `samples/letters`: the five text letters and the 65 published PDFs. */
export const SAMPLE_LETTERS = join(SAMPLES, 'letters');
/** The 65 DWC letters as published (encrypted) PDFs. */
export const DWC_PDF = SAMPLE_LETTERS;
/** The same 65 letters as text extractions. */
export const DWC_TXT = join(SAMPLES, 'dwc-2016-2017', 'txt');
const OUTCOMES = join(SAMPLES, 'dwc-2016-2017', 'outcomes.csv');
const EXPECTED = join(SAMPLES, 'expected');

/** The real letters' text: the five samples and the 65 DWC text extractions, by name. */
export function realLetterTexts(): { name: string; text: string }[] {
  const read = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
  return [...read(SAMPLE_LETTERS), ...read(DWC_TXT)];
}

/** Paths of the 70 real letters as text: the five samples, then the 65 DWC extractions, each in name order. */
export function realLetterPaths(): string[] {
  const txt = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => join(dir, f));
  return [...txt(SAMPLE_LETTERS), ...txt(DWC_TXT)];
}

/** The five sample letters with their expected facts. */
export function sampleLetters(): { file: string; path: string; expected: any }[] {
  return readdirSync(SAMPLE_LETTERS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({
      file,
      path: join(SAMPLE_LETTERS, file),
      expected: JSON.parse(readFileSync(join(EXPECTED, file.replace(/\.txt$/, '.json')), 'utf8')),
    }));
}

/** Rows of outcomes.csv: case number, dates, and per-item outcomes. */
export function dwcOutcomes(): { caseNumber: string; assigned: string; decision: string; items: ('upheld' | 'overturned')[] }[] {
  const lines = readFileSync(OUTCOMES, 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [caseNumber, assigned, decision, n, outcomes] = line.split(',');
    const items = outcomes!.split('|').map((o) => (o.trim().toLowerCase() === 'upheld' ? 'upheld' : 'overturned') as 'upheld' | 'overturned');
    if (items.length !== Number(n)) throw new Error(`outcomes.csv: ${caseNumber} lists ${items.length} outcomes for ${n} items`);
    return { caseNumber: caseNumber!, assigned: assigned!, decision: decision!, items };
  });
}

/** "12/29/2016" → "2016-12-29". */
export function usToIso(us: string): string {
  const [m, d, y] = us.split('/');
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}
