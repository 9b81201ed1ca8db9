import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseLetterText } from '../src/letters/index.js';
import { realLetterPaths } from './sample-letters.js';

/**
 * The parse of every real letter (the 70 of samples/) and of the two layout
 * fixtures, as stored in test/fixtures/parsed/: the parser's output on real
 * input, kept so that a change to how letters are read shows as a difference.
 */
export const PARSED_DIR = join(import.meta.dirname, 'fixtures', 'parsed');

const LAYOUT_FIXTURES = ['legacy-2013.txt', 'medical-professional-review.txt'].map((f) => join(import.meta.dirname, 'fixtures', f));

/** Every letter the snapshot covers, by path. */
export function snapshotLetterPaths(): string[] {
  return [...realLetterPaths(), ...LAYOUT_FIXTURES];
}

/** The parse of one letter as the snapshot stores it (the source named by file name, so the fixture is the same on every machine). */
export function parsedJson(path: string): string {
  return `${JSON.stringify(parseLetterText(readFileSync(path, 'utf8'), basename(path)), null, 2)}\n`;
}

/** The snapshot file of one letter. */
export function snapshotPath(path: string): string {
  return join(PARSED_DIR, basename(path).replace(/\.txt$/, '.json'));
}
