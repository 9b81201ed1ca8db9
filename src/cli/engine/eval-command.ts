import type { Command } from 'commander';
import { ImrError } from '../../domain/index.js';
import { evaluateDeterminations, type EvalReport, type Scores } from '../../engine/eval/run.js';
import { collectLetterFiles, parseLetterFile } from '../../letters/index.js';
import { UsageError } from '../errors.js';
import { toTable } from '../output.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);
const f2 = (x: number) => x.toFixed(2);

/** A figure with its 95% interval when there is one: "0.652 [0.48, 0.80]". */
function withCi(s: Scores, value: number, key: keyof NonNullable<Scores['ci']>): string {
  const ci = s.ci?.[key];
  return ci ? `${f3(value)} [${f2(ci[0])}, ${f2(ci[1])}]` : f3(value);
}

function row(name: string, s: Scores): Record<string, unknown> {
  return {
    model: name,
    n: s.n,
    accuracy: f3(s.accuracy),
    macroF1: withCi(s, s.macroF1, 'macroF1'),
    kappa: withCi(s, s.kappa, 'kappa'),
    'overturned P': f3(s.overturned.precision),
    'overturned R': withCi(s, s.overturned.recall, 'overturnedRecall'),
    'ROC-AUC': withCi(s, s.auc, 'auc'),
    'PR-AUC': f3(s.prAuc),
    Brier: f3(s.brier),
  };
}

const COLUMNS = ['model', 'n', 'accuracy', 'macroF1', 'kappa', 'overturned P', 'overturned R', 'ROC-AUC', 'PR-AUC', 'Brier'];

function table(engine: Scores, b: EvalReport['baselines']): string {
  return toTable([row('engine (rules + model, CV)', engine), row('rules alone', b.rules), row('always upheld', b.alwaysUpheld), row('bag of words (CV)', b.bagOfWords)], COLUMNS);
}

/** The report for a person. */
export function formatReport(r: EvalReport): string {
  const m = r.method;
  const parts = [
    `${r.letters} letters, ${r.n} items (${r.overturned.support} overturned), ${r.flagged} flagged by the rules`,
    `letter-grouped ${m.folds}-fold cross-validation repeated with seeds ${m.seeds.join(', ')} (a letter is never scored by a model fitted on it); figures are means over the repeats, [95% intervals] by bootstrap over letters (${m.bootstrap.resamples} resamples)`,
    `reviewer judgment needed (probability in ${m.band[0]}-${m.band[1]}): ${r.judgmentNeeded.toFixed(1)} items per repeat, counted as their likelier side\n`,
    table(r, r.baselines),
    `\nguideline agreement with the reviewer: ${pct(r.citationAgreement)} of ${r.citationItems} items with a reviewer citation`,
    `confusion (actual → predicted, mean over repeats): upheld→upheld ${r.confusion.upheld.upheld.toFixed(1)}, upheld→overturned ${r.confusion.upheld.overturned.toFixed(1)}, overturned→upheld ${r.confusion.overturned.upheld.toFixed(1)}, overturned→overturned ${r.confusion.overturned.overturned.toFixed(1)}\n`,
    'calibration (pooled over the repeats):',
    toTable(r.calibration.map((b) => ({ probability: `${b.from.toFixed(2)}-${b.to.toFixed(2)}`, items: b.n.toFixed(1), predicted: b.n ? f3(b.predicted) : '-', observed: b.n ? f3(b.observed) : '-' })), ['probability', 'items', 'predicted', 'observed']),
    `\nheld-out letters (${r.heldOut.letters}; the rules were written without reading them):`,
    table(r.heldOut.engine, r.heldOut.baselines),
    `held-out guideline agreement: ${pct(r.heldOut.citationAgreement)}; development letters (${r.development.letters}): macro-F1 ${f3(r.development.engine.macroF1)}, agreement ${pct(r.development.citationAgreement)}\n`,
    'by category (engine):',
    toTable(Object.entries(r.byCategory).map(([c, s]) => row(c, s)), COLUMNS),
  ];
  return parts.join('\n');
}

/** `imr eval DIR|FILE... [--json]`: the engine against decided letters, with baselines. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('evaluate the engine on decided letters (decisions hidden from it) cross-validated by letter, against the rules alone, always-upheld and bag-of-words baselines')
    .argument('<paths...>', 'letter files or directories (text, Markdown/HTML, PDF)')
    .option('--json', 'print the report as one JSON object')
    .option('--items', 'with --json, include every item')
    .action(async (paths: string[], opts: { json?: boolean; items?: boolean }) => {
      const files = collectLetterFiles(paths);
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
