import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_LETTERS } from '../../../test/sample-letters.js';
import { digestTable, digestTableFromSorted, hasDigest } from './file-digests.js';

const sampleDigests = () =>
  readdirSync(SAMPLE_LETTERS)
    .sort()
    .map((f) => createHash('sha256').update(readFileSync(join(SAMPLE_LETTERS, f))).digest());

async function* pagesOf(hex: string[], size: number): AsyncGenerator<string[]> {
  for (let i = 0; i < hex.length; i += size) yield hex.slice(i, i + size);
}

describe('the shared table of file digests', () => {
  it('is built from digests read in order, page by page, into the same table as from a list', async () => {
    const hex = sampleDigests().map((d) => d.toString('hex'));
    const sorted = [...hex].sort();
    const table = await digestTableFromSorted(sorted.length, pagesOf(sorted, 8));
    expect(Buffer.from(table).equals(Buffer.from(digestTable(hex)))).toBe(true);
    // Given out of order (another collation), it is sorted after: every digest is still found.
    const shuffled = await digestTableFromSorted(hex.length, pagesOf(hex, 8));
    expect(Buffer.from(shuffled).equals(Buffer.from(table))).toBe(true);
    // Digests stored after the count was taken are left out, not written past the table.
    const capped = await digestTableFromSorted(10, pagesOf(sorted, 8));
    expect(capped.byteLength).toBe(10 * 32);
    sorted.forEach((h, i) => expect(hasDigest(capped, Buffer.from(h, 'hex'))).toBe(i < 10));
  });

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
