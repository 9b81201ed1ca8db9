import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../domain/index.js';
import { openStore, type Store } from './db.js';
import { StoreError } from '../errors.js';
import { isPostgresUrl, redactUrl } from './postgres.js';
import { tempDatabase, type TestDatabase } from '../../../test/test-databases.js';
import { aCase, makeCorpus, originalOf, tempStore } from '../../../test/store-fixtures.js';

describe('PostgreSQL URLs', () => {
  it('tells a PostgreSQL URL from an SQLite path', () => {
    for (const url of ['postgres://u@h/db', 'postgresql://u:p@h:5432/db', 'POSTGRES://h/db', ' postgresql:///db?host=/run/postgresql']) expect(isPostgresUrl(url), url).toBe(true);
    for (const path of ['./openimr.db', ':memory:', '/tmp/postgres.db', 'postgres.db', 'file:x.db']) expect(isPostgresUrl(path), path).toBe(false);
  });

  it('keeps passwords out of messages', () => {
    expect(redactUrl('postgres://imr:s3cret@db.example/imr')).toBe('postgres://imr:***@db.example/imr');
    expect(redactUrl('postgresql://imr@db.example/imr')).toBe('postgresql://imr@db.example/imr');
  });
});

describe('openStore on a PostgreSQL URL', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await tempDatabase('postgres');
  });
  afterEach(() => database.dispose());

  it('opens the database with the lock timeout given as the busy timeout', async () => {
    const store = await openStore({ path: database.target, busyTimeoutMs: 1234 });
    try {
      expect(store.dialect.name).toBe('postgres');
      const setting = async (name: string) => (await sql<{ v: string }>`SELECT current_setting(${name}) AS v`.execute(store.db)).rows[0]!.v;
      expect(await setting('lock_timeout')).toBe('1234ms');
      expect(await setting('application_name')).toBe('openimr');
    } finally {
      await store.close();
    }
  });

  it('fails with a StoreError of kind "open", without the password, when the server is not there', async () => {
    const url = new URL(database.target);
    url.username = 'imr';
    url.password = 's3cret';
    url.searchParams.set('host', '/nonexistent-imr-socket-dir');
    const err = await openStore({ path: url.toString() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).kind).toBe('open');
    expect((err as StoreError).message).toContain('imr:***@');
    expect((err as StoreError).message).not.toContain('s3cret');
  });

  it('fails with a StoreError of kind "open" for a database that does not exist', async () => {
    const url = new URL(database.target);
    url.pathname = '/no_such_imr_database';
    const err = await openStore({ path: url.toString() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).kind).toBe('open');
    expect((err as StoreError).message).toMatch(/no_such_imr_database/);
  });
});

describe('the PostgreSQL full-text index', () => {
  it('is checked against the letters: a letter left out or indexed from other text is found', async () => {
    const { store, dispose } = await tempStore();
    try {
      const corpus = makeCorpus(5, 8).map((d) => ({ determination: d, original: originalOf(d) }));
      const [first, second] = await store.determinations.insertMany(corpus);
      await store.determinations.verifyIndex();
      await sql`UPDATE letter_search SET document = to_tsvector('simple', 'something else') WHERE letter_id = ${first!.id}`.execute(store.db);
      await expect(store.determinations.verifyIndex()).rejects.toThrow('0 letter(s) not indexed, 1 indexed from other text');
      await sql`DELETE FROM letter_search WHERE letter_id = ${second!.id}`.execute(store.db);
      await expect(store.determinations.verifyIndex()).rejects.toThrow(StoreError);
      await expect(store.determinations.verifyIndex()).rejects.toThrow('1 letter(s) not indexed, 1 indexed from other text');
    } finally {
      await dispose();
    }
  });
});

