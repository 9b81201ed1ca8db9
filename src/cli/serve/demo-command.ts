import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { openStore } from '../../store/index.js';
import { DEMO_DB, DEMO_PASSWORD, DEMO_USERS, NotADemoDatabaseError, seedDemo } from './demo-seed.js';
import { UsageError } from '../errors.js';
import { runIngest, summaryLine } from '../corpus/index.js';
import { DEFAULT_DB, positiveInt, SAMPLES_DIR, shownDb } from '../options.js';
import { formatHits, runSearch } from '../corpus/index.js';
import { startServe, untilSignal } from './serve-command.js';
import { formatStats, runStats } from '../corpus/index.js';
import { ensureWebBuilt } from './web-build.js';


const WHAT_THEY_DO: Record<string, string> = {
  coordinator: 'cases: intake, eligibility, records, reviewer assignment with conflict checks, issuing',
  reviewer: 'the review queue: the engine’s criteria and evidence, accept or override, the letter',
  reviewer2: 'another reviewer, with cases of their own (each sees only theirs)',
  analyst: 'the corpus explorer and the outcome analytics',
  admin: 'everything a coordinator may, plus users and the audit trail',
};

/** `imr demo`: ingest the sample letters, print a search and statistics, then serve the web UI on the demo database with demo users. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('ingest the bundled sample letters, print search results and outcome statistics, then serve the web UI with demo users and cases (until Ctrl-C)')
    .addOption(new Option('--db <path>', 'the demo\'s own SQLite database file (never the server\'s ./openimr.db)').default(DEMO_DB))
    .option('--no-serve', 'only ingest and print, then exit')
    .option('--port <n>', 'port for the web UI', '8080')
    .action(async (opts: { db: string; serve: boolean; port: string }) => {
      // Demo accounts have a published password: they never go into the server's database.
      if (resolve(opts.db) === resolve(DEFAULT_DB)) throw new UsageError(`--db ${opts.db} is the server's database; the demo uses its own (default ${DEMO_DB})`);
      const port = opts.port === '0' ? 0 : positiveInt('port', opts.port, 8080, 65_535);
      const out = (line = '') => process.stdout.write(`${line}\n`);
      out(`Ingesting the sample letters in ${SAMPLES_DIR} into ${shownDb(opts.db)}`);
      const report = await runIngest([SAMPLES_DIR], opts.db);
      out(summaryLine(report) + '\n');
      out('$ imr search "muscle relaxant" --limit 3');
      out(formatHits(await runSearch('muscle relaxant', { db: opts.db, limit: '3' })));
      out('$ imr search MRI --decision overturned --limit 3');
      out(formatHits(await runSearch('MRI', { db: opts.db, limit: '3', decision: 'overturned' })));
      for (const by of ['category', 'guideline', 'specialty'] as const) {
        out(`$ imr stats --by ${by}`);
        out(formatStats(by, await runStats({ db: opts.db, by })));
      }
      if (report.failed) process.exitCode = 1;
      if (!opts.serve) return;

      const built = await ensureWebBuilt(undefined, out);
      if (built.status === 'unavailable') out(`The web UI cannot be built: ${built.reason}. Serving the API only.`);
      const store = await openStore({ path: opts.db });
      try {
        const seeded = await seedDemo(store).catch((err: unknown) => {
          throw err instanceof NotADemoDatabaseError ? new UsageError(`--db ${opts.db}: ${err.message}`) : err;
        });
        if (seeded.casesAdded || seeded.usersAdded.length) out(`Demo data: ${seeded.usersAdded.length} users, ${seeded.reviewersAdded} reviewers and ${seeded.casesAdded} cases added to ${shownDb(opts.db)}`);
      } finally {
        await store.close();
      }
      const serving = await startServe({ db: opts.db, port, host: '127.0.0.1', samples: false, out: () => {} });
      const url = `${serving.server.url}/`;
      out('');
      out(`OpenIMR is running: open ${url} in a browser.`);
      out(`Sign in with one of the demo accounts, password "${DEMO_PASSWORD}":`);
      for (const u of DEMO_USERS) out(`  ${u.username.padEnd(12)} ${WHAT_THEY_DO[u.username] ?? u.role}`);
      out('(Only the demo creates these accounts, on its own database; an account that existed before keeps its password.)');
      out(`API: ${serving.server.url}/api/…   OpenAPI document: ${serving.server.url}/openapi.json`);
      out('Press Ctrl-C to stop.');
      await untilSignal(serving);
    });
}
