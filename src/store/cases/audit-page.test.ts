import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../engines/db.js';
import { tempStore } from '../../../test/store-fixtures.js';

/** A small trail: three actors, two cases and registry entries, over three UTC days (the last at its final millisecond). */
const EVENTS = [
  { actor: 'Cora', at: '2016-12-05T08:00:00.000Z', caseId: 1, action: 'open' },
  { actor: 'cora', at: '2016-12-05T23:59:59.999Z', caseId: 1, action: 'check-eligibility' },
  { actor: 'rita', at: '2016-12-06T00:00:00.000Z', caseId: 1, action: 'decide' },
  { actor: 'admin', at: '2016-12-06T10:00:00.000Z', caseId: null, action: 'add-reviewer' },
  { actor: 'cora_2', at: '2016-12-07T12:00:00.000Z', caseId: 2, action: 'open' },
  { actor: 'c%ra', at: '2016-12-07T23:59:59.999Z', caseId: 2, action: 'check-eligibility' },
];

describe('the audit trail filtered and paged by the store', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await tempStore());
    for (const e of EVENTS) await store.audit.append({ ...e, before: null, after: null });
  });
  afterEach(() => dispose());

  const seqs = async (f: Parameters<Store['audit']['page']>[0]) => {
    const page = await store.audit.page(f);
    return { total: page.total, seqs: page.items.map((e) => e.seq) };
  };

  it('keeps a case, an actor by any part of the name (case-insensitive, LIKE metacharacters taken literally), an action, UTC days', async () => {
    expect(await seqs({ caseId: 1, limit: 10, offset: 0 })).toEqual({ total: 3, seqs: [1, 2, 3] });
    expect(await seqs({ actor: 'CORA', limit: 10, offset: 0 })).toEqual({ total: 3, seqs: [1, 2, 5] });
    expect(await seqs({ actor: '%', limit: 10, offset: 0 })).toEqual({ total: 1, seqs: [6] });
    expect(await seqs({ actor: '_', limit: 10, offset: 0 })).toEqual({ total: 1, seqs: [5] });
    expect(await seqs({ action: 'open', limit: 10, offset: 0 })).toEqual({ total: 2, seqs: [1, 5] });
    expect(await seqs({ from: '2016-12-06', to: '2016-12-06', limit: 10, offset: 0 })).toEqual({ total: 2, seqs: [3, 4] });
    expect(await seqs({ to: '2016-12-05', limit: 10, offset: 0 })).toEqual({ total: 2, seqs: [1, 2] });
    expect(await seqs({ from: '2016-12-07', limit: 10, offset: 0 })).toEqual({ total: 2, seqs: [5, 6] });
    expect(await seqs({ caseId: 2, action: 'check-eligibility', from: '2016-12-07', to: '2016-12-07', limit: 10, offset: 0 })).toEqual({ total: 1, seqs: [6] });
    expect(await seqs({ caseId: 2 ** 40, limit: 10, offset: 0 })).toEqual({ total: 0, seqs: [] });
  });

  it('pages oldest or newest first, counting all that the filters keep', async () => {
    expect(await seqs({ order: 'desc', limit: 2, offset: 0 })).toEqual({ total: 6, seqs: [6, 5] });
    expect(await seqs({ order: 'desc', limit: 2, offset: 2 })).toEqual({ total: 6, seqs: [4, 3] });
    expect(await seqs({ actor: 'cora', order: 'desc', limit: 2, offset: 2 })).toEqual({ total: 3, seqs: [1] });
  });
});
