/**
 * Ingestion throughput and search latency of the corpus store on a
 * synthetic corpus built from real-letter material.
 * Usage: tsx bench/store-insert.ts [letters=100000] [batch=1000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { makeDetermination, originalOf } from '../test/store-fixtures.js';

const total = Number(process.argv[2] ?? 100_000);
const batch = Number(process.argv[3] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'imr-store-bench-'));
const store = await openStore({ path: join(dir, 'corpus.db') });
try {
  let insertMs = 0;
  for (let start = 0; start < total; start += batch) {
    const letters = Array.from({ length: Math.min(batch, total - start) }, (_, i) => {
      const determination = makeDetermination({ n: start + i });
      return { determination, original: originalOf(determination) };
    });
    const t0 = performance.now();
    await store.determinations.insertMany(letters);
    insertMs += performance.now() - t0;
  }
  console.log(`inserted ${total} letters in ${(insertMs / 1000).toFixed(1)} s: ${Math.round(total / (insertMs / 1000))} letters/s (batch ${batch})`);

  const queries: [string, object][] = [
    ['baclofen spasticity', {}],
    ['"facet joint" OR acupuncture', { decision: 'overturned' }],
    ['opioid -percocet', { from: '2015-01-01' }],
    ['-baclofen', {}],
    ['', { drug: 'baclofen', decision: 'upheld' }],
    ['pain', { guideline: 'odg', specialty: 'pain' }],
  ];
  for (const [q, f] of queries) {
    const t0 = performance.now();
    const runs = 5;
    let n = 0;
    for (let i = 0; i < runs; i++) n = (await store.determinations.search(q, f)).total;
    console.log(`search ${JSON.stringify(q)} ${JSON.stringify(f)}: ${n} letters, ${((performance.now() - t0) / runs).toFixed(1)} ms`);
  }
  for (const by of ['drug', 'guideline', 'specialty'] as const) {
    const t0 = performance.now();
    const rows = await store.determinations.stats(by);
    console.log(`stats by ${by}: ${rows.length} rows, ${(performance.now() - t0).toFixed(1)} ms`);
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
