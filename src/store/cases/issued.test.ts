import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateError, type IssuedDetermination } from '../../domain/index.js';
import type { Store } from '../engines/db.js';
import { aCase, makeDetermination, tempStore } from '../../../test/store-fixtures.js';

describe('issued determinations', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await tempStore());
  });
  afterEach(() => dispose());

  function version(caseId: number, n: number, reason: string | null): IssuedDetermination {
    const determination = makeDetermination({ n, caseNumber: 'CM17-0000001' });
    return { caseId, version: n, determination, published: { ...determination, reviewer: { ...determination.reviewer } }, issuedAt: `2017-02-0${n}T10:00:00.000Z`, issuedBy: 'clerk', reason, withdrawn: null };
  }

  it('keeps every version: the latest by default, any by number, all in order', async () => {
    const c = await store.cases.insert(aCase('CM17-0000001'));
    const v1 = version(c.id, 1, null);
    const v2 = version(c.id, 2, 'item 1 decision corrected');
    await store.issued.insert(v1);
    await store.issued.insert(v2);
    expect(await store.issued.get(c.id)).toEqual(v2);
    expect(await store.issued.get(c.id, 1)).toEqual(v1);
    expect(await store.issued.get(c.id, 3)).toBeNull();
    expect(await store.issued.list(c.id)).toEqual([v1, v2]);
  });

  it('withdraws a version from publication once: the public gets the latest version still published, and nothing when none is', async () => {
    const c = await store.cases.insert(aCase('CM17-0000001'));
    const v1 = version(c.id, 1, null);
    const v2 = version(c.id, 2, 'item 1 decision corrected');
    await store.issued.insert(v1);
    await store.issued.insert(v2);
    expect((await store.issued.getPublished(c.id))?.version).toBe(2);
    const w = { at: '2017-02-05T10:00:00.000Z', by: 'cora', reason: 'a name was left in' };
    expect(await store.issued.withdraw(c.id, 2, w)).toBe(true);
    // The first withdrawal stands.
    expect(await store.issued.withdraw(c.id, 2, { ...w, by: 'someone else' })).toBe(false);
    expect(await store.issued.get(c.id, 2)).toEqual({ ...v2, withdrawn: w });
    expect((await store.issued.getPublished(c.id))?.version).toBe(1);
    expect(await store.issued.getPublished(c.id, 2)).toBeNull();
    expect((await store.issued.latestPage({ limit: 10, offset: 0 })).items.map((i) => i.version)).toEqual([1]);
    await store.issued.withdraw(c.id, 1, w);
    expect(await store.issued.getPublished(c.id)).toBeNull();
    expect(await store.issued.latestPage({ limit: 10, offset: 0 })).toEqual({ total: 0, items: [] });
    // The determinations themselves are kept as issued.
    expect((await store.issued.list(c.id)).map((v) => v.determination)).toEqual([v1.determination, v2.determination]);
    await expect(store.issued.withdraw(c.id, 9, w)).rejects.toThrow(/version 9 .* not found/);
  });

  it('never replaces an issued version', async () => {
    const c = await store.cases.insert(aCase('CM17-0000001'));
    await store.issued.insert(version(c.id, 1, null));
    await expect(store.issued.insert({ ...version(c.id, 1, null), issuedBy: 'someone else' })).rejects.toThrow(DuplicateError);
    expect((await store.issued.get(c.id, 1))?.issuedBy).toBe('clerk');
  });

  it('belongs to a stored case', async () => {
    await expect(store.issued.insert(version(4242, 1, null))).rejects.toThrow(/foreign key/i);
  });
});
