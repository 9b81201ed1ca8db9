import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/index.js';
import { StoreError } from '../errors.js';
import { prepareLetter } from './rows.js';
import { makeCorpus, makeDetermination, originalOf, tempStore, template } from '../../../test/store-fixtures.js';

type Ctx = Awaited<ReturnType<typeof tempStore>>;

async function rowCounts(ctx: Ctx) {
  const db = ctx.store.db;
  const n = async (t: 'letters' | 'items' | 'item_drugs' | 'citations' | 'letter_specialties' | 'letter_states') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    letters: await n('letters'),
    items: await n('items'),
    drugs: await n('item_drugs'),
    citations: await n('citations'),
    specialties: await n('letter_specialties'),
    states: await n('letter_states'),
  };
}

describe('DeterminationRepository writes', () => {
  let ctx: Ctx;
  beforeEach(async () => {
    ctx = await tempStore();
  });
  afterEach(() => ctx.dispose());

  it('gives the stored file hashes in ascending order a page at a time, each once, and counts them', async () => {
    const { createHash } = await import('node:crypto');
    const letters = Array.from({ length: 25 }, (_, n) => {
      const determination = makeDetermination({ n });
      return { determination, original: originalOf(determination) };
    });
    const prepared = letters.map((l) => prepareLetter(l)).map((p) => (p.ok ? p.letter : expect.unreachable()));
    // Two files per letter for some (the same letter saved twice), as an ingest records them.
    const hashes = letters.map((l) => createHash('sha256').update(l.original.text).digest('hex'));
    await ctx.store.determinations.insertPrepared(prepared, { fileHashes: hashes });
    await ctx.store.determinations.insertPrepared(prepared.slice(0, 5), { fileHashes: hashes.slice(0, 5).map((h) => createHash('sha256').update(h).digest('hex')) });
    const all = await ctx.store.determinations.storedFileHashes();
    expect(all).toHaveLength(30);
    expect(await ctx.store.determinations.countFileHashes()).toBe(30);
    const pages: string[][] = [];
    for await (const page of ctx.store.determinations.fileHashPages(7)) pages.push(page);
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 7, 2]);
    expect(pages.flat()).toEqual([...all].sort());
  });

  it('stores a letter and reads it back unchanged, by id and by case number', async () => {
    const det = makeDetermination({ n: 7, caseNumber: 'CM13-0068515' });
    const original = originalOf(det);
    const res = await ctx.store.determinations.insertDetermination(det, original);
    expect(res.status).toBe('ingested');
    const byId = await ctx.store.determinations.getDetermination(res.id);
    expect(byId?.determination).toEqual(det);
    expect(byId?.original).toEqual(original);
    expect((await ctx.store.determinations.getDetermination('CM13-0068515'))?.id).toBe(res.id);
    expect(await ctx.store.determinations.getDetermination(9999)).toBeNull();
    expect(await ctx.store.determinations.getDetermination('CM00-0000000')).toBeNull();
  });

  it('flattens items, drugs, citations and reviewer facets', async () => {
    const det = makeDetermination({
      n: 1,
      reviewer: { boardCertifications: ['Anesthesiology'], subspecialties: ['Pain Management'], licensureStates: ['CA', 'AZ'] },
      items: [{ template: template('Percocet 5/325 #120') }, { template: template('Left Lumbar Facet Block L2-3. L3-4') }],
    });
    const { id } = await ctx.store.determinations.insertDetermination(det, originalOf(det));
    const items = await ctx.store.db.selectFrom('items').selectAll().where('letter_id', '=', id).orderBy('idx').execute();
    expect(items.map((i) => [i.idx, i.decision, i.medically_necessary, i.category, i.drug_class, i.treatment_name])).toEqual([
      [1, 'overturned', 1, 'medication', 'opioid', 'oxycodone + acetaminophen'],
      [2, 'upheld', 0, 'injection', null, 'facet joint diagnostic block'],
    ]);
    const drugs = await ctx.store.db.selectFrom('item_drugs').select('generic').where('item_id', '=', items[0]!.id).orderBy('generic').execute();
    expect(drugs.map((d) => d.generic)).toEqual(['acetaminophen', 'oxycodone']);
    const cites = await ctx.store.db.selectFrom('citations').selectAll().where('item_id', '=', items[1]!.id).orderBy('role').orderBy('position').execute();
    expect(cites.map((c) => [c.role, c.position, c.source, c.document, JSON.parse(c.pages)])).toEqual([
      ['claims', 0, 'MTUS', 'ACOEM Chapter 12 Low Back Complaints', [309]],
      ['claims', 1, 'MTUS', 'Chronic Pain Medical Treatment Guidelines', []],
      ['imr', 0, 'MTUS', 'ACOEM Chapter 12 Low Back Complaints', [301]],
      ['imr', 1, 'ODG', 'Low Back Chapter', []],
    ]);
    expect(await rowCounts(ctx)).toMatchObject({ specialties: 2, states: 2 });
    const letter = await ctx.store.db.selectFrom('letters').selectAll().executeTakeFirstOrThrow();
    expect(letter.year).toBe(Number(det.dates.decision!.slice(0, 4)));
  });

  it('is idempotent: the same letter twice is a duplicate, stored once', async () => {
    const det = makeDetermination({ n: 3 });
    const first = await ctx.store.determinations.insertDetermination(det, originalOf(det));
    const before = await rowCounts(ctx);
    const again = await ctx.store.determinations.insertDetermination(det, originalOf(det));
    expect(again).toEqual({ status: 'duplicate', id: first.id });
    expect(await rowCounts(ctx)).toEqual(before);
    expect(await ctx.store.determinations.count()).toBe(1);
  });

  it('batch: reports duplicates per letter (stored before or earlier in the batch) and keeps the rest', async () => {
    const [a, b, c] = makeCorpus(3);
    const stored = await ctx.store.determinations.insertDetermination(a!, originalOf(a!));
    const results = await ctx.store.determinations.insertMany([a!, b!, c!, b!].map((d) => ({ determination: d, original: originalOf(d) })));
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'ingested', 'ingested', 'duplicate']);
    expect(results[0]!.id).toBe(stored.id);
    expect(results[3]!.id).toBe(results[1]!.id);
    expect(await ctx.store.determinations.count()).toBe(3);
    const got = await ctx.store.determinations.getDetermination(results[2]!.id);
    expect(got?.determination.contentHash).toBe(c!.contentHash);
    await ctx.store.determinations.verifyIndex();
  });

  it('batch: a large batch spanning several statements keeps every letter with its own items', async () => {
    const corpus = makeCorpus(2500, 4);
    const results = await ctx.store.determinations.insertMany(corpus.map((d) => ({ determination: d, original: originalOf(d) })));
    expect(results.every((r) => r.status === 'ingested')).toBe(true);
    const counts = await rowCounts(ctx);
    expect(counts.letters).toBe(2500);
    expect(counts.items).toBe(corpus.reduce((n, d) => n + d.items.length, 0));
    for (const i of [0, 1234, 2499]) {
      expect((await ctx.store.determinations.getDetermination(results[i]!.id))?.determination).toEqual(corpus[i]);
      const items = await ctx.store.db.selectFrom('items').select('request').where('letter_id', '=', results[i]!.id).orderBy('idx').execute();
      expect(items.map((x) => x.request)).toEqual(corpus[i]!.items.map((x) => x.request));
    }
    await ctx.store.determinations.verifyIndex();
  });

  it('rejects an invalid Determination before writing anything', async () => {
    const good = makeDetermination({ n: 1 });
    const bad = { ...makeDetermination({ n: 2 }), items: [] };
    const err = await ctx.store.determinations
      .insertMany([good, bad].map((d) => ({ determination: d, original: originalOf(d) })))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0]!.path[0]).toBe(1);
    expect(await ctx.store.determinations.count()).toBe(0);
  });
});

