import { Command, CommanderError } from 'commander';
import { reportError } from './errors.js';
import { registerDecide } from './decide-command.js';
import { registerDemo } from './demo-command.js';
import { registerEval } from './eval-command.js';
import { registerIngest } from './ingest-command.js';
import { registerParse } from './parse-command.js';
import { registerSearch } from './search-command.js';
import { registerStats } from './stats-command.js';
import { registerCase } from './case-command.js';
import { registerLetter } from './letter-command.js';
import { registerReviewer } from './reviewer-command.js';
import { registerExport } from './export-command.js';
import { registerImport } from './import-command.js';
import { registerBackup } from './backup-command.js';
import { registerServe } from './serve-command.js';
import { registerUser } from './user-command.js';

/** Builds the `imr` command with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('imr')
    .description('OpenIMR: Independent Medical Review letters, corpus, engine and workflow')
    .version('0.1.0')
    // Program options only before the subcommand: `imr letter render X --version 2` is the letter's
    // version, not the program's (which it printed before).
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError();
  registerParse(program);
  registerIngest(program);
  registerSearch(program);
  registerStats(program);
  registerDemo(program);
  registerCase(program);
  registerReviewer(program);
  registerLetter(program);
  registerDecide(program);
  registerEval(program);
  registerExport(program);
  registerImport(program);
  registerBackup(program);
  registerServe(program);
  registerUser(program);
  return program;
}

/** Entry point: runs the CLI and maps errors to one-line messages and exit codes. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    return reportError(err);
  }
}

const isEntry = process.argv[1] && /(?:main\.ts|imr\.mjs|imr)$/.test(process.argv[1]);
if (isEntry) {
  // Output piped into a reader that stops early (imr parse ... | head): stop
  // quietly, as other command-line tools do, instead of dying on EPIPE.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
