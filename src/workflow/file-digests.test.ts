import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_LETTERS } from '../../test/sample-letters.js';
import { digestTable, hasDigest } from './file-digests.js';

describe('the shared table of file digests', () => {
  it('holds exactly the digests it was made of (the sample letter files, half of them in the table)', () => {
    const digests = readdirSync(SAMPLE_LETTERS)
      .sort()
      .map((f) => createHash('sha256').update(readFileSync(join(SAMPLE_LETTERS, f))).digest());
    expect(digests).toHaveLength(70);
    const table = digestTable(digests.filter((_, i) => i % 2 === 0).map((d) => d.toString('hex')));
    expect(table.byteLength).toBe(35 * 32);
    digests.forEach((d, i) => expect(hasDigest(table, d), String(i)).toBe(i % 2 === 0));
    expect(hasDigest(digestTable([]), digests[0]!)).toBe(false);
  });
});
