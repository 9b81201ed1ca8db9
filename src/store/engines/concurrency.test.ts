import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../domain/index.js';
import type { Store } from './db.js';
import { aCase, tempStore } from '../../../test/store-fixtures.js';

/**
 * Many transactions started at once through one store. On SQLite they take
 * turns on the store's connection; on PostgreSQL they run side by side on
 * the pool's connections, which is what these rules must survive.
 */
describe('concurrent writers', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await tempStore());
  });
  afterEach(() => dispose());

  const at = '2017-01-04T09:00:00.000Z';

  it('append to the audit chain one after another: every append lands and the chain verifies', async () => {
    const inTransactions = Array.from({ length: 16 }, (_, i) =>
      store.transaction((tx) => tx.audit.append({ actor: `t${i}`, at, caseId: null, action: 'note', before: null, after: { i } })),
    );
    const alone = Array.from({ length: 8 }, (_, i) => store.audit.append({ actor: `a${i}`, at, caseId: null, action: 'note', before: null, after: { i } }));
    const entries = await Promise.all([...inTransactions, ...alone]);
    expect(await store.audit.verify()).toBe(24);
    expect(new Set(entries.map((e) => e.prevHash)).size).toBe(24);
  });

  it('write a case once when all start from the same version; the others get ConflictError and leave no audit entry', async () => {
    const c = await store.cases.insert(aCase(null));
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        store.transaction(async (tx) => {
          const saved = await tx.cases.update({ ...c, state: 'eligible', updatedAt: `${at.slice(0, -5)}${String(i).padStart(3, '0')}Z` }, 1);
          await tx.audit.append({ actor: `w${i}`, at, caseId: c.id, action: 'check-eligibility', before: { state: 'received' }, after: { state: 'eligible' } });
          return saved;
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const refused = attempts.filter((a) => a.status === 'rejected');
    expect(refused).toHaveLength(7);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect((await store.cases.get(c.id))?.version).toBe(2);
    expect(await store.audit.list(c.id)).toHaveLength(1);
  });

  it('draw distinct, consecutive case numbers', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 16 }, () =>
        store.transaction(async (tx) => {
          const n = await tx.cases.nextCaseNumber(2017);
          await tx.cases.insert(aCase(n));
          return n;
        }),
      ),
    );
    expect(numbers.sort()).toEqual(Array.from({ length: 16 }, (_, i) => `CM17-${String(i + 1).padStart(7, '0')}`));
    expect(await store.cases.list()).toHaveLength(16);
  });
});
