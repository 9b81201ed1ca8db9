import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realLetterPaths, realLetterTexts } from '../../../test/sample-letters.js';
import { TEST_ENGINE } from '../../../test/test-databases.js';
import { tempStore } from '../../../test/store-fixtures.js';
import { parseLetterFile } from '../../letters/index.js';
import type { Database } from '../schema.js';
import { flatText } from '../search/tsquery.js';
import { rebuildFacetCounts } from './facet-counts.js';
import { writeBatch } from './insert.js';
import { jsFlatText } from './postgres-bulk.js';
import { prepareLetter, type LetterRows } from './rows.js';

type Ctx = Awaited<ReturnType<typeof tempStore>>;

/** Every table a letter writes, each row as text, in a stable order. */
async function dump(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const tables = ['letters', 'letter_texts', 'items', 'item_texts', 'item_drugs', 'citations', 'letter_specialties', 'letter_states', 'facets', 'facet_counts', 'letter_files', 'letter_search'];
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const { rows } = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(t)} t ORDER BY 1`.execute(db);
    out[t] = rows.map((r) => r.row);
  }
  return out;
}

describe.skipIf(TEST_ENGINE !== 'postgres')('the PostgreSQL bulk insert', () => {
  let bulk: Ctx;
  let generic: Ctx;
  let batches: { rows: LetterRows[]; files: string[] }[];
  beforeAll(async () => {
    bulk = await tempStore();
    generic = await tempStore();
    const letters: { rows: LetterRows; file: string }[] = [];
    for (const path of realLetterPaths()) {
      const { file, determination } = await parseLetterFile(path);
      const p = prepareLetter({ determination, original: { text: file.text, format: file.format } }, '2026-01-02T03:04:05.000Z');
      if (!p.ok) throw new Error(`${path}: ${p.issues[0]?.message}`);
      letters.push({ rows: p.letter.rows, file: createHash('sha256').update(file.text).digest('hex') });
    }
    const half = Math.floor(letters.length / 2);
    // The second batch repeats a letter of the first and has one letter twice: duplicates of both kinds.
    const second = [...letters.slice(half), letters[0]!, letters[half]!];
    batches = [letters.slice(0, half), second].map((b) => ({ rows: b.map((l) => l.rows), files: b.map((l) => l.file) }));
  });
  afterAll(async () => {
    await bulk?.dispose();
    await generic?.dispose();
  });

  it('stores the real letters exactly as the generic path does, with the same results', async () => {
    for (const [i, { rows, files }] of batches.entries()) {
      const viaBulk = await bulk.store.db.transaction().execute((trx) => writeBatch(trx, bulk.store.dialect, rows, undefined, files));
      // The same dialect under another name takes the generic path.
      const viaGeneric = await generic.store.db.transaction().execute((trx) => writeBatch(trx, { ...generic.store.dialect, name: 'generic' }, rows, undefined, files));
      expect(viaBulk).toEqual(viaGeneric);
      expect(viaBulk.filter((r) => r.status === 'duplicate').length).toBe(i === 0 ? 0 : 2);
    }
    const stored = await dump(bulk.store.db);
    expect(stored.letters!.length).toBe(batches[0]!.rows.length + batches[1]!.rows.length - 2);
    expect(stored.letter_search!.length).toBe(stored.letters!.length);
    expect(stored).toEqual(await dump(generic.store.db));
    await bulk.store.determinations.verifyIndex();
  });

  it('counts the statistics as the full scan does', async () => {
    const counted = (await dump(bulk.store.db)).facet_counts;
    await rebuildFacetCounts(bulk.store.db);
    expect(counted!.length).toBeGreaterThan(0);
    expect((await dump(bulk.store.db)).facet_counts).toEqual(counted);
  });

  it('flattens text in JavaScript exactly as the server does, or leaves it to the server', async () => {
    const samples = [
      ...realLetterTexts().map((l) => l.text),
      'MS is as US; a MS-Contin, I/S and "os" (xs) _s s S 5s as_ 2as',
      'Ms.  Is the MRI/CT 0.25 mg, CM16-0230548?',
      'café s, és, x’s, Ås, ßs, naïve as, “as” ’s',
    ];
    let server = 0;
    for (const text of samples) {
      const { rows } = await sql<{ flat: string }>`SELECT ${flatText(sql`${text}::text`)} AS flat`.execute(bulk.store.db);
      const js = jsFlatText(text);
      if (js === null) server++;
      else expect(js).toBe(rows[0]!.flat);
    }
    // Plain ASCII text is always flattened here; the real letters almost always.
    expect(jsFlatText(samples.at(-3)!)).not.toBeNull();
    expect(jsFlatText(samples.at(-2)!)).not.toBeNull();
    expect(jsFlatText('café s és')).toBeNull();
    expect(server).toBeLessThan(samples.length / 4);
  });
});
