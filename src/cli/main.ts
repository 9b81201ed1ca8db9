import { Command, CommanderError, Help } from 'commander';
import { COMMANDS, commandToRun } from './command-list.js';

/**
 * Builds the `imr` command. The commands named in `load` are registered in
 * full (their modules imported); the others only as `imr --help` lists them,
 * which is all a run of another command needs of them.
 */
export async function buildProgram(load: 'all' | readonly string[] = 'all'): Promise<Command> {
  const program = new Command('imr')
    .description('OpenIMR: Independent Medical Review letters, corpus, engine and workflow')
    .version('0.1.0')
    // The program's own options (--version, --help) only before the
    // subcommand: `imr letter render CASE --version 1` is the letter's
    // version, not the program's.
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError();
  for (const entry of COMMANDS) {
    if (load === 'all' || load.includes(entry.name)) (await entry.load())(program);
    else program.command(entry.name).description(entry.description);
  }
  // The listing of `imr --help` from the command list, the same for a command not loaded.
  program.configureHelp({
    subcommandTerm(cmd) {
      const entry = COMMANDS.find((c) => c.name === cmd.name());
      return entry ? [entry.name, entry.usage].filter(Boolean).join(' ') : new Help().subcommandTerm(cmd);
    },
  });
  return program;
}

/** Entry point: runs the CLI and maps errors to one-line messages and exit codes. */
export async function main(argv: string[]): Promise<number> {
  try {
    const run = commandToRun(argv);
    await (await buildProgram(run ? [run.name] : [])).parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    // Loaded on failure only: the error types pull in the domain's schemas.
    const { reportError } = await import('./errors.js');
    return reportError(err);
  }
}

const isEntry = process.argv[1] && /(?:main\.[jt]s|imr\.mjs|imr)$/.test(process.argv[1]);
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
