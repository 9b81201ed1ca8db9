/**
 * A store opens in the standard `sqlite3` command-line tool, as Debian 12
 * ships it (SQLite 3.40; .ci/run installs it): a fresh database, and one
 * made before migration 0007, whose view the old SQLite could not parse.
 * Without the tool these tests fail (they never skip): CI must have it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { storeMigrations } from '../src/store/migrations/index.js';
import { sqliteDialect } from '../src/store/engines/index.js';
import { runCli } from './run-cli.js';
import { SAMPLE_LETTERS } from './sample-letters.js';

const dir = mkdtempSync(join(tmpdir(), 'imr-sqlite3-'));

/** Runs SQL in the `sqlite3` tool, read-only, answering JSON rows; throws with the tool's message. */
function sqlite3(db: string, query: string): any[] {
  let out: string;
  try {
    out = execFileSync('sqlite3', ['-readonly', '-json', db, query], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error('the sqlite3 command-line tool is not installed (Debian: apt-get install sqlite3; .ci/run installs it)');
    throw new Error(`sqlite3 failed: ${e.stderr?.trim() || e.message}`);
  }
  return out.trim() ? JSON.parse(out) : [];
}

/** Each letter's requests and rationales, joined in item order, as the store's own tables hold them. */
function expectedDocuments(db: string): { id: number; requests: string; rationales: string }[] {
  const conn = new Database(db, { readonly: true });
  try {
    const items = conn.prepare('SELECT i.letter_id, i.request, x.rationale FROM items i JOIN item_texts x ON x.item_id = i.id ORDER BY i.letter_id, i.idx').all() as { letter_id: number; request: string; rationale: string }[];
    const byLetter = new Map<number, { id: number; requests: string[]; rationales: string[] }>();
    for (const it of items) {
      const doc = byLetter.get(it.letter_id) ?? { id: it.letter_id, requests: [], rationales: [] };
      doc.requests.push(it.request);
      doc.rationales.push(it.rationale);
      byLetter.set(it.letter_id, doc);
    }
    return [...byLetter.values()].map((d) => ({ id: d.id, requests: d.requests.join(' ; '), rationales: d.rationales.join(' ') }));
  } finally {
    conn.close();
  }
}

async function ingestSamples(db: string): Promise<void> {
  const r = await runCli('ingest', SAMPLE_LETTERS, '--db', db, '--quiet');
  expect(r.code, r.err).toBe(0);
}

describe('the sqlite3 command-line tool', () => {
  it('is the SQLite of Debian 12 or newer', () => {
    const version = execFileSync('sqlite3', ['--version'], { encoding: 'utf8' }).split(' ')[0]!;
    expect(version.split('.').map(Number)[1]).toBeGreaterThanOrEqual(40);
  });

  it('opens a fresh database and reads every letter\'s search document, items in order', async () => {
    const db = join(dir, 'fresh.db');
    await ingestSamples(db);
    expect(sqlite3(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(sqlite3(db, 'SELECT count(*) AS n FROM letters')).toEqual([{ n: 70 }]);
    const docs = sqlite3(db, 'SELECT id, requests, rationales FROM letter_search_text ORDER BY id');
    expect(docs).toEqual(expectedDocuments(db));
    // Full-text search through the tool as well.
    expect(sqlite3(db, "SELECT count(*) AS n FROM letters_fts WHERE letters_fts MATCH 'baclofen'")[0].n).toBeGreaterThan(0);
  });

  it('opens a database made before migration 0007 once imr has opened it again', async () => {
    const db = join(dir, 'upgraded.db');
    await ingestSamples(db);
    // Back to what 0006 left: every later migration undone (the migrations'
    // own down steps), then the view as released (string_agg ... ORDER BY).
    const dialect = sqliteDialect(db);
    const kysely = new Kysely<any>({ dialect: dialect.kysely });
    try {
      const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => storeMigrations(dialect) } });
      expect((await migrator.migrateTo('0006_users')).error).toBeUndefined();
    } finally {
      await kysely.destroy();
    }
    const conn = new Database(db);
    conn.exec(`
      DROP VIEW letter_search_text;
      CREATE VIEW letter_search_text AS
      SELECT l.id AS id,
        coalesce(l.case_number, '') AS case_number,
        (SELECT string_agg(i.request, ' ; ' ORDER BY i.idx) FROM items i WHERE i.letter_id = l.id) AS requests,
        (SELECT string_agg(i.treatment_name || coalesce(' ' || i.drug_class, ''), ' ; ' ORDER BY i.idx) FROM items i WHERE i.letter_id = l.id) AS treatments,
        t.clinical_summary AS summary,
        (SELECT string_agg(x.rationale, ' ' ORDER BY i.idx) FROM items i JOIN item_texts x ON x.item_id = i.id WHERE i.letter_id = l.id) AS rationales
      FROM letters l JOIN letter_texts t ON t.letter_id = l.id;`);
    conn.close();
    expect(() => sqlite3(db, 'SELECT count(*) FROM letters')).toThrow(/malformed database schema \(letter_search_text\)/);

    const store = await openStore({ path: db });
    try {
      await store.determinations.verifyIndex();
      expect((await store.determinations.search('baclofen')).total).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    expect(sqlite3(db, 'SELECT id, requests, rationales FROM letter_search_text ORDER BY id')).toEqual(expectedDocuments(db));
    expect(sqlite3(db, "SELECT name FROM kysely_migration WHERE name LIKE '0007%'")).toHaveLength(1);
  });
});
