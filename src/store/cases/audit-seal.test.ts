/**
 * The audit trail's seal at the store, on the engine of the test project
 * (SQLite, and PostgreSQL with $IMR_AUDIT_KEY and $IMR_AUDIT_CHECKPOINT):
 * entries are sealed as they are appended, the checkpoint follows every
 * commit, and what a database editor does without the key is found.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuditIntegrityError, auditHash, type AuditEvent } from '../../domain/index.js';
import { openStore, type Store } from '../index.js';
import { tempDatabase, TEST_ENGINE, type TestDatabase } from '../../../test/test-databases.js';

const event = (n: number): AuditEvent => ({ actor: 'cora', at: `2016-12-0${1 + (n % 8)}T10:00:00Z`, caseId: null, action: 'add-reviewer', before: null, after: { id: `R-${n}` } });

describe(`the audit seal (${TEST_ENGINE})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'imr-seal-'));
  const saved = { key: process.env.IMR_AUDIT_KEY, checkpoint: process.env.IMR_AUDIT_CHECKPOINT };
  let db: TestDatabase;
  let store: Store;
  let n = 0;
  beforeAll(() => {
    if (TEST_ENGINE === 'postgres') {
      process.env.IMR_AUDIT_KEY = 'k'.repeat(16) + 'a test key only, not a secret';
      process.env.IMR_AUDIT_CHECKPOINT = join(dir, 'pg.audit-checkpoint');
    }
  });
  afterAll(() => {
    for (const [k, v] of [['IMR_AUDIT_KEY', saved.key], ['IMR_AUDIT_CHECKPOINT', saved.checkpoint]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await store?.close();
    await db?.dispose();
  });

  async function fresh(entries: number): Promise<Store> {
    db = await tempDatabase();
    store = await openStore({ path: TEST_ENGINE === 'sqlite' ? join(dir, `s${n++}.db`) : db.target });
    for (let i = 0; i < entries; i++) {
      if (i % 2) await store.audit.append(event(i));
      else await store.transaction((tx) => tx.audit.append(event(i)));
    }
    return store;
  }

  const failure = async () => {
    try {
      await store.audit.verify();
      return null;
    } catch (err) {
      expect(err).toBeInstanceOf(AuditIntegrityError);
      return (err as Error).message;
    }
  };

  it('seals each entry as it is appended and moves the signed checkpoint after every commit', async () => {
    await fresh(5);
    expect(store.seal).not.toBeNull();
    const v = await store.audit.verification();
    expect(v).toEqual({ entries: 5, sealed: true, checkpoint: 5 });
    const cp = JSON.parse(readFileSync(store.seal!.checkpointPath!, 'utf8'));
    expect(cp).toMatchObject({ seq: 5, hash: (await store.audit.list()).at(-1)!.hash });
    // A transaction that fails writes no entry and leaves the checkpoint where it was.
    await expect(store.transaction(async (tx) => {
      await tx.audit.append(event(9));
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect((await store.audit.verification()).checkpoint).toBe(5);
    expect(existsSync(store.seal!.checkpointPath!)).toBe(true);
  });

  it('finds the last entries removed, entries renumbered, every hash recomputed, and an entry appended without the key', async () => {
    await fresh(6);
    await sql`DELETE FROM audit_log WHERE seq > 4`.execute(store.db);
    expect(await failure()).toBe('audit trail does not verify at entry 6: the trail ends at entry 4 but its signed checkpoint says it reached entry 6 (entries were removed from its end)');
    await store.close();
    await db.dispose();

    await fresh(6);
    await sql`UPDATE audit_log SET seq = seq + 100 WHERE seq >= 5`.execute(store.db);
    expect(await failure()).toMatch(/^audit trail does not verify at entry 105: its seal does not match/);
    await store.close();
    await db.dispose();

    await fresh(6);
    const rows = await store.audit.list();
    let prev = rows[1]!.hash;
    for (const r of rows.slice(2)) {
      const changed = { ...r, actor: 'mallory' };
      const hash = auditHash(prev, changed);
      await sql`UPDATE audit_log SET actor = 'mallory', prev_hash = ${prev}, hash = ${hash} WHERE seq = ${r.seq}`.execute(store.db);
      prev = hash;
    }
    expect(await failure()).toMatch(/^audit trail does not verify at entry 3: its seal does not match/);
    await store.close();
    await db.dispose();

    await fresh(3);
    const head = (await store.audit.list()).at(-1)!;
    const forged = event(50);
    await sql`INSERT INTO audit_log (seq, case_id, actor, at, action, before_state, after_state, prev_hash, hash) VALUES (${head.seq + 1}, NULL, ${forged.actor}, ${forged.at}, ${forged.action}, NULL, ${JSON.stringify(forged.after)}, ${head.hash}, ${auditHash(head.hash, forged)})`.execute(store.db);
    expect(await failure()).toMatch(/^audit trail does not verify at entry 4: it has no seal/);
  });
});
