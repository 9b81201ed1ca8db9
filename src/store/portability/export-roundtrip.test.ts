/**
 * Export and import on this run's engine (SQLite or PostgreSQL: the store
 * suite runs on both), and across engines: a database of everything is
 * exported, restored into an empty database, and must read back the same,
 * let its users sign in, and carry on (new ids follow the restored ones).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populate, POPULATED_PASSWORD } from '../../../test/populated-db.js';
import { TEST_PASSWORD_COST } from '../../../test/api-fixtures.js';
import { caseFromLetter } from '../../../test/case-fixtures.js';
import { CaseService } from '../../workflow/cases/index.js';
import { UserService } from '../../workflow/accounts/index.js';
import { parseLetterFile } from '../../letters/index.js';
import { DWC_PDF } from '../../../test/sample-letters.js';
import { openStore } from '../engines/db.js';
import { exportDatabase } from './export.js';
import { importDatabase } from './import.js';
import { tempDatabase, TEST_ENGINE, type TestDatabase } from '../../../test/test-databases.js';
import { storeContents } from '../../../test/store-contents.js';

describe(`export and import on ${TEST_ENGINE}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'imr-roundtrip-'));
  const dbs: TestDatabase[] = [];
  let source: TestDatabase;
  let file: string;

  const fresh = async (engine = TEST_ENGINE) => {
    const db = await tempDatabase(engine);
    dbs.push(db);
    return db;
  };

  beforeAll(async () => {
    source = await fresh();
    await populate(dir, source.target);
    file = join(dir, 'export.jsonl.gz');
    const store = await openStore({ path: source.target });
    try {
      const s = await exportDatabase(store, file);
      expect(s.counts).toMatchObject({ letter: 9, case: 6, reviewer: 3, user: 2, issued: 2 });
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    for (const db of dbs) await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores everything as it was into an empty database, ids and hashes included', async () => {
    const target = await fresh();
    const [a, b] = [await openStore({ path: source.target }), await openStore({ path: target.target })];
    try {
      const summary = await importDatabase(b, file);
      expect(summary.imported).toEqual(summary.counts);
      expect(await storeContents(b)).toEqual(await storeContents(a));
      expect(await b.audit.verify()).toBe((await a.audit.list()).length);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('the restored database carries on: users sign in with their passwords, new letters, cases, users and audit entries get ids after the restored ones', async () => {
    const target = await fresh();
    const store = await openStore({ path: target.target });
    try {
      await importDatabase(store, file);
      const before = await storeContents(store);
      const users = new UserService(store, { passwordCost: TEST_PASSWORD_COST });
      expect((await users.login('rita', POPULATED_PASSWORD)).user.role).toBe('reviewer');
      await expect(users.login('rita', 'not the password at all')).rejects.toThrow();
      const added = await users.add({ username: 'newcomer', role: 'analyst', password: POPULATED_PASSWORD }, 'after-restore');
      expect(added.id).toBeGreaterThan(Math.max(...before.users.map((u) => u.id)));

      const { determination, file: letterFile } = await parseLetterFile(join(DWC_PDF, 'CM16-0224814.pdf'));
      const stored = await store.determinations.insertDetermination(determination, { text: letterFile.text, format: letterFile.format });
      expect(stored.status).toBe('ingested');
      expect(stored.id).toBeGreaterThan(Math.max(...before.letters.map((l) => l.id)));

      const cases = new CaseService(store);
      const opened = await cases.open(caseFromLetter(determination), 'after-restore');
      expect(opened.id).toBeGreaterThan(Math.max(...before.cases.map((c) => c.id)));
      const audit = await store.audit.list();
      expect(audit.length).toBeGreaterThan(before.audit.length);
      expect(await store.audit.verify()).toBe(audit.length);
    } finally {
      await store.close();
    }
  });

  it('a full import into a database that has users is refused, and nothing is written', async () => {
    const target = await fresh();
    const store = await openStore({ path: target.target });
    try {
      await new UserService(store, { passwordCost: TEST_PASSWORD_COST }).bootstrapAdmin('tangerine orbit ladder seven');
      await expect(importDatabase(store, file, {}, 'the target')).rejects.toThrow(/the target is not empty \(1 users/);
      expect((await store.users.list()).map((u) => u.username)).toEqual(['admin']);
      expect(await store.determinations.count()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it(`moves a database between engines: ${TEST_ENGINE} to SQLite and back reads the same`, async () => {
    const sqlite = await fresh('sqlite');
    const back = await fresh();
    const again = join(dir, 'again.jsonl.gz');
    const [a, s, b] = [await openStore({ path: source.target }), await openStore({ path: sqlite.target }), await openStore({ path: back.target })];
    try {
      await importDatabase(s, file);
      await exportDatabase(s, again);
      await importDatabase(b, again);
      expect(await storeContents(b)).toEqual(await storeContents(a));
    } finally {
      await a.close();
      await s.close();
      await b.close();
    }
  });
});
