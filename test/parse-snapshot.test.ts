import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARSED_DIR, parsedJson, snapshotLetterPaths, snapshotPath } from './parse-snapshot.js';

// The parse of every real letter must not change by accident: a refactoring
// of the parser (layouts as data, one date reader) keeps each one identical.
describe('parse of the real letters', () => {
  const paths = snapshotLetterPaths();

  it('covers the 70 real letters and the two layout fixtures, each with a stored parse', () => {
    expect(paths).toHaveLength(72);
    expect(readdirSync(PARSED_DIR).filter((f) => f.endsWith('.json'))).toHaveLength(72);
  });

  it.each(paths.map((p) => [p.split('/').pop()!, p]))('%s parses as stored', (_name, path) => {
    const stored = snapshotPath(path);
    expect(existsSync(stored), `${stored} missing: run npx tsx scripts/snapshot-parses.ts`).toBe(true);
    expect(parsedJson(path)).toBe(readFileSync(stored, 'utf8'));
  });
});