/** The primary key's columns of a table. */
async function primaryKey(db: Kysely<any>, engine: 'sqlite' | 'postgres', table: string): Promise<string[]> {
  const rows =
    engine === 'sqlite'
      ? (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}) WHERE pk > 0`.execute(db)).rows
      : (
          await sql<{ name: string }>`SELECT a.attname AS name FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY(x.indkey)
            WHERE x.indrelid = ${table}::regclass AND x.indisprimary`.execute(db)
        ).rows;
  return rows.map((r) => r.name);
}

/**
 * Tables (and views) with their columns (primary key columns marked, others
 * with their nullability: SQLite reports a key column nullable even where it
 * cannot hold NULL), and the indexes the migrations name.
 */
async function schemaOf(db: Kysely<any>, engine: 'sqlite' | 'postgres') {
  const tables = [];
  for (const t of await db.introspection.getTables({ withInternalKyselyTables: false })) {
    const key = t.isView ? [] : await primaryKey(db, engine, t.name);
    const columns = t.columns.map((c) => `${c.name}${key.includes(c.name) ? ' key' : c.isNullable ? '' : ' not null'}`).sort();
    tables.push({ name: t.name, view: t.isView, columns });
  }
  tables.sort((a, b) => a.name.localeCompare(b.name));
  // Named by the migrations, not made by the engine for a key or constraint.
  const indexes =
    engine === 'sqlite'
      ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`.execute(db)).rows
      : (
          await sql<{ name: string }>`SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
            WHERE n.nspname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`.execute(db)
        ).rows;
  return { tables, indexes: indexes.map((r) => r.name).sort() };
}

describe('the schema on PostgreSQL', () => {
  it('is the SQLite schema: same tables, columns, keys, nullability and indexes, apart from each full-text index', async () => {
    const [lite, pg] = await Promise.all([tempDatabase('sqlite'), tempDatabase('postgres')]);
    const stores: Store[] = [];
    try {
      for (const d of [lite, pg]) stores.push(await openStore({ path: d.target }));
      const [a, b] = [await schemaOf(stores[0]!.db, 'sqlite'), await schemaOf(stores[1]!.db, 'postgres')];
      const own = { sqlite: /^letters_fts/, postgres: /^letter_search(_document)?$/ };
      const common = (s: typeof a, engine: keyof typeof own) => ({
        tables: s.tables.filter((t) => !own[engine].test(t.name)),
        indexes: s.indexes.filter((n) => !own[engine].test(n)),
      });
      expect(common(b, 'postgres')).toEqual(common(a, 'sqlite'));
      expect(a.tables.map((t) => t.name)).toContain('letters_fts');
      expect(b.tables.map((t) => t.name)).toContain('letter_search');
      expect(b.indexes).toContain('letter_search_document');
    } finally {
      for (const s of stores) await s.close();
      await Promise.all([lite.dispose(), pg.dispose()]);
    }
  });
});

describe('two stores (separate connection pools, as two servers) on one database', () => {
  let database: TestDatabase;
  let stores: Store[];
  beforeEach(async () => {
    database = await tempDatabase('postgres');
    stores = [await openStore({ path: database.target }), await openStore({ path: database.target })];
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    await database.dispose();
  });

  it('keep one audit chain, version-locked cases and consecutive case numbers', async () => {
    const [a, b] = stores as [Store, Store];
    const c = await a.cases.insert(aCase(null));
    const at = '2017-01-04T09:00:00.000Z';
    const work = Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b)).map((store, i) =>
      store.transaction(async (tx) => {
        await tx.audit.append({ actor: `writer-${i}`, at, caseId: null, action: 'draw', before: null, after: { i } });
        const number = await tx.cases.nextCaseNumber(2017);
        // Every writer also tries the same case at version 1: one wins.
        const won = await tx.cases.update({ ...c, state: 'eligible', updatedAt: at }, 1).then(
          () => true,
          (err: unknown) => {
            if (err instanceof ConflictError) return false;
            throw err;
          },
        );
        return { number, won };
      }),
    );
    const results = await Promise.all(work);
    expect(results.filter((r) => r.won)).toHaveLength(1);
    expect(results.map((r) => r.number).sort()).toEqual(Array.from({ length: 24 }, (_, i) => `CM17-${String(i + 1).padStart(7, '0')}`));
    expect(await b.audit.verify()).toBe(24);
    expect((await a.cases.get(c.id))?.version).toBe(2);
  });
});
