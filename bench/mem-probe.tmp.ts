import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { realLetterTexts, varyLetter } from './corpus.js';
const { openStore } = (await import('../dist/store/index.js' as string)) as typeof import('../src/store/index.js');
const { ingestTexts } = (await import('../dist/workflow/corpus/ingest.js' as string)) as typeof import('../src/workflow/corpus/ingest.js');
const N = Number(process.env.N ?? 100000);
const dir = mkdtempSync('/work/mem/run-');
function* variants(size: number) {
  const real = realLetterTexts();
  for (let i = 0; i < size; i++) yield { name: `v-${i}.txt`, text: varyLetter(real[i % real.length]!.text, i) };
}
const store = await openStore({ path: join(dir, 'c.db'), synchronous: 'NORMAL' });
let peak = 0;
const mb = (n: number) => (n / 1048576).toFixed(0);
const t0 = Date.now();
let last = { done: 0 };
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  const s = ((Date.now() - t0) / 1000).toFixed(0);
  console.log(`${s}s done=${last.done} rss=${mb(m.rss)} heapTotal=${mb(m.heapTotal)} heapUsed=${mb(m.heapUsed)} external=${mb(m.external)} ab=${mb(m.arrayBuffers)}`);
}, 5000);
const { tightenHeapGrowthForIngest } = (await import('../dist/workflow/corpus/ingest-heap.js' as string));
if (process.env.TIGHT) tightenHeapGrowthForIngest();
const r = await ingestTexts(store, variants(N), N, { batchSize: Number(process.env.BATCH ?? 500), onProgress: (p) => (last = p) });
clearInterval(timer);
console.log(`done ${r.ingested} in ${r.seconds.toFixed(0)} s; peak rss ${mb(peak)} MB; maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
await store.close();
rmSync(dir, { recursive: true, force: true });
