import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The real letters shared with the project (`../shared/letters` beside the
 * checkout). Tests read them first; a missing folder is an error, not a skip,
 * so a test cannot pass by not running.
 */
export const SHARED_LETTERS = resolve(process.env.IMR_SHARED_LETTERS ?? join(import.meta.dirname, '..', '..', 'shared', 'letters'));

if (!existsSync(SHARED_LETTERS)) {
  throw new Error(`real letters not found at ${SHARED_LETTERS}; set IMR_SHARED_LETTERS`);
}

export const DWC_DIR = join(SHARED_LETTERS, 'dwc-2016-2017');

/** The five sample letters with their expected facts. */
export function sampleLetters(): { file: string; path: string; expected: any }[] {
  return readdirSync(SHARED_LETTERS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({
      file,
      path: join(SHARED_LETTERS, file),
      expected: JSON.parse(readFileSync(join(SHARED_LETTERS, 'expected', file.replace(/\.txt$/, '.json')), 'utf8')),
    }));
}

/** Rows of outcomes.csv: case number, dates, and per-item outcomes. */
export function dwcOutcomes(): { caseNumber: string; assigned: string; decision: string; items: ('upheld' | 'overturned')[] }[] {
  const lines = readFileSync(join(DWC_DIR, 'outcomes.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
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
