import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DWC_TXT, sampleLetters } from '../../test/sample-letters.js';
import { parseLetterFile } from '../letters/index.js';
import { tempDatabase, type TestDatabase } from '../../test/test-databases.js';
import { caseFromLetter, REVIEWERS } from '../../test/case-fixtures.js';
import { startServe } from './serve/index.js';
import { runCli as run } from '../../test/run-cli.js';


describe('imr with --db postgres://…', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imr-cli-pg-'));
  const batch = join(dir, 'batch');
  const sqliteFile = join(dir, 'corpus.db');
  let corpus: TestDatabase;
  let cases: TestDatabase;

  beforeAll(async () => {
    mkdirSync(batch);
    for (const s of sampleLetters()) copyFileSync(s.path, join(batch, s.file));
    for (const f of ['CM16-0246487', 'CM17-0009840', 'CM17-0019120', 'CM16-0230548']) copyFileSync(join(DWC_TXT, `${f}.txt`), join(batch, `${f}.txt`));
    const { determination } = await parseLetterFile(join(DWC_TXT, 'CM16-0230548.txt'));
    writeFileSync(join(dir, 'case.json'), JSON.stringify(caseFromLetter(determination)));
    writeFileSync(join(dir, 'reviewers.json'), JSON.stringify(REVIEWERS));
    writeFileSync(join(dir, 'note.txt'), 'PR-2: neck strain, right hand contusion; improving with physical therapy.');
    [corpus, cases] = [await tempDatabase('postgres'), await tempDatabase('postgres')];
  });
  afterAll(async () => {
    await corpus.dispose();
    await cases.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests, searches and counts as it does on an SQLite file', async () => {
    const ingested = await run('ingest', '--db', corpus.target, '--quiet', '--json', batch);
    expect(ingested.code).toBe(0);
    expect(JSON.parse(ingested.out)).toMatchObject({ total: 9, ingested: 9, failed: 0 });
    expect(JSON.parse((await run('ingest', '--db', corpus.target, '--quiet', '--json', batch)).out)).toMatchObject({ ingested: 0, duplicates: 9 });
    expect((await run('ingest', '--db', sqliteFile, '--quiet', '--json', batch)).code).toBe(0);

    for (const [query, ...flags] of [['baclofen'], ['physical therapy', '--decision', 'overturned'], ['-acupuncture'], ['', '--specialty', 'orthopedic']] as [string, ...string[]][]) {
      const search = (db: string) => run('search', '--db', db, '--json', ...flags, '--', query);
      const [pg, lite] = [await search(corpus.target), await search(sqliteFile)];
      expect(pg.code, pg.err).toBe(0);
      const page = (r: { out: string }) => JSON.parse(r.out) as { total: number; hits: { caseNumber: string | null; snippet: string }[] };
      expect(page(pg).total, query).toBe(page(lite).total);
      expect(page(pg).hits.map((h) => h.caseNumber).sort()).toEqual(page(lite).hits.map((h) => h.caseNumber).sort());
    }
    expect(JSON.parse((await run('search', 'baclofen', '--db', corpus.target, '--json')).out).hits[0].snippet).toMatch(/«baclofen»/i);
    for (const by of ['drug', 'guideline', 'year']) {
      expect(JSON.parse((await run('stats', '--by', by, '--db', corpus.target, '--json')).out)).toEqual(JSON.parse((await run('stats', '--by', by, '--db', sqliteFile, '--json')).out));
    }
  });

  // PostgreSQL cannot store a NUL character in text (SQLite can): a letter
  // with stray NUL bytes (damaged text, some PDF extractions) must store on
  // both engines alike, not fail on one.
  it('stores a letter with stray NUL characters, as SQLite does', async () => {
    const nul = join(dir, 'nul');
    mkdirSync(nul);
    const text = readFileSync(sampleLetters()[0]!.path, 'utf8');
    const at = text.indexOf('\n', 3000);
    writeFileSync(join(nul, 'with-nul.txt'), `${text.slice(0, at)}\u0000\u0000${text.slice(at)}`);
    for (const db of [corpus.target, join(dir, 'nul.db')]) {
      const r = await run('ingest', '--db', db, '--quiet', '--json', nul);
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ failed: 0 });
    }
  });

  it('runs a case from import to an issued letter, with a verified audit trail', async () => {
    const A = ['--db', cases.target, '--actor', 'cli-test'];
    expect((await run('reviewer', 'add', join(dir, 'reviewers.json'), ...A)).code).toBe(0);
    const imported = await run('case', 'import', join(dir, 'case.json'), ...A, '--json');
    expect(imported.code).toBe(0);
    const caseNumber: string = JSON.parse(imported.out).case.caseNumber;
    expect(caseNumber).toMatch(/^CM\d{2}-0000001$/);
    expect((await run('case', 'records', caseNumber, '--request', '--electronic', ...A)).code).toBe(0);
    expect((await run('case', 'records', caseNumber, '--receive', join(dir, 'note.txt'), ...A)).code).toBe(0);
    expect((await run('case', 'assign', caseNumber, ...A)).out).toContain('assigned reviewer R-002');
    const decide = (item: string, decision: string, rationale: string) =>
      run('case', 'decide', caseNumber, '--item', item, '--decision', decision, '--guidelines', 'MTUS', '--rationale', rationale, '--override-reason', 'reviewer judgement', ...A);
    expect((await decide('1', 'upheld', 'The request is not medically necessary.')).code).toBe(0);
    expect((await decide('2', 'overturned', 'The request is medically necessary.')).code).toBe(0);
    expect((await run('case', 'issue', caseNumber, '--confirm', ...A)).code).toBe(0);
    expect((await run('letter', 'render', caseNumber, '--format', 'txt', '--db', cases.target)).out).toContain(caseNumber);
    expect((await run('case', 'show', caseNumber, '--db', cases.target)).out).toContain('determination issued, version 1');
    expect((await run('case', 'verify-audit', '--db', cases.target)).out).toMatch(/audit trail verifies: \d+ entries/);
  });

  it('serves the API from PostgreSQL: first run ingests the sample letters, search and sign-in work', async () => {
    const served = await tempDatabase('postgres');
    const lines: string[] = [];
    // A password in the URL (the test cluster trusts its socket, so any will do) is never printed.
    const url = new URL(served.target);
    url.password = 'url-s3cret';
    const s = await startServe({ db: url.toString(), port: 0, host: '127.0.0.1', webRoot: null, adminPassword: 'an admin password given', out: (l) => lines.push(l) });
    try {
      expect(lines.join('\n')).toMatch(/70 ingested/);
      expect(lines.join('\n')).toMatch(/OpenIMR is serving postgres(ql)?:\/\/[^@]*:\*\*\*@/);
      expect(lines.join('\n')).not.toContain('url-s3cret');
      const login = await fetch(`${s.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'an admin password given' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const found = await fetch(`${s.server.url}/api/corpus/search?q=baclofen`, { headers: { cookie } });
      expect(found.status).toBe(200);
      const page = (await found.json()) as { total: number; hits: { caseNumber: string | null }[] };
      expect(page.total).toBeGreaterThan(3);
    } finally {
      await s.stop();
      await served.dispose();
    }
  });

  it('reports a server it cannot reach in one line, without the password', async () => {
    const r = await run('search', 'x', '--db', 'postgres://imr:s3cret@localhost/imr?host=/nonexistent-imr-socket-dir');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/^error: .*cannot open store postgres:\/\/imr:\*\*\*@localhost/m);
    expect(r.err).not.toContain('s3cret');
  });
});
