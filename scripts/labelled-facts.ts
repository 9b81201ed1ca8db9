/**
 * Builds test/fixtures/facts/labelled-facts.json from the hand-written labels
 * in test/fixtures/facts/labels.txt and labels-heldout.txt (the held-out
 * sentences are marked `heldOut`): each label names a letter and the index
 * of a sentence of its clinical summary; the JSON holds the sentence's
 * offsets into that summary and its words, so that a changed sentence
 * splitter cannot silently move a label onto another sentence.
 *
 *   npx tsx scripts/labelled-facts.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitSentences } from '../src/clinical/sentences.js';
import { parseLetterText } from '../src/letters/index.js';

const ROOT = join(import.meta.dirname, '..');
const DIR = join(ROOT, 'test', 'fixtures', 'facts');
const POLARITY: Record<string, string> = { a: 'affirmed', n: 'negated', u: 'uncertain', h: 'hypothetical' };

const out: unknown[] = [];
const summaries = new Map<string, string>();
for (const [file, heldOut] of [['labels.txt', false], ['labels-heldout.txt', true]] as const)
for (const [n, raw] of readFileSync(join(DIR, file), 'utf8').split('\n').entries()) {
  const line = raw.trim();
  if (!line || line.startsWith('#')) continue;
  const m = /^(\S+)\s+(\d+):\s*(.*)$/.exec(line);
  if (!m) throw new Error(`${file}:${n + 1}: not "LETTER INDEX: facts"`);
  // A DWC case number, or a path under samples/ ("letters/000_....").
  const letter = m[1]!.includes('/') ? `samples/${m[1]}.txt` : `samples/dwc-2016-2017/txt/${m[1]}.txt`;
  let summary = summaries.get(letter);
  if (summary === undefined) {
    summary = parseLetterText(readFileSync(join(ROOT, letter), 'utf8'), letter).clinicalSummary;
    summaries.set(letter, summary);
  }
  const s = splitSentences(summary)[Number(m[2])];
  if (!s) throw new Error(`${file}:${n + 1}: ${m[1]} has no sentence ${m[2]}`);
  const facts = m[3]!
    .split(';')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => {
      const [type, pol, region, side, kind] = f.split(/\s+/);
      if (!type || !POLARITY[pol!] || !region || !side || !kind) throw new Error(`${file}:${n + 1}: bad fact "${f}"`);
      return { type, polarity: POLARITY[pol!], region: region === '-' ? null : region, side: side === '-' ? null : side, kind };
    });
  out.push({ letter, start: s.start, end: s.end, sentence: s.text, facts, ...(heldOut ? { heldOut: true } : {}) });
}
writeFileSync(join(DIR, 'labelled-facts.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} sentences, ${out.reduce((n, s: any) => n + s.facts.length, 0)} facts`);
