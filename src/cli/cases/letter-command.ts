import { Option, type Command } from 'commander';
import { NotFoundError } from '../../domain/index.js';
import { LETTER_FORMATS, renderLetter, type RenderFormat } from '../../letters/render/index.js';
import { withService } from './case-io.js';
import { UsageError } from '../errors.js';
import { dbOption, positiveInt } from '../options.js';
import { checkOutFile, writePrivateFile } from '../out-file.js';

/** `imr letter render CASE --format md|html|pdf|txt`: an issued determination as a letter. */
export function registerLetter(program: Command): void {
  const cmd = program.command('letter').description('final determination letters of issued cases');
  cmd
    .command('render')
    .description('render the published (redacted) letter of an issued case')
    .argument('<case>', 'case number or #id')
    .addOption(new Option('--format <format>', 'output format').choices([...LETTER_FORMATS]).default('pdf'))
    .option('--out <file>', 'write to a file, created 0600 (PDF is never written to a terminal)')
    .option('--force', 'replace --out if it exists')
    .option('--version <n>', 'determination version (default: the latest)')
    .option('--unredacted', 'render the internal, unredacted determination')
    .addOption(dbOption())
    .action(async (ref: string, o: { format: RenderFormat; out?: string; force?: boolean; version?: string; unredacted?: boolean; db: string }) => {
      const version = o.version === undefined ? undefined : positiveInt('version', o.version, 1, 1_000_000);
      if (o.format === 'pdf' && !o.out && process.stdout.isTTY) throw new UsageError('a PDF is binary: give --out FILE or redirect the output');
      if (o.out) checkOutFile(o.out, !!o.force);
      await withService(o, async (_service, store) => {
        const c = await store.cases.find(ref);
        // The published letter is never a withdrawn version; the internal one (--unredacted) is any version.
        const issued = o.unredacted ? await store.issued.get(c.id, version) : await store.issued.getPublished(c.id, version);
        if (!issued) {
          const any = await store.issued.get(c.id, version);
          if (any?.withdrawn) throw new NotFoundError(`a published letter of case ${ref} (version ${any.version} was withdrawn: ${any.withdrawn.reason}; --unredacted renders the internal letter)`);
          throw new NotFoundError(version ? `version ${version} of the determination of case ${ref}` : `an issued determination of case ${ref} (issue it first: imr case issue ${ref} --confirm)`);
        }
        const out = await renderLetter(o.unredacted ? issued.determination : issued.published, o.format);
        if (o.out) writePrivateFile(o.out, out);
        else process.stdout.write(out);
      });
    });
}
