import type { Command } from 'commander';
import { ImrError } from '../domain/index.js';
import { evaluateDeterminations, type EvalReport, type Scores } from '../engine/eval/run.js';
import { collectLetterFiles, parseLetterFile } from '../letters/index.js';
import { UsageError } from './errors.js';
import { toTable } from './output.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

function row(name: string, s: Scores): Record<string, unknown> {
  return { model: name, n: s.n, accuracy: f3(s.accuracy), macroF1: f3(s.macroF1), kappa: f3(s.kappa), 'overturned P': f3(s.overturned.precision), 'overturned R': f3(s.overturned.recall) };
}

const COLUMNS = ['model', 'n', 'accuracy', 'macroF1', 'kappa', 'overturned P', 'overturned R'];

/** The report for a person. */
export function formatReport(r: EvalReport): string {
  const parts = [
    `${r.letters} letters, ${r.n} items (${r.overturned.support} overturned), ${r.flagged} flagged (counted as upheld)\n`,
    toTable([row('engine', r), row('always upheld', r.baselines.alwaysUpheld), row('bag of words (CV)', r.baselines.bagOfWords)], COLUMNS),
    `guideline agreement with the reviewer: ${pct(r.citationAgreement)} of ${r.citationItems} items with a reviewer citation`,
    `confusion (actual → predicted): upheld→upheld ${r.confusion.upheld.upheld}, upheld→overturned ${r.confusion.upheld.overturned}, overturned→upheld ${r.confusion.overturned.upheld}, overturned→overturned ${r.confusion.overturned.overturned}\n`,
    `held-out letters (${r.heldOut.letters}):`,
    toTable([row('engine', r.heldOut.engine), row('always upheld', r.heldOut.baselines.alwaysUpheld), row('bag of words (CV)', r.heldOut.baselines.bagOfWords)], COLUMNS),
    `held-out guideline agreement: ${pct(r.heldOut.citationAgreement)}; development letters (${r.development.letters}): macro-F1 ${f3(r.development.engine.macroF1)}, agreement ${pct(r.development.citationAgreement)}\n`,
    'by category:',
    toTable(Object.entries(r.byCategory).map(([c, s]) => row(c, s)), COLUMNS),
  ];
  return parts.join('\n');
}

/** `imr eval DIR|FILE... [--json]`: the engine against decided letters, with baselines. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('evaluate the engine on decided letters (decisions hidden from it) against always-upheld and bag-of-words baselines')
    .argument('<paths...>', 'letter files or directories (text, Markdown/HTML, PDF)')
    .option('--json', 'print the report as one JSON object')
    .option('--items', 'with --json, include every item')
    .action(async (paths: string[], opts: { json?: boolean; items?: boolean }) => {
      const files = await collectLetterFiles(paths);
      const letters = [];
      const seen = new Set<string>();
      let failed = 0;
      let duplicates = 0;
      for (const path of files) {
        try {
          const determination = (await parseLetterFile(path)).determination;
          // The same letter as text and as PDF counts once.
          const key = determination.caseNumber ?? determination.contentHash;
          if (seen.has(key)) {
            duplicates++;
            continue;
          }
          seen.add(key);
          letters.push({ source: path, determination });
        } catch (err) {
          if (!(err instanceof ImrError)) throw err;
          failed++;
          process.stderr.write(`error: ${err.message}\n`);
        }
      }
      if (!letters.length) throw new UsageError('no letters could be read from the given paths');
      const report = evaluateDeterminations(letters);
      if (opts.json) {
        const { items, ...rest } = report;
        process.stdout.write(JSON.stringify(opts.items ? report : rest) + '\n');
      } else process.stdout.write(formatReport(report) + '\n');
      if (duplicates) process.stderr.write(`${duplicates} duplicate letter(s) (same case number) counted once\n`);
      if (failed) process.stderr.write(`${failed} file(s) could not be parsed and were skipped\n`);
    });
}