describe('atomicity', () => {
  it.each(['letters', 'items', 'details', 'index'] as const)('a failure after the %s stage leaves nothing written', async (stage) => {
    const ctx = await tempStore({
      repository: {
        afterStage: (s) => {
          if (s === stage) throw new Error(`injected failure after ${s}`);
        },
      },
    });
    try {
      const det = makeDetermination({ n: 11 });
      const err = await ctx.store.determinations.insertDetermination(det, originalOf(det)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).kind).toBe('write');
      expect((err as StoreError).message).toContain(`injected failure after ${stage}`);
      const batch = makeCorpus(20, 2).map((d) => ({ determination: d, original: originalOf(d) }));
      await expect(ctx.store.determinations.insertMany(batch)).rejects.toBeInstanceOf(StoreError);
      expect(await rowCounts(ctx)).toEqual({ letters: 0, items: 0, drugs: 0, citations: 0, specialties: 0, states: 0 });
      expect((await ctx.store.determinations.search('baclofen OR mri OR pain')).total).toBe(0);
      await ctx.store.determinations.verifyIndex();
    } finally {
      await ctx.dispose();
    }
  });

  it('a letter written in a store transaction commits with what else it writes, or not at all', async () => {
    const ctx = await tempStore();
    try {
      const det = makeDetermination({ n: 3 });
      const prepared = prepareLetter({ determination: det, original: originalOf(det) });
      if (!prepared.ok) throw new Error('fixture letter is invalid');
      const event = { actor: 'test', at: '2017-01-01T00:00:00.000Z', caseId: null, action: 'ingest-letter', before: null, after: { contentHash: det.contentHash } };
      const err = await ctx.store
        .transaction(async (tx) => {
          await tx.determinations.insertPrepared([prepared.letter]);
          await tx.audit.append(event);
          throw new Error('injected failure after both writes');
        })
        .catch((e: unknown) => e);
      expect((err as Error).message).toBe('injected failure after both writes');
      expect(await ctx.store.determinations.count()).toBe(0);
      expect(await ctx.store.audit.list()).toEqual([]);
      const [res] = await ctx.store.transaction(async (tx) => {
        const r = await tx.determinations.insertPrepared([prepared.letter]);
        await tx.audit.append(event);
        return r;
      });
      expect(res!.status).toBe('ingested');
      expect((await ctx.store.determinations.getDetermination(res!.id))?.determination).toEqual(det);
      expect((await ctx.store.audit.list()).map((e) => e.action)).toEqual(['ingest-letter']);
      await ctx.store.determinations.verifyIndex();
    } finally {
      await ctx.dispose();
    }
  });

  it('a real database error part-way (after letters and items are written) rolls the letter back', async () => {
    const ctx = await tempStore();
    try {
      // Valid input cannot violate a constraint, so take away the table the
      // details stage writes to: letters and items insert, then it fails.
      await ctx.store.db.schema.dropTable('letter_states').execute();
      const det = makeDetermination({ n: 5 });
      await expect(ctx.store.determinations.insertDetermination(det, originalOf(det))).rejects.toBeInstanceOf(StoreError);
      expect(await ctx.store.determinations.count()).toBe(0);
      expect(Number((await ctx.store.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    } finally {
      await ctx.dispose();
    }
  });
});
