import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DWC_TXT } from '../../../test/sample-letters.js';
import { parseLetterFile } from '../../letters/index.js';
import { openStore, type Store } from '../../store/index.js';
import { CaseService } from '../../workflow/cases/index.js';
import { fixedClock } from '../../workflow/deadlines/index.js';
import { UserService } from '../../workflow/accounts/index.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo-seed.js';

describe('the demo data', () => {
  let store: Store;
  const now = new Date('2017-03-15T18:00:00Z');
  beforeAll(async () => {
    store = await openStore({ path: ':memory:' });
    for (const f of readdirSync(DWC_TXT).filter((f) => f.endsWith('.txt'))) {
      const { file, determination } = await parseLetterFile(join(DWC_TXT, f));
      await store.determinations.insertDetermination(determination, { text: file.text, format: file.format });
    }
  });
  afterAll(() => store.close());

  it('adds a user per role who can sign in with the demo password, and cases at every stage, some overdue or at risk today', async () => {
    const report = await seedDemo(store, { now });
    expect(report.usersAdded.sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
    expect(report.casesAdded).toBe(9);
    const users = new UserService(store, { clock: fixedClock(now.toISOString()) });
    for (const u of DEMO_USERS) expect((await users.login(u.username, DEMO_PASSWORD)).user.role).toBe(u.role);

    const cases = new CaseService(store, { clock: fixedClock(now.toISOString()) });
    const views = await cases.list();
    expect(new Set(views.map((v) => v.case.state))).toEqual(new Set(['received', 'records-requested', 'records-received', 'in-review', 'decided', 'issued']));
    const queue = views.filter((v) => v.case.reviewerId === 'R-101' && v.case.state === 'in-review');
    expect(queue.map((v) => v.urgency).sort()).toEqual(['at-risk', 'overdue', null].sort());
    expect(views.some((v) => v.case.reviewerId === 'R-102')).toBe(true);
    // The case waiting for a reviewer has one blocked by a conflict of interest with its employer.
    const waiting = views.find((v) => v.case.state === 'records-received')!;
    const blocked = (await cases.matches(String(waiting.case.id))).find((m) => m.reviewer.id === 'R-103')!;
    expect(blocked.blocks.join(' ')).toMatch(/Sunrise Packaging/);
    expect(await store.issued.get(views.find((v) => v.case.state === 'issued')!.case.id)).not.toBeNull();
  });

  it('changes nothing when run again', async () => {
    const before = await store.cases.count();
    expect(await seedDemo(store, { now })).toEqual({ usersAdded: [], reviewersAdded: 0, casesAdded: 0 });
    expect(await store.cases.count()).toBe(before);
  });

  it('refuses to add its users, whose password is published, to a database with accounts of its own', async () => {
    const real = await openStore({ path: ':memory:' });
    try {
      await new UserService(real).add({ username: 'clerk', role: 'coordinator', password: 'tangerine orbit ladder seven' }, 'setup');
      await expect(seedDemo(real, { now })).rejects.toThrow(/^this database has accounts of its own \(clerk\): the demo adds its users, whose password is published, only to a demo database \(default \.\/openimr-demo\.db\)$/);
      expect((await real.users.list()).map((u) => u.username)).toEqual(['clerk']);
    } finally {
      await real.close();
    }
  });
});
