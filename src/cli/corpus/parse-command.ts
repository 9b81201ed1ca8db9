import type { Command } from 'commander';
import { ImrError, type Determination } from '../../domain/index.js';
import { parseLetterFile } from '../../letters/index.js';
import { letterFiles } from '../inputs.js';
import { printable } from '../output.js';

function describe(d: Determination): string {
  const head = [d.caseNumber ?? '(no case number)', d.dates.decision ?? '', d.layout].filter(Boolean).join('  ');
  const items = d.items.map((i) => `  ${i.index}. ${i.request}: ${i.decision === 'upheld' ? 'Upheld' : 'Overturned'}`);
  return `${printable(d.source)}\n  ${head}\n${items.join('\n')}\n`;
}

/** `imr parse FILE|DIR... [--json]`: parse letters and print them (JSON Lines with --json). */
export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('parse determination letters (text, Markdown/HTML, PDF) into structured records')
    .argument('<paths...>', 'letter files or directories')
    .option('--json', 'print one JSON object per letter (JSON Lines)')
    .action(async (paths: string[], opts: { json?: boolean }) => {
      const files = await letterFiles(paths);
      let failed = 0;
      for (const path of files) {
        try {
          const { determination } = await parseLetterFile(path);
          process.stdout.write(opts.json ? JSON.stringify(determination) + '\n' : describe(determination));
        } catch (err) {
          if (!(err instanceof ImrError)) throw err;
          failed++;
          process.stderr.write(`error: ${printable(err.message)}\n`);
        }
      }
      if (!opts.json || failed) process.stderr.write(`${files.length - failed} parsed, ${failed} failed\n`);
      if (failed) process.exitCode = 1;
    });
}
