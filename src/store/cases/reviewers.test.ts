import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateError, NotFoundError, Reviewer } from '../../domain/index.js';
import type { Store } from '../engines/db.js';
import { tempStore } from '../../../test/store-fixtures.js';

const AT = '2017-01-03T17:00:00.000Z';

const ALAN = Reviewer.parse({
  id: 'R-002',
  name: 'Dr. Alan Reed',
  boardCertifications: ['Physical Medicine and Rehabilitation'],
  subspecialties: ['Pain Medicine'],
  licensureStates: ['CA', 'AZ'],
  yearsInPractice: 12,
  hoursPerWeek: 32,
  ties: [{ kind: 'employer', name: 'Sunrise Packaging Co.', nature: 'medical director until 2015' }],
});
const BEA = Reviewer.parse({ id: 'R-001', name: 'Dr. Bea Moss', boardCertifications: ['Orthopaedic Surgery'], licensureStates: ['CA'], yearsInPractice: 20, hoursPerWeek: 40 });

describe('reviewer registry', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await tempStore());
  });
  afterEach(() => dispose());

  it('stores reviewers whole and lists them by id', async () => {
    await store.reviewers.insert(ALAN, AT);
    await store.reviewers.insert(BEA, AT);
    expect(await store.reviewers.get('R-002')).toEqual(ALAN);
    expect(await store.reviewers.list()).toEqual([BEA, ALAN]);
    expect(await store.reviewers.get('R-999')).toBeNull();
    await expect(store.reviewers.require('R-999')).rejects.toThrow(NotFoundError);
  });

  it('refuses a taken id, and versions every update', async () => {
    await store.reviewers.insert(ALAN, AT);
    await expect(store.reviewers.insert({ ...BEA, id: 'R-002' }, AT)).rejects.toThrow(DuplicateError);
    await store.reviewers.update({ ...ALAN, available: false, hoursPerWeek: 8 }, '2017-02-01T00:00:00.000Z');
    await store.reviewers.update({ ...ALAN, available: true }, '2017-03-01T00:00:00.000Z');
    const row = await store.db.selectFrom('reviewers').selectAll().where('id', '=', 'R-002').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ available: 1, version: 3, created_at: AT, updated_at: '2017-03-01T00:00:00.000Z' });
    await expect(store.reviewers.update(BEA, AT)).rejects.toThrow(NotFoundError);
  });
});
