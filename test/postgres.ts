/**
 * A throwaway PostgreSQL cluster for the tests: initdb into a temporary
 * directory, the server listening only on a unix socket in that directory
 * (no TCP port to clash with anything), stopped and deleted afterwards.
 *
 * PostgreSQL refuses to run as root. When the tests run as root (as CI
 * does), the server runs as the unprivileged `postgres` user that Debian's
 * package creates, through runuser; the temporary directory is handed to it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the server binaries are looked for (newest version first); IMR_PG_BIN overrides. */
const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The user the server runs as when the tests run as root. */
const SERVER_USER = 'postgres';

/** Cluster directories are named so; each holds an `owner` file with the test run's process id. */
const DIR_PREFIX = 'imr-pg-';

export interface TestCluster {
  /** Superuser connection URL over the cluster's socket. */
  readonly adminUrl: string;
  /** The temporary directory: data directory, socket and server log. */
  readonly dir: string;
  /** Stops the server and deletes the directory. */
  stop(): void;
}

/** The directory holding initdb and pg_ctl; throws, saying what to install, when there is none. */
export function postgresBinDir(): string {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  const override = process.env.IMR_PG_BIN;
  if (override) {
    if (has(override)) return override;
    throw new Error(`IMR_PG_BIN=${override} does not hold initdb and pg_ctl`);
  }
  const versions = existsSync(DEBIAN_ROOT)
    ? readdirSync(DEBIAN_ROOT)
        .filter((v) => /^\d+$/.test(v) && has(join(DEBIAN_ROOT, v, 'bin')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `PostgreSQL server binaries not found (initdb and pg_ctl in ${DEBIAN_ROOT}/<version>/bin): ` +
        'the PostgreSQL tests need them; install them with `apt-get install postgresql` or set IMR_PG_BIN',
    );
  }
  return join(DEBIAN_ROOT, versions[0]!, 'bin');
}

/** uid and gid of a user, from the system's user database. */
function userIds(name: string): { uid: number; gid: number } {
  const line = spawnSync('getent', ['passwd', name], { encoding: 'utf8' }).stdout.trim();
  const [, , uid, gid] = line.split(':');
  if (!uid || !gid) {
    throw new Error(`PostgreSQL will not run as root, and there is no "${SERVER_USER}" user to run it as (the postgresql package creates one)`);
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a server binary, as the server user when we are root; throws with its output on failure. */
function runServerTool(bin: string, args: string[], cwd: string): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', SERVER_USER, '--', bin, ...args]] : [bin, args];
  try {
    execFileSync(cmd, argv, { cwd, stdio: 'pipe', encoding: 'utf8', timeout: 120_000 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${bin} ${args[0] ?? ''} failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops and deletes clusters whose test run died without tearing them down (killed, machine restart). */
function sweepAbandoned(bin: string): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, 'owner'), 'utf8'));
    } catch {
      continue; // Not made here, or still being made.
    }
    if (!Number.isInteger(owner) || owner <= 0 || isAlive(owner)) continue;
    try {
      runServerTool(join(bin, 'pg_ctl'), ['stop', '-D', join(dir, 'data'), '-m', 'immediate'], tmpdir());
    } catch {
      // Not running.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Creates and starts a cluster. Durability is off (fsync, full page writes,
 * synchronous commit): the cluster lives only as long as the test run.
 */
export function startTestCluster(): TestCluster {
  const bin = postgresBinDir();
  sweepAbandoned(bin);
  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  writeFileSync(join(dir, 'owner'), String(process.pid));
  try {
    if (process.getuid?.() === 0) {
      const { uid, gid } = userIds(SERVER_USER);
      chownSync(dir, uid, gid);
    }
    const data = join(dir, 'data');
    runServerTool(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], dir);
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        "listen_addresses = ''",
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'full_page_writes = off',
        'synchronous_commit = off',
        'max_connections = 200',
        '',
      ].join('\n'),
    );
    runServerTool(join(bin, 'pg_ctl'), ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60'], dir);
    return {
      adminUrl: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`,
      dir,
      stop() {
        try {
          runServerTool(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60'], dir);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    // A server that started must not outlive a failed setup.
    try {
      runServerTool(join(bin, 'pg_ctl'), ['stop', '-D', join(dir, 'data'), '-m', 'immediate'], dir);
    } catch {
      // It was not running.
    }
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
