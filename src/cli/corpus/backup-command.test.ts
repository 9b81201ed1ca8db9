import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realLetterTexts, varyLetter } from '../../../bench/corpus.js';
import { caseProblems, committedRows, corpusProblems, spawnImr, waitFor } from '../../../test/crash/harness.js';
import { openStore } from '../../store/index.js';
import { populate } from '../../../test/populated-db.js';
import { runCli as run } from '../../../test/run-cli.js';


let dir: string;
let db: string;
let incoming: string;
const INCOMING = 1000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imr-backup-'));
  db = join(dir, 'live.db');
  await populate(dir, db);
  incoming = join(dir, 'incoming');
  mkdirSync(incoming);
  const real = realLetterTexts();
  for (let i = 0; i < INCOMING; i++) writeFileSync(join(incoming, `v-${i}.txt`), varyLetter(real[i % real.length]!.text, 10_000 + i));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('imr backup', () => {
  it('backs up a database while another process ingests into it: the copy restores, passes every check, and holds one consistent moment', async () => {
    const before = committedRows(db, 'letters');
    const writer = spawnImr(['ingest', incoming, '--db', db, '--quiet', '--batch-size', '5']);
    try {
      await waitFor('the writer to commit', () => (committedRows(db, 'letters') > before + 10 ? true : undefined));
      const copies: { file: string; letters: number }[] = [];
      // Backups taken while the ingest goes on.
      for (let k = 0; k < 3 && writer.process.exitCode === null; k++) {
        const out = join(dir, `backup-${k}.db`);
        const r = await run('backup', '--db', db, '--out', out, '--json');
        expect(r.code, r.err).toBe(0);
        const summary = JSON.parse(r.out);
        expect(summary).toMatchObject({ file: out, cases: 6 });
        copies.push({ file: out, letters: summary.letters });
      }
      // The first copy was taken mid-ingest: some of the new letters in it, not all.
      expect(copies[0]!.letters).toBeGreaterThan(before);
      expect(copies[0]!.letters).toBeLessThan(before + INCOMING);
      for (const { file, letters } of copies) {
        // One database file, no WAL beside it, and its audit trail's key and checkpoint: restoring is copying them into place.
        const name = file.split('/').pop()!;
        expect(readdirSync(dir).filter((f) => f.startsWith(name)).sort()).toEqual([name, `${name}.audit-checkpoint`, `${name}.audit-key`]);
        const restored = join(dir, `restored-${name}`);
        for (const ending of ['', '.audit-key', '.audit-checkpoint']) copyFileSync(file + ending, restored + ending);
        const corpus = corpusProblems(restored);
        expect(corpus.problems).toEqual([]);
        expect(corpus.letters).toHaveLength(letters);
        const cases = caseProblems(restored);
        expect(cases.problems).toEqual([]);
        expect(cases.cases.map((c) => c.state).sort()).toEqual(['assigned', 'decided', 'in-review', 'ineligible', 'issued', 'records-requested']);
        const store = await openStore({ path: restored });
        try {
          await store.determinations.verifyIndex();
          expect((await store.determinations.search('baclofen')).total).toBeGreaterThan(0);
          expect(await store.audit.verify()).toBeGreaterThan(30);
        } finally {
          await store.close();
        }
      }
    } finally {
      writer.process.kill('SIGKILL');
      await writer.exited;
    }
  });

  it('refuses a PostgreSQL --db: the online backup is SQLite-only', async () => {
    const r = await run('backup', '--db', 'postgres://imr@localhost/openimr', '--out', join(dir, 'pg.db'));
    expect(r.code).toBe(2);
    expect(r.err).toBe('error: imr backup copies an SQLite database file; for a PostgreSQL database use imr export (portable) or pg_dump\n');
  });

  it('refuses to overwrite an existing backup without --force', async () => {
    const out = join(dir, 'exists.db');
    writeFileSync(out, 'keep me');
    const r = await run('backup', '--db', db, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: --out ${out} exists; give --force to replace it\n`);
    expect((await run('backup', '--db', db, '--out', out, '--force')).code).toBe(0);
  });

  it('reports a database that does not exist or is not an OpenIMR database, and writes nothing', async () => {
    const missing = await run('backup', '--db', join(dir, 'nope.db'), '--out', join(dir, 'nope-copy.db'));
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`error: cannot back up ${join(dir, 'nope.db')}: no such database file\n`);
    const text = join(dir, 'letter.txt');
    writeFileSync(text, 'Dear claimant, your appointment is on Monday.\n');
    const notDb = await run('backup', '--db', text, '--out', join(dir, 'text-copy.db'));
    expect(notDb.code).toBe(1);
    expect(notDb.err).toBe(`error: cannot back up ${text}: file is not a database\n`);
    expect(existsSync(join(dir, 'nope-copy.db')) || existsSync(join(dir, 'text-copy.db'))).toBe(false);
  });
});
