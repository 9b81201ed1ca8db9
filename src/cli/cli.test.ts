import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { DWC_PDF, SAMPLE_LETTERS, sampleLetters } from '../../test/sample-letters.js';
import { runCli as run } from '../../test/run-cli.js';


const dir = mkdtempSync(join(tmpdir(), 'imr-cli-'));
const db = join(dir, 'corpus.db');
const batch = join(dir, 'batch');

beforeAll(() => {
  // A batch of real letters with bad files among them.
  mkdirSync(batch);
  for (const s of sampleLetters()) copyFileSync(s.path, join(batch, s.file));
  for (const f of ['CM16-0246487', 'CM17-0009840', 'CM17-0019120']) copyFileSync(join(DWC_PDF, `${f}.pdf`), join(batch, `${f}.pdf`));
  writeFileSync(join(batch, 'empty.txt'), '');
  writeFileSync(join(batch, 'broken.pdf'), '%PDF-1.4 this is not really a pdf');
  writeFileSync(join(batch, 'note.txt'), 'Dear claimant, your appointment is on Monday.\n');
});

describe('imr parse', () => {
  it('prints one JSON object per letter with the expected facts', async () => {
    const r = await run('parse', '--json', join(SAMPLE_LETTERS, '002_da7a313e87b423cf.txt'), join(SAMPLE_LETTERS, '003_5d6bfc625fff5977.txt'));
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ caseNumber: 'CM13-0068515', priority: 'standard', patient: { age: 48, sex: 'male' } });
    expect(lines[1].items.map((i: { decision: string }) => i.decision)).toEqual(['upheld', 'overturned']);
  });

  it('reports each bad file on one line and goes on', async () => {
    const r = await run('parse', '--json', batch);
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n')).toHaveLength(8);
    const errors = r.err.trim().split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(3);
    expect(r.err).toMatch(/empty\.txt: empty file/);
    expect(r.err).toMatch(/broken\.pdf: corrupt or unreadable PDF/);
    expect(r.err).toMatch(/note\.txt: not an IMR determination letter/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('imr ingest, search and stats', () => {
  it('ingests a batch, skipping bad files, and is idempotent', async () => {
    const first = await run('ingest', '--db', db, '--quiet', '--json', batch);
    expect(first.code).toBe(1);
    expect(JSON.parse(first.out)).toMatchObject({ total: 11, ingested: 8, duplicates: 0, alreadyStored: 0, unread: 0, failed: 3 });
    // Again: the 8 stored files are known by their bytes' hash and not parsed; the 3 bad ones are read and refused again.
    const again = await run('ingest', '--db', db, '--quiet', '--json', batch);
    expect(JSON.parse(again.out)).toMatchObject({ ingested: 0, duplicates: 8, alreadyStored: 8, unread: 8, failed: 3 });
    const summary = await run('ingest', '--db', db, '--quiet', batch);
    expect(summary.out).toMatch(/^11 files: 0 ingested, 8 already stored \(skipped\), 0 duplicate, 3 failed/);
  });

  it('parses a file whose bytes are new even when its letter is stored, and knows those bytes from then on', async () => {
    const copies = mkdtempSync(join(tmpdir(), 'imr-ingest-bytes-'));
    // The same letter with other line endings: other bytes, the same letter (content hash).
    writeFileSync(join(copies, 'crlf.txt'), readFileSync(sampleLetters()[0]!.path, 'utf8').replace(/\n/g, '\r\n'));
    const first = JSON.parse((await run('ingest', '--db', db, '--quiet', '--json', copies)).out);
    expect(first).toMatchObject({ total: 1, ingested: 0, alreadyStored: 1, unread: 0, failed: 0 });
    const second = JSON.parse((await run('ingest', '--db', db, '--quiet', '--json', copies)).out);
    expect(second).toMatchObject({ total: 1, ingested: 0, alreadyStored: 1, unread: 1, failed: 0 });
  });

  it('searches with ranking, highlighted snippets and filters', async () => {
    const r = await run('search', 'baclofen spasticity', '--db', db, '--json');
    const page = JSON.parse(r.out);
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.hits[0].snippet).toMatch(/«[Bb]aclofen»|«spasticity»/);
    const over = JSON.parse((await run('search', '', '--db', db, '--decision', 'overturned', '--json')).out);
    expect(over.hits.length).toBeGreaterThan(0);
    for (const h of over.hits) expect(h.items.some((i: { decision: string }) => i.decision === 'overturned')).toBe(true);
  });

  it('prints CSV', async () => {
    const r = await run('search', 'shoulder', '--db', db, '--csv');
    expect(r.out.split('\n')[0]).toBe('id,caseNumber,decisionDate,score,items,snippet');
    expect(r.out).toMatch(/CM16-0246487/);
  });

  it('never fails on query syntax', async () => {
    for (const q of ['AND NOT "', '"unclosed', '(', '*', "'; DROP TABLE letters; --", 'NOT', '-']) {
      const r = await run('search', q, '--db', db, '--json');
      expect(r.code, q).toBe(0);
      expect(() => JSON.parse(r.out)).not.toThrow();
    }
  });

  it('counts items and upheld % by year and decision', async () => {
    const byYear = JSON.parse((await run('stats', '--by', 'year', '--db', db, '--json')).out);
    expect(byYear.find((r: { key: string }) => r.key === '2017')).toMatchObject({ items: 6 + 1 + 2 });
    const byDecision = JSON.parse((await run('stats', '--by', 'decision', '--db', db, '--json')).out);
    const total = byDecision.reduce((s: number, r: { items: number }) => s + r.items, 0);
    expect(total).toBe(1 + 2 + 1 + 2 + 4 + 6 + 1 + 2);
    const csv = (await run('stats', '--by', 'category', '--db', db, '--csv')).out;
    expect(csv.split('\n')[0]).toBe('key,items,upheld,overturned,upheldPct');
  });

  it('refuses bad option values with a usage error', async () => {
    const r = await run('search', 'x', '--db', db, '--from', '2017-02-30');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--from: "2017-02-30" is not a date/);
    expect((await run('stats', '--by', 'colour', '--db', db)).code).toBe(2);
    expect((await run('search', 'x', '--db', db, '--limit', '0')).code).toBe(2);
    const bad = await run('search', 'x', '--db', db, '--case-number', 'CM1_%');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--case-number: "CM1_%" is not a case number/);
    expect((await run('search', 'x', '--db', db, '--sort', 'size')).code).toBe(2);
  });

  it('finds a letter by case number and sorts matches by date', async () => {
    const one = JSON.parse((await run('search', '', '--db', db, '--case-number', 'cm13-0068515', '--json')).out);
    expect(one.hits.map((h: { caseNumber: string }) => h.caseNumber)).toEqual(['CM13-0068515']);
    const byDate = JSON.parse((await run('search', 'pain', '--db', db, '--sort', 'date', '--json')).out);
    const dates = byDate.hits.map((h: { decisionDate: string | null }) => h.decisionDate ?? '');
    expect(byDate.hits.length).toBeGreaterThan(1);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});
