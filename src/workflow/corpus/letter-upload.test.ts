import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LetterParseError } from '../../domain/index.js';
import { DWC_PDF, DWC_TXT } from '../../../test/sample-letters.js';
import { parseLetterFile } from '../../letters/index.js';
import { openStore } from '../../store/index.js';
import { fixedClock } from '../deadlines/clock.js';
import { ingestUpload, MAX_NAME_CHARS, uploadName } from './letter-upload.js';

describe('the label of an uploaded letter', () => {
  it('is the base name, without control or bidirectional-override characters and leading dots, cut to its limit keeping the ending', () => {
    expect(uploadName('../../etc/passwd', 'txt')).toBe('passwd');
    expect(uploadName('C:\\Users\\x\\letter.pdf', 'pdf')).toBe('letter.pdf');
    expect(uploadName('a\u0000b\u0007c\u009b.txt', 'txt')).toBe('abc.txt');
    expect(uploadName('evil\u202egpj.exe', 'txt')).toBe('evilgpj.exe');
    expect(uploadName('line\nbreak\r\u2028.md', 'md')).toBe('linebreak.md');
    expect(uploadName('  many   spaces .txt ', 'txt')).toBe('many spaces .txt');
    expect(uploadName('...', 'html')).toBe('upload.html');
    expect(uploadName('dir/', 'txt')).toBe('upload.txt');
    expect(uploadName(undefined, 'pdf')).toBe('upload.pdf');
    const long = uploadName(`${'é'.repeat(500)}.letter`, 'txt');
    expect([...long]).toHaveLength(MAX_NAME_CHARS);
    expect(long.endsWith('é.letter')).toBe(true);
    expect([...uploadName('🙂'.repeat(200), 'txt')]).toHaveLength(MAX_NAME_CHARS);
  });
});

describe('storing an uploaded letter', () => {
  it('stores what imr ingest stores for the same file, audited, and refuses a bad one writing nothing', async () => {
    const path = join(DWC_PDF, 'CM16-0246487.pdf');
    const store = await openStore({ path: ':memory:' });
    try {
      const out = await ingestUpload(store, { name: 'CM16-0246487.pdf', bytes: new Uint8Array(readFileSync(path)), format: 'pdf' }, 'cora', fixedClock('2017-03-01T10:00:00Z'));
      expect(out).toEqual({ status: 'ingested', id: 1, source: 'CM16-0246487.pdf', caseNumber: 'CM16-0246487', format: 'pdf' });
      const stored = await store.determinations.getDetermination(out.id);
      const cli = await parseLetterFile(path);
      expect(stored!.determination).toEqual({ ...cli.determination, source: 'CM16-0246487.pdf' });
      expect(stored!.original).toEqual({ text: cli.file.text, format: 'pdf' });
      expect(await store.audit.list()).toEqual([expect.objectContaining({ actor: 'cora', at: '2017-03-01T10:00:00.000Z', action: 'ingest-letter', caseId: null })]);

      const bad = await ingestUpload(store, { name: '../cut.txt', bytes: new TextEncoder().encode('IMR ISSUES, DECISIONS AND RATIONALES\n'), format: 'txt' }, 'cora').catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(LetterParseError);
      expect((bad as LetterParseError).file).toBe('cut.txt');
      expect(await store.determinations.count()).toBe(1);
      expect(await store.audit.list()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('stores an uploaded letter redacted, so the corpus the public searches holds none of its identifiers', async () => {
    const path = join(DWC_TXT, 'CM16-0230548.txt');
    const text = readFileSync(path, 'utf8').replace(
      'The injured worker is',
      "Maria Lopez-Hernandez (DOB 03/14/1961, SSN 572-11-4839, phone (559) 555-0142) was seen by Dr. Siobhan O'Callaghan with her husband Jorge Ibáñez. The injured worker is",
    );
    expect(text).toContain('Maria Lopez-Hernandez');
    const store = await openStore({ path: ':memory:' });
    try {
      const out = await ingestUpload(store, { name: 'leaky.txt', bytes: new TextEncoder().encode(text), format: 'txt' }, 'cora');
      const stored = await store.determinations.getDetermination(out.id);
      const everything = JSON.stringify(stored);
      for (const s of ['Lopez', 'Hernandez', '03/14/1961', '572-11-4839', '555-0142', "O'Callaghan", 'Ibáñez', 'Jorge']) expect(everything, s).not.toContain(s);
      expect(stored!.original.text).toContain('[DATE OF BIRTH]');
      for (const q of ['Hernandez', 'Callaghan', 'Ibanez']) expect((await store.determinations.search(q, { limit: 5, offset: 0 })).total, q).toBe(0);
      // The clinical content is searchable as before.
      expect((await store.determinations.search('acupuncture', { limit: 5, offset: 0 })).total).toBe(1);
      // The same file again is found to be stored (its identity is the file's).
      expect((await ingestUpload(store, { name: 'again.txt', bytes: new TextEncoder().encode(text), format: 'txt' }, 'cora')).status).toBe('duplicate');
    } finally {
      await store.close();
    }
  });
});
