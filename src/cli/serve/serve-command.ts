import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { createApp, type AppOptions } from '../../api/app.js';
import type { CaseFile } from '../../domain/index.js';
import { assessCase } from '../../engine/index.js';
import { modelFromEnvironment } from '../engine/index.js';
import { startServer, type RunningServer } from '../../api/server.js';
import { openStore, type Store } from '../../store/index.js';
import { MAX_LETTER_BYTES } from '../../letters/index.js';
import { ingestFiles } from '../../workflow/corpus/index.js';
import { UsageError } from '../errors.js';
import { DEFAULT_DB, positiveInt, SAMPLES_DIR, shownDb } from '../options.js';
import { summaryLine } from '../corpus/index.js';
import { ensureWebBuilt } from './web-build.js';

/** Where `web/` builds the UI to. */
export const WEB_DIST = join(import.meta.dirname, '..', '..', '..', 'web', 'dist');

export interface ServeOptions {
  db: string;
  port: number;
  host: string;
  /** The first admin's password (first run only); generated and printed when absent. */
  adminPassword?: string;
  /** Ingest the sample letters into an empty corpus (default true). */
  samples?: boolean;
  publicAccess?: boolean;
  secureCookies?: boolean;
  origins?: string[];
  /** SQLite: FULL (default) syncs every commit before it is acknowledged; NORMAL survives a crash of the program only. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Host names served besides IP addresses and localhost. */
  allowedHosts?: string[];
  /** SQLite: read connections on worker threads for searches and statistics (default 2; 0: on the serving thread). */
  readWorkers?: number;
  /** Time budget of one search or statistic, ms (default the store's, 5,000). */
  queryBudgetMs?: number;
  webRoot?: string | null;
  /** Where progress and the one-time password are written. */
  out?: (line: string) => void;
  /** Extra app options (tests). */
  app?: Partial<AppOptions>;
}

/** A running `imr serve`: the server and its store, and how to stop both. */
export interface Serving {
  server: RunningServer;
  store: Store;
  stop(): Promise<void>;
}

/**
 * Opens the store, ingests the sample letters on first run, creates the
 * first admin when there is no user, and serves the API and the web UI.
 */
