/**
 * Files the command line writes: created 0600, never through a symbolic
 * link, never over a file without --force, and never left half-written.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populate } from '../../test/populated-db.js';
import { runCli as run } from '../../test/run-cli.js';

describe('--out files', () => {
  let dir: string;
  let db: string;
  let issued: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imr-out-'));
    db = join(dir, 'store.db');
    await populate(dir, db);
    issued = /(CM\d\d-\d{7})\s+issued/.exec((await run('case', 'list', '--db', db)).out)![1]!;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the database, its audit key, exports, backups and rendered letters readable by their owner only (0600)', async () => {
    const files = [db, `${db}.audit-key`, `${db}.audit-checkpoint`];
    for (const [cmd, out] of [['export', 'e.jsonl.gz'], ['backup', 'b.db']] as const) {
      expect((await run(cmd, '--db', db, '--out', join(dir, out))).code).toBe(0);
      files.push(join(dir, out));
    }
    expect((await run('letter', 'render', issued, '--format', 'pdf', '--db', db, '--out', join(dir, 'letter.pdf'))).code).toBe(0);
    files.push(join(dir, 'letter.pdf'), join(dir, 'b.db.audit-key'));
    for (const f of files) expect(statSync(f).mode & 0o777, f).toBe(0o600);
  });

  it('refuses an --out that is a symbolic link or not a regular file, and one that exists without --force, writing nothing', async () => {
    const secret = join(dir, 'someone-elses.txt');
    writeFileSync(secret, 'keep me');
    const link = join(dir, 'link.pdf');
    symlinkSync(secret, link);
    for (const argv of [['export', '--db', db, '--out', link, '--force'], ['backup', '--db', db, '--out', link, '--force'], ['letter', 'render', issued, '--format', 'md', '--db', db, '--out', link, '--force']]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toBe(`error: --out ${link} is a symbolic link; refusing to write through it (give the file's own path)\n`);
    }
    expect(readFileSync(secret, 'utf8')).toBe('keep me');
    const r = await run('letter', 'render', issued, '--format', 'md', '--db', db, '--out', secret);
    expect(r.err).toBe(`error: --out ${secret} exists; give --force to replace it\n`);
    expect(readFileSync(secret, 'utf8')).toBe('keep me');
    expect((await run('export', '--db', db, '--out', dir, '--force')).err).toBe(`error: --out ${dir} exists and is not a regular file\n`);
    expect((await run('letter', 'render', issued, '--format', 'md', '--db', db, '--out', secret, '--force')).code).toBe(0);
    expect(readFileSync(secret, 'utf8')).toMatch(/Independent Medical Review/i);
  });

  it('leaves no file, partial or whole, when an export fails part-way', async () => {
    const damaged = join(dir, 'damaged.db');
    writeFileSync(damaged, readFileSync(db));
    for (const ending of ['.audit-key', '.audit-checkpoint']) writeFileSync(damaged + ending, readFileSync(db + ending));
    // Damage the pages the letters are on: the export fails once it reaches them.
    const fd = openSync(damaged, 'r+');
    const size = statSync(damaged).size;
    for (let at = Math.floor(size / 3); at < size - 4096; at += 16_384) writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, at);
    closeSync(fd);
    const out = join(dir, 'failed.jsonl.gz');
    const r = await run('export', '--db', damaged, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: .*(damaged|not a database).*\n$/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('failed'))).toEqual([]);
  });
});
