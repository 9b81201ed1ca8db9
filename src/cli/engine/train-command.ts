import type { Command } from 'commander';
import type { Determination } from '../../domain/index.js';
import type { TrainingRow } from '../../engine/model/overturn-model.js';
import { letterRows, trainOnRows, type DecidedLetter } from '../../engine/model/train.js';
import { openStore, redactUrl } from '../../store/index.js';
import { writeModelFile } from './model-file.js';
import { dbOption } from '../options.js';

/** Every decided letter in the store, in id order, read a page at a time; a letter stored twice (text and PDF) counts once. */
async function* storedLetters(db: string, counts: { duplicates: number }): AsyncGenerator<DecidedLetter> {
  const store = await openStore({ path: db, mustExist: true });
  try {
    const seen = new Set<string>();
    for (let after = 0; ; ) {
      const page = await store.determinations.page(after, 500);
      if (!page.length) break;
      for (const s of page) {
        after = s.id;
        const d: Determination = s.determination;
        const key = d.caseNumber ?? d.contentHash;
        if (seen.has(key)) {
          counts.duplicates++;
          continue;
        }
        seen.add(key);
        yield { source: `letter ${s.id}`, determination: d };
      }
    }
  } finally {
    await store.close();
  }
}

/** `imr train [--db PATH] [--out FILE] [--json]`: fits the overturn model on every decided letter in the store. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('fit the overturn model on every decided letter in the store and save it (use it with imr decide --model or IMR_MODEL)')
    .addOption(dbOption())
    .option('--out <file>', 'model file to write', 'openimr-model.json')
    .option('--json', 'print the model\'s version and training set as JSON')
    .action(async (opts: { db: string; out: string; json?: boolean }) => {
      const counts = { duplicates: 0 };
      // Only the rows are kept, not the letters, so a corpus of 100,000 letters fits in memory.
      const rows: TrainingRow[] = [];
      for await (const l of storedLetters(opts.db, counts)) rows.push(...letterRows(l));
      const model = trainOnRows(rows, `store ${redactUrl(opts.db)}`);
      writeModelFile(opts.out, model);
      const { letterKeys: _keys, ...training } = model.training;
      if (opts.json) process.stdout.write(JSON.stringify({ file: opts.out, version: model.version, training }) + '\n');
      else process.stdout.write(`${model.version}: ${training.items} items (${training.overturned} overturned) of ${training.letters} letters -> ${opts.out}\n`);
      if (counts.duplicates) process.stderr.write(`${counts.duplicates} letter(s) stored twice (same case number) counted once\n`);
    });
}
