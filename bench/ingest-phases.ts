/**
 * What an ingested letter costs, phase by phase, in CPU-ms on one thread
 * (warm): the phases a parse worker runs (parse, validate and flatten,
 * serializing the result as postMessage does) and the writer's (reading
 * the message back, each stage of a batch write into SQLite, and the
 * commit). postMessage serializes on the sending thread and deserializes on
 * the receiving one, so each half is counted on its own thread (v8's
 * serializer, which postMessage uses for plain data). CPU time, not wall
 * time: on a shared machine the wall clock measures the neighbours too.
 *
 *   npm run bench -- --only phases
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { realLetterTexts, varyLetter } from './corpus.js';
import { fmt } from './report.js';

const { openStore, prepareLetter } = (await import('../dist/store/index.js' as string)) as typeof import('../src/store/index.js');
const { parseLetterText } = (await import('../dist/letters/index.js' as string)) as typeof import('../src/letters/index.js');

const LETTERS = 6000;
const BATCH = 500;

/** CPU-ms of this process so far (one thread runs here). */
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

export async function benchIngestPhases(): Promise<void> {
  const real = realLetterTexts();
  const texts = Array.from({ length: LETTERS }, (_, i) => varyLetter(real[i % real.length]!.text, i + 5_000_000));
  // Warm-up: the first letters compile the parser.
  for (const t of texts.slice(0, 300)) parseLetterText(t, 'warm-up');

  const worker = { parse: 0, prepare: 0, clone: 0 };
  const messages: Buffer[] = [];
  for (const [i, text] of texts.entries()) {
    let t = cpuMs();
    const determination = parseLetterText(text, `variant-${i}`);
    worker.parse += cpuMs() - t;
    t = cpuMs();
    const p = prepareLetter({ determination, original: { text, format: 'txt' } });
    worker.prepare += cpuMs() - t;
    if (!p.ok) continue;
    t = cpuMs();
    messages.push(serialize(p.letter));
    worker.clone += cpuMs() - t;
  }
  // The writer thread's half of postMessage.
  let t = cpuMs();
  const prepared = messages.map((m) => deserialize(m) as import('../src/store/index.js').PreparedLetter);
  const received = cpuMs() - t;

  const dir = mkdtempSync(join(tmpdir(), 'imr-bench-phases-'));
  const stages: Record<string, number> = {};
  let mark = 0;
  const afterStage = (stage: string) => {
    const now = cpuMs();
    stages[stage] = (stages[stage] ?? 0) + now - mark;
    mark = now;
  };
  // As `imr ingest` opens it (synchronous=NORMAL), each stage timed by the repository's test hook.
  const store = await openStore({ path: join(dir, 'phases.db'), synchronous: 'NORMAL', repository: { afterStage } });
  let write = 0;
  try {
    for (let i = 0; i < prepared.length; i += BATCH) {
      const t = cpuMs();
      mark = t;
      await store.determinations.insertPrepared(prepared.slice(i, i + BATCH));
      const end = cpuMs();
      stages.commit = (stages.commit ?? 0) + end - mark;
      write += end - t;
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const n = prepared.length;
  const per = (ms: number) => `${(ms / n).toFixed(3)}`;
  const workerTotal = worker.parse + worker.prepare + worker.clone;
  console.log(`${'ingest phases: parse worker'.padEnd(34)} ${per(workerTotal)} CPU-ms/letter`);
  console.log(`  parse ${per(worker.parse)}, validate and flatten ${per(worker.prepare)}, serialize (postMessage) ${per(worker.clone)} CPU-ms/letter (${n} letters, one thread, warm)`);
  console.log(`${'ingest phases: SQLite write'.padEnd(34)} ${per(received + write)} CPU-ms/letter`);
  console.log(`  deserialize (postMessage) ${per(received)}, letters ${per(stages.letters ?? 0)}, texts and items ${per(stages.items ?? 0)}, item details and facet counts ${per(stages.details ?? 0)}, text index ${per(stages.index ?? 0)}, commit ${per(stages.commit ?? 0)} CPU-ms/letter (batches of ${BATCH})`);
  const all = workerTotal + received + write;
  console.log(`  a letter in all: ${per(all)} CPU-ms, i.e. ${fmt((2 * n * 1000) / all)} letters/s on 2 idle cores at best, ${fmt((n * 1000) / (received + write))}/s at most with one writer thread`);
}
