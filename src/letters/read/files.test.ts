import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DWC_TXT } from '../../../test/sample-letters.js';
import { collectLetterFiles, countLetterFiles, walkLetterFiles } from './files.js';

/** A tree with letters nested, hidden entries, other endings and mixed-case endings. */
function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'imr-files-'));
  mkdirSync(join(root, 'b', 'deep'), { recursive: true });
  mkdirSync(join(root, '.hidden'));
  for (const f of ['b/deep/z.txt', 'b/a.PDF', 'c.md', 'a.html', 'notes.docx', '.secret.txt', '.hidden/x.txt']) writeFileSync(join(root, f), 'x');
  return root;
}

describe('letter files of directories and paths', () => {
  it('walks directories recursively in name order, skipping hidden entries and other endings', () => {
    const root = tree();
    expect([...walkLetterFiles([root])].map((p) => p.slice(root.length + 1))).toEqual(['a.html', 'b/a.PDF', 'b/deep/z.txt', 'c.md']);
  });

  it('keeps a file named explicitly, whatever its ending, and a path that does not exist (for the reader to report)', () => {
    const root = tree();
    const named = [join(root, 'notes.docx'), join(root, 'missing.txt'), join(root, 'b')];
    expect(collectLetterFiles(named)).toEqual([join(root, 'notes.docx'), join(root, 'missing.txt'), join(root, 'b', 'a.PDF'), join(root, 'b', 'deep', 'z.txt')]);
  });

  it('gives the same files by collecting, walking and counting, on the real letters', () => {
    const files = collectLetterFiles([DWC_TXT]);
    expect(files).toHaveLength(readdirSync(DWC_TXT).filter((f) => f.endsWith('.txt')).length);
    expect(files).toEqual([...walkLetterFiles([DWC_TXT])]);
    expect(countLetterFiles([DWC_TXT])).toBe(files.length);
  });
});
