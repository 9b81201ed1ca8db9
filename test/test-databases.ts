/**
 * Fresh, empty databases for store tests, on the engine the test project
 * runs (vitest.config.ts sets IMR_TEST_ENGINE): an SQLite file in a
 * temporary directory, or a new database in the run's PostgreSQL test
 * cluster (started by test/postgres-setup.ts). The same test files thus
 * run against both engines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { postgresDialect } from '../src/store/engines/index.js';
import type { StoreDialect } from '../src/store/search/index.js';
import { sqliteDialect } from '../src/store/engines/index.js';

export type TestEngine = 'sqlite' | 'postgres';

/** The engine this test run is for (SQLite unless the project says otherwise). */
export const TEST_ENGINE: TestEngine = process.env.IMR_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** An empty database: `target` is what openStore takes (a path or a URL). */
export interface TestDatabase {
  readonly engine: TestEngine;
  readonly target: string;
  /** A dialect over it, for tests below openStore (e.g. migrating step by step). */
  dialect(): StoreDialect;
  /** Deletes it; close every store on it first. */
  dispose(): Promise<void>;
}

let admin: pg.Pool | undefined;
let created = 0;

/** The test cluster's superuser URL; throws the reason when the cluster did not start. */
async function clusterUrl(): Promise<string> {
  // Loaded here, not at the top: only a vitest worker can inject, and
  // benchmarks import the fixtures for SQLite too.
  const { inject } = await import('vitest');
  const cluster = inject('postgres');
  if (!cluster) throw new Error('no PostgreSQL test cluster: run the tests through vitest (the postgres project starts one)');
  if ('error' in cluster) throw new Error(`no PostgreSQL test cluster: ${cluster.error}`);
  return cluster.url;
}

/** The URL of database `name` in the cluster of `adminUrl`. */
function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function postgresDatabase(): Promise<TestDatabase> {
  const adminUrl = await clusterUrl();
  // Idle connections must not keep a finished worker alive.
  admin ??= new pg.Pool({ connectionString: adminUrl, max: 2, allowExitOnIdle: true });
  const name = `imr_test_${process.pid}_${++created}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const target = databaseUrl(adminUrl, name);
  return {
    engine: 'postgres',
    target,
    dialect: () => postgresDialect(target),
    dispose: async () => {
      await admin!.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'imr-store-'));
  const target = join(dir, 'corpus.db');
  return {
    engine: 'sqlite',
    target,
    dialect: () => sqliteDialect(target),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A new empty database on `engine` (default: this run's). */
export async function tempDatabase(engine: TestEngine = TEST_ENGINE): Promise<TestDatabase> {
  return engine === 'postgres' ? postgresDatabase() : sqliteDatabase();
}
