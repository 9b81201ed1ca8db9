/**
 * Fits the default overturn model on the bundled letters and writes it to
 * src/engine/model/default-model.json (committed): the five sample letters
 * (samples/letters/*.txt) and the 65 DWC letters of 2016-17
 * (samples/dwc-2016-2017/txt), 70 letters. The PDFs in samples/letters are
 * the same 65 DWC letters and are not read twice.
 *
 *   npm run train:default
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLetterText } from '../src/letters/index.js';
import { trainModel } from '../src/engine/model/train.js';

const root = join(import.meta.dirname, '..');
const dirs = ['samples/letters', 'samples/dwc-2016-2017/txt'];
const letters = dirs.flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ source: `${dir}/${f}`, determination: parseLetterText(readFileSync(join(root, dir, f), 'utf8'), f) })),
);
const model = trainModel(letters, `bundled letters: ${dirs.map((d) => `${d}/*.txt`).join(' + ')} (scripts/train-default-model.ts)`);
const out = join(root, 'src/engine/model/default-model.json');
writeFileSync(out, JSON.stringify(model, null, 1) + '\n');
console.log(`${model.version}: ${model.training.items} items (${model.training.overturned} overturned) of ${model.training.letters} letters -> ${out}`);