export async function startServe(o: ServeOptions): Promise<Serving> {
  const out = o.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  // An SQLite file or a postgres:// URL: openStore takes either.
  // Searches and statistics on read connections of their own threads: one heavy read does not hold up every other request.
  const store = await openStore({
    path: o.db,
    readWorkers: o.readWorkers ?? 2,
    ...(o.queryBudgetMs ? { repository: { queryBudgetMs: o.queryBudgetMs } } : {}),
    ...(o.synchronous ? { synchronous: o.synchronous } : {}),
  });
  try {
    if (o.samples !== false && (await store.determinations.count()) === 0) {
      out(`First run: ingesting the sample letters in ${SAMPLES_DIR}`);
      out(summaryLine(await ingestFiles(store, [SAMPLES_DIR])));
    }
    const webRoot = o.webRoot === undefined ? WEB_DIST : o.webRoot;
    // A model named by IMR_MODEL is read (and a bad one refused) before serving, not at the first draft.
    const model = modelFromEnvironment();
    const api = createApp({
      store,
      webRoot,
      ...(model ? { assessor: (file: CaseFile) => assessCase(file, { model }) } : {}),
      ...(o.publicAccess ? { publicAccess: true } : {}),
      ...(o.secureCookies !== undefined ? { secureCookies: o.secureCookies } : {}),
      ...(o.origins?.length ? { allowedOrigins: o.origins } : {}),
      ...(o.allowedHosts?.length ? { allowedHosts: o.allowedHosts } : {}),
      ...o.app,
    });
    const admin = await api.services.users.bootstrapAdmin(o.adminPassword);
    if (admin?.generated) {
      out(`First run: created user "${admin.username}" (role admin) with the one-time password`);
      out(`    ${admin.password}`);
      out('  Sign in with it and choose a new password; it is not shown again.');
    } else if (admin) out(`First run: created user "${admin.username}" (role admin) with the password given`);
    const server = await startServer(api.app, { port: o.port, host: o.host });
    out(`OpenIMR is serving ${shownDb(o.db)} at ${server.url}/`);
    out(`  API: ${server.url}/api/…   OpenAPI document: ${server.url}/openapi.json`);
    if (webRoot === null) out('  The web UI is not served (API only).');
    else if (!existsSync(join(webRoot, 'index.html'))) out('  The web UI is not built (web/dist); the page at / says how to build it.');
    let stopping: Promise<void> | null = null;
    return {
      server,
      store,
      stop: () =>
        (stopping ??= (async () => {
          await server.close();
          await api.close();
          await store.close();
        })()),
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** `imr serve`: the HTTP API and web UI until SIGINT or SIGTERM. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (under /api, documented at /openapi.json) and the web UI; ingests the sample letters into an empty corpus first')
    .option('--db <path|url>', 'SQLite database file (or a postgres:// URL)', DEFAULT_DB)
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--admin-password <pw>', 'password of the first admin, on first run (default: generated and printed; also $IMR_ADMIN_PASSWORD)')
    .option('--no-samples', 'do not ingest the sample letters into an empty corpus')
    .option('--public', 'let requests without a session read as the public role (published letters and corpus)')
    .option('--secure-cookies', 'mark the session cookie Secure (when served over HTTPS behind a proxy)')
    .option('--origin <url...>', 'other origins allowed to make state-changing requests (a UI served elsewhere)')
    .addOption(new Option('--synchronous <mode>', 'SQLite: full syncs every commit to disk before answering (survives a power loss); normal only survives a crash of the program, and is faster').choices(['full', 'normal']).default('full'))
    .option('--allowed-host <name...>', 'host names the server answers for besides IP addresses and localhost (requests for any other name are refused: DNS rebinding)')
    .option('--api-only', 'serve the API alone: the web UI is neither built nor served')
    .option('--read-workers <n>', 'SQLite: read connections on worker threads for searches and statistics (0: read on the serving thread)', '2')
    .option('--query-budget-ms <n>', 'longest a search or statistic may run before it is stopped (503 STORE_TIMEOUT)', '5000')
    .option('--max-upload-mb <n>', `largest letter file an upload may be, in MB (1-${MAX_LETTER_BYTES / 1048576}, the most a letter may be)`, String(MAX_LETTER_BYTES / 1048576))
    .action(async (o: { db: string; port: string; host: string; adminPassword?: string; samples: boolean; public?: boolean; secureCookies?: boolean; origin?: string[]; allowedHost?: string[]; synchronous: 'full' | 'normal'; maxUploadMb: string; apiOnly?: boolean; readWorkers: string; queryBudgetMs: string }) => {
      const port = o.port === '0' ? 0 : positiveInt('port', o.port, 8080, 65_535);
      const maxUploadBytes = positiveInt('max-upload-mb', o.maxUploadMb, MAX_LETTER_BYTES / 1048576, MAX_LETTER_BYTES / 1048576) * 1048576;
      const adminPassword = o.adminPassword ?? process.env.IMR_ADMIN_PASSWORD;
      // One command brings the UI up: a checkout whose web/dist is missing or older than web/ builds it first.
      if (!o.apiOnly) {
        const built = await ensureWebBuilt(undefined, (line) => process.stdout.write(`${line}\n`));
        if (built.status === 'unavailable') process.stdout.write(`The web UI cannot be built: ${built.reason}. Serving the API only.\n`);
      }
      const serving = await startServe({
        db: o.db,
        port,
        host: o.host,
        ...(adminPassword ? { adminPassword } : {}),
        samples: o.samples,
        publicAccess: !!o.public,
        ...(o.secureCookies ? { secureCookies: true } : {}),
        ...(o.origin ? { origins: o.origin } : {}),
        ...(o.allowedHost ? { allowedHosts: o.allowedHost } : {}),
        synchronous: o.synchronous === 'normal' ? 'NORMAL' : 'FULL',
        readWorkers: positiveInt('read-workers', o.readWorkers, 2, 16, 0),
        queryBudgetMs: positiveInt('query-budget-ms', o.queryBudgetMs, 5000, 600_000),
        ...(o.apiOnly ? { webRoot: null } : {}),
        app: { maxUploadBytes },
      });
      await untilSignal(serving);
    });
}

/** Serves until SIGINT or SIGTERM, then stops gracefully (a second signal stops at once). */
export function untilSignal(serving: Serving): Promise<void> {
  return new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      process.stdout.write(`${signal}: finishing requests in flight, then stopping\n`);
      process.once(signal, () => process.exit(130));
      serving.stop().then(resolve);
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
}
