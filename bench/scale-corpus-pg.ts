/**
 * The large synthetic corpora of scale-corpus.ts, on PostgreSQL: the same
 * letters (scaleLetters), stored through insertMany (the PostgreSQL bulk
 * path) in batches of 2,000, into the database `imr_scale_<n>` of a bench
 * cluster.
 *
 * With `IMR_BENCH_CORPUS_DIR` the cluster's data directory is
 * `<dir>/pg-data`, kept between runs (the server is stopped at the end of
 * the run, its databases stay): a corpus built once is reused. Without it
 * the cluster is a throwaway one (test/postgres.ts), deleted at the end;
 * with `--pg <url>`, the server at that URL.
 * Either way the server listens only on a unix socket of its own directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, prepareLetter } from '../src/store/index.js';
import { postgresBinDir, startTestCluster } from '../test/postgres.js';
import { scaleLetters, variantPool } from './scale-corpus.js';

/** A running PostgreSQL server for the bench: its superuser URL, and how to stop it. */
export interface BenchCluster {
  readonly adminUrl: string;
  /** Kept between runs (its corpora are reused). */
  readonly kept: boolean;
  stop(): void;
}

/**
 * Settings of the bench cluster beyond the defaults: durability off as in
 * the tests (a corpus is rebuilt, not recovered), and memory for a corpus
 * of a million letters on a machine of a few GB: the index and the counts
 * in shared buffers, sorts and hashes of a statistic in memory.
 */
const SETTINGS = ['fsync = off', 'full_page_writes = off', 'synchronous_commit = off', 'max_connections = 200', 'shared_buffers = 1GB', 'work_mem = 32MB', 'maintenance_work_mem = 256MB', 'max_wal_size = 4GB', 'effective_cache_size = 8GB'];

function asServerUser(bin: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    execFileSync(cmd, argv, { stdio: 'pipe', encoding: 'utf8', timeout: 300_000 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${bin} ${args[0] ?? ''} failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

/** Starts the bench's PostgreSQL server: kept under IMR_BENCH_CORPUS_DIR, else a throwaway cluster. */
export function startBenchCluster(): BenchCluster {
  const keep = process.env.IMR_BENCH_CORPUS_DIR;
  if (!keep) {
    const cluster = startTestCluster();
    return { adminUrl: cluster.adminUrl, kept: false, stop: () => cluster.stop() };
  }
  const bin = postgresBinDir();
  const dir = join(keep, 'pg');
  const data = join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    const [, , uid, gid] = spawnSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).stdout.trim().split(':');
    chownSync(dir, Number(uid), Number(gid));
  }
  if (!existsSync(join(data, 'PG_VERSION'))) {
    asServerUser(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    appendFileSync(join(data, 'postgresql.conf'), [`listen_addresses = ''`, `unix_socket_directories = '${dir}'`, ...SETTINGS, ''].join('\n'));
  }
  asServerUser(join(bin, 'pg_ctl'), ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '120']);
  return {
    adminUrl: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`,
    kept: true,
    stop: () => asServerUser(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w', '-t', '120']),
  };
}

let shared: BenchCluster | null = null;

/**
 * The bench cluster, started on first use and stopped when the bench
 * process exits: the search, statistics and load parts share its corpora.
 */
export function benchCluster(url: string | boolean = true): BenchCluster {
  // --pg <url>: the server there, its corpora kept.
  if (typeof url === 'string') return { adminUrl: url, kept: true, stop: () => undefined };
  if (!shared) {
    const cluster = startBenchCluster();
    shared = cluster;
    process.once('exit', () => cluster.stop());
  }
  return shared;
}

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Planner settings of every bench corpus database (kept with the database,
 * so a corpus built before gets them too): no parallel workers, and random
 * reads costed as the cached reads they are. On 2 cores shared by 50
 * clients, a parallel sequential scan of the items (the plan chosen for a
 * drug, guideline or specialty filter without words) took 400-1,400 ms at
 * 100,000 letters, where the serial index plan took 170-450 ms, measured
 * side by side on a busy machine.
 */
const PLANNER = ['max_parallel_workers_per_gather = 0', 'random_page_cost = 1.1'];

async function tuneDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, async (c) => {
    for (const setting of PLANNER) await c.query(`ALTER DATABASE ${name} SET ${setting}`);
  });
}

/**
 * The database holding the corpus of `n` letters on the bench cluster:
 * reused when built before (the cluster kept), else built now.
 */
export async function scalePostgresCorpus(cluster: BenchCluster, n: number, log: (msg: string) => void = () => undefined): Promise<{ url: string; built: boolean; seconds: number; lettersPerSecond: number }> {
  const name = `imr_scale_${n}`;
  const url = databaseUrl(cluster.adminUrl, name);
  const exists = await admin(cluster.adminUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
  if (exists) {
    await tuneDatabase(cluster.adminUrl, name);
    return { url, built: false, seconds: 0, lettersPerSecond: 0 };
  }
  const building = `${name}_building`;
  await admin(cluster.adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${building}`);
    await c.query(`CREATE DATABASE ${building}`);
  });
  const t0 = performance.now();
  const pool = variantPool();
  const tPool = performance.now();
  const store = await openStore({ path: databaseUrl(cluster.adminUrl, building) });
  let indexSeconds = 0;
  try {
    const batch = 2000;
    const prepare = (start: number) => scaleLetters(pool, start, Math.min(n, start + batch)).map((l) => {
      const p = prepareLetter(l);
      if (!p.ok) throw new Error(`scale letter ${start}: not a valid determination`);
      return p.letter;
    });
    // A bulk load into the new database (its indexes built once at the end), and each batch made
    // and validated here while the server stores the one before it: the two sides on the two cores.
    const { report } = await store.determinations.bulkLoad(async () => {
      let writing: Promise<unknown> = Promise.resolve();
      for (let start = 0; start < n; start += batch) {
        const letters = prepare(start);
        await writing;
        writing = store.determinations.insertPrepared(letters);
        if ((start / batch) % 25 === 24) log(`  corpus ${start + batch} of ${n} letters on PostgreSQL (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
      await writing;
    });
    indexSeconds = report.indexSeconds;
    log(`  corpus ${n} letters on PostgreSQL: ${report.deferred.length} indexes built after the load in ${indexSeconds.toFixed(0)} s`);
  } finally {
    await store.close();
  }
  const stored = (performance.now() - tPool) / 1000;
  // Statistics for the planner, as a database that has been in use would have them.
  await admin(databaseUrl(cluster.adminUrl, building), (c) => c.query('VACUUM ANALYZE'));
  await admin(cluster.adminUrl, (c) => c.query(`ALTER DATABASE ${building} RENAME TO ${name}`));
  await tuneDatabase(cluster.adminUrl, name);
  return { url, built: true, seconds: (performance.now() - t0) / 1000, lettersPerSecond: n / stored };
}

/** A copy of the corpus database for a test that writes (the load test): CREATE DATABASE ... TEMPLATE, and how to drop it. */
export async function copyPostgresCorpus(cluster: BenchCluster, n: number): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `imr_load_${n}_${process.pid}`;
  await admin(cluster.adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE imr_scale_${n}`));
  // A database's settings are not copied with it.
  await tuneDatabase(cluster.adminUrl, name);
  return { url: databaseUrl(cluster.adminUrl, name), drop: () => admin(cluster.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}
