import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, DuplicateError, GENESIS_HASH, type ImrCase } from '../../domain/index.js';
import type { Store } from '../index.js';
import { aCase, tempStore } from '../../../test/store-fixtures.js';

const AT = '2017-01-03T17:00:00.000Z';

describe('case repositories', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await tempStore());
  });
  afterEach(() => dispose());

  it('stores and reads a case back whole, and versions every update', async () => {
    const c = await store.cases.insert(aCase(null));
    expect(await store.cases.find(`#${c.id}`)).toEqual(c);
    const next = await store.cases.update({ ...c, state: 'eligible' }, 1);
    expect(next.version).toBe(2);
    expect((await store.cases.get(c.id))).toEqual(next);
  });

  it('refuses an update from a stale version with ConflictError', async () => {
    const c = await store.cases.insert(aCase(null));
    await store.cases.update({ ...c, state: 'eligible' }, 1);
    await expect(store.cases.update({ ...c, state: 'ineligible' }, 1)).rejects.toThrow(new ConflictError('case #1', 1, 2));
    expect((await store.cases.get(c.id))?.state).toBe('eligible');
  });

  it('keeps case numbers unique', async () => {
    await store.cases.insert(aCase('CM17-0000001'));
    await expect(store.cases.insert(aCase('CM17-0000001'))).rejects.toThrow(DuplicateError);
    const other = await store.cases.insert(aCase(null));
    await expect(store.cases.update({ ...other, caseNumber: 'CM17-0000001' }, 1)).rejects.toThrow('case number CM17-0000001 already exists');
  });

  it('rolls back the case change and its audit entry together', async () => {
    const c = await store.cases.insert(aCase(null));
    await expect(
      store.transaction(async (tx) => {
        await tx.cases.update({ ...c, state: 'eligible' }, 1);
        await tx.audit.append({ actor: 'a', at: AT, caseId: c.id, action: 'check-eligibility', before: { state: 'received' }, after: { state: 'eligible' } });
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect((await store.cases.get(c.id)) as ImrCase).toMatchObject({ state: 'received', version: 1 });
    expect(await store.audit.list()).toEqual([]);
  });

  it('chains audit entries from the genesis hash, and the chain head is unique', async () => {
    const a = await store.audit.append({ actor: 'a', at: AT, caseId: null, action: 'x', before: null, after: { n: 1 } });
    const b = await store.audit.append({ actor: 'b', at: AT, caseId: null, action: 'y', before: { n: 1 }, after: { n: 2 } });
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(await store.audit.verify()).toBe(2);
    // A second entry after the same head (a fork) is refused by the database itself.
    const fork = { case_id: null, actor: 'c', at: AT, action: 'z', before_state: null, after_state: null, prev_hash: a.hash, hash: 'f'.repeat(64) };
    await expect(store.db.insertInto('audit_log').values(fork).execute()).rejects.toThrow(/unique|duplicate key/i);
    await store.db.deleteFrom('audit_log').where('seq', '=', a.seq).execute();
    await expect(store.audit.verify()).rejects.toThrow(`audit trail does not verify at entry ${b.seq}: it does not follow the entry before it`);
  });

  it('draws case numbers from a per-year sequence', async () => {
    const n = await store.transaction(async (tx) => [await tx.cases.nextCaseNumber(2017), await tx.cases.nextCaseNumber(2017), await tx.cases.nextCaseNumber(2018)]);
    expect(n).toEqual(['CM17-0000001', 'CM17-0000002', 'CM18-0000001']);
    // A rolled-back draw gives the number back.
    await store.transaction(async (tx) => {
      await tx.cases.nextCaseNumber(2017);
      throw new Error('x');
    }).catch(() => undefined);
    expect(await store.cases.nextCaseNumber(2017)).toBe('CM17-0000003');
  });
});
