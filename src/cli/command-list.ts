import type { Command } from 'commander';

/** One `imr` subcommand: how `imr --help` lists it, and how to load it in full. */
export interface CommandEntry {
  name: string;
  /** Its options and arguments as `imr --help` lists them (`[options] <paths...>`, `[query]`). */
  usage: string;
  description: string;
  /** Imports the command's module (and with it whatever the command needs) and returns its register function. */
  load(): Promise<(program: Command) => void>;
}

/**
 * Every subcommand, in the order `imr --help` lists them. Only the command
 * being run is imported: its module pulls in the store, the parsers, the
 * engine or the server as it needs, and loading all of them for every run
 * (or for `--help`) took ten times as long as starting node. A test holds the
 * names, arguments and descriptions here to the commands' own.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'parse', usage: '[options] <paths...>', description: 'parse determination letters (text, Markdown/HTML, PDF) into structured records', load: async () => (await import('./corpus/parse-command.js')).registerParse },
  { name: 'ingest', usage: '[options] <paths...>', description: 'parse letters and store them in the corpus (idempotent; never half-written; bad files reported and skipped; a rerun skips what is stored)', load: async () => (await import('./corpus/ingest-command.js')).registerIngest },
  { name: 'search', usage: '[options] [query]', description: 'full-text search of the corpus, ranked, with «highlighted» snippets', load: async () => (await import('./corpus/search-command.js')).registerSearch },
  { name: 'stats', usage: '[options]', description: 'disputed item counts and upheld % grouped by a dimension', load: async () => (await import('./corpus/stats-command.js')).registerStats },
  { name: 'demo', usage: '[options]', description: 'ingest the bundled sample letters, print search results and outcome statistics, then serve the web UI with demo users and cases (until Ctrl-C)', load: async () => (await import('./serve/demo-command.js')).registerDemo },
  { name: 'case', usage: '', description: 'IMR cases: intake, records, reviewer assignment, decisions, issue', load: async () => (await import('./cases/case-command.js')).registerCase },
  { name: 'reviewer', usage: '', description: 'the expert reviewer registry: credentials, practice, ties, availability', load: async () => (await import('./cases/reviewer-command.js')).registerReviewer },
  { name: 'letter', usage: '', description: 'final determination letters of issued cases', load: async () => (await import('./cases/letter-command.js')).registerLetter },
  { name: 'decide', usage: '[options] <file>', description: 'draft a determination for each disputed item of a case (case JSON or a letter file; a letter\'s decisions are never read)', load: async () => (await import('./cases/decide-command.js')).registerDecide },
  { name: 'eval', usage: '[options] <paths...>', description: 'evaluate the engine on decided letters (decisions hidden from it) cross-validated by letter, against the rules alone, always-upheld and bag-of-words baselines', load: async () => (await import('./engine/eval-command.js')).registerEval },
  { name: 'train', usage: '[options]', description: 'fit the overturn model on every decided letter in the store and save it (use it with imr decide --model or IMR_MODEL)', load: async () => (await import('./engine/train-command.js')).registerTrain },
  { name: 'export', usage: '[options]', description: 'export the whole database (corpus letters, cases, reviewers, users, issued determinations, audit trail) to a gzip\'d JSON Lines file (docs/export-format.md)', load: async () => (await import('./corpus/export-command.js')).registerExport },
  { name: 'import', usage: '[options] <file>', description: 'restore an export file into an empty database, all or nothing; --letters-only adds just its corpus letters to any database', load: async () => (await import('./corpus/import-command.js')).registerImport },
  { name: 'backup', usage: '[options]', description: 'copy an SQLite database while it is in use (SQLite online backup), checked and self-contained; for PostgreSQL use imr export or pg_dump', load: async () => (await import('./corpus/backup-command.js')).registerBackup },
  { name: 'serve', usage: '[options]', description: 'serve the HTTP API (under /api, documented at /openapi.json) and the web UI; ingests the sample letters into an empty corpus first', load: async () => (await import('./serve/serve-command.js')).registerServe },
  { name: 'user', usage: '', description: 'user accounts of the HTTP API (imr serve)', load: async () => (await import('./serve/user-command.js')).registerUser },
];

/**
 * The subcommand `argv` runs: its first word that is not an option (the
 * program's own options, --help and --version, take no value), or the word
 * after `help`. Undefined when there is none or it is no command.
 */
export function commandToRun(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((c) => c.name === name);
}
