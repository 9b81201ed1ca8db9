import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { storeMigrations } from '../../store/migrations/index.js';
import { populate } from '../../../test/populated-db.js';
import { runCli as run } from '../../../test/run-cli.js';
import { storeContents } from '../../../test/store-contents.js';

/** The schema an export names: the newest migration, whichever branch added it. */
const LATEST_MIGRATION = Object.keys(storeMigrations({ name: 'sqlite' } as never)).sort().at(-1);


let dir: string;
let source: string;
let exported: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imr-export-'));
  source = join(dir, 'source.db');
  await populate(dir, source);
  exported = join(dir, 'export.jsonl.gz');
  const r = await run('export', '--db', source, '--out', exported);
  expect(r.code, r.err).toBe(0);
  expect(r.out).toMatch(/^exported 9 letters, 6 cases, 3 reviewers, 2 users, 2 issued determinations, \d+ audit entries to .*export\.jsonl\.gz \(\d+ kB\)\n$/);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The export's lines, uncompressed. */
function lines(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
}

/** Writes lines as an export file; with `reseal`, a trailer whose checksum matches them (a deliberate forgery). */
function writeExport(file: string, ls: string[], reseal = false): string {
  const out = [...ls];
  if (reseal) {
    const body = out.slice(0, -1);
    const trailer = JSON.parse(out.at(-1)!);
    trailer.sha256 = createHash('sha256').update(body.map((l) => l + '\n').join('')).digest('hex');
    out[out.length - 1] = JSON.stringify(trailer);
  }
  writeFileSync(file, gzipSync(out.map((l) => l + '\n').join('')));
  return file;
}

describe('imr export / imr import', () => {
  it('round-trips the whole database into an empty one: letters, search, statistics, cases, reviewers, issued versions, sequences and a verifying audit trail', async () => {
    const target = join(dir, 'restored.db');
    const r = await run('import', exported, '--db', target);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^imported 9 letters, 6 cases, 3 reviewers, 2 users, 2 issued determinations, \d+ audit entries from .* into .*restored\.db; the audit trail verifies\n$/);

    const [a, b] = [await openStore({ path: source }), await openStore({ path: target })];
    try {
      expect(await storeContents(b)).toEqual(await storeContents(a));
      expect(await b.audit.verify()).toBe(await a.audit.verify());
      await b.determinations.verifyIndex();
      // The restored database carries on: the next case number and the audit chain continue.
      const next = await run('case', 'import', join(dir, 'case.json'), '--db', target, '--actor', 'after-restore', '--json');
      expect(next.code, next.err).toBe(0);
      expect(JSON.parse(next.out).case).toMatchObject({ id: 7, caseNumber: expect.stringMatching(/-0000005$/) });
      expect(await b.audit.verify()).toBe((await a.audit.verify()) + 3);
    } finally {
      await a.close();
      await b.close();
    }
    expect((await run('case', 'verify-audit', '--db', target)).out).toMatch(/^audit trail verifies: \d+ entries, sealed with the key in .*restored\.db\.audit-key, signed checkpoint at entry \d+; \d+ cases and 2 users agree with it\n$/);
  });

  it('writes the documented format: a versioned header with counts, records in type order, and an end line with the checksum', async () => {
    const ls = lines(exported);
    const header = JSON.parse(ls[0]!);
    expect(header).toMatchObject({ format: 'openimr-export', version: 1, source: { dialect: 'sqlite', schema: LATEST_MIGRATION }, counts: { reviewer: 3, user: 2, 'case-number-sequence': 1, letter: 9, case: 6, issued: 2 } });
    const types = ls.slice(1, -1).map((l) => JSON.parse(l).type);
    const order = ['reviewer', 'user', 'case-number-sequence', 'letter', 'case', 'issued', 'draft', 'audit'];
    expect(types).toEqual([...types].sort((x, y) => order.indexOf(x) - order.indexOf(y)));
    expect(new Set(types)).toEqual(new Set(order));
    expect(types.filter((t) => t === 'audit')).toHaveLength(header.counts.audit);
    // Every case that entered review carries the draft its reviewer saw.
    expect(header.counts.draft).toBeGreaterThan(0);
    expect(types.filter((t) => t === 'draft')).toHaveLength(header.counts.draft);
    const trailer = JSON.parse(ls.at(-1)!);
    expect(trailer.type).toBe('end');
    expect(trailer.counts).toEqual(header.counts);
    expect(trailer.sha256).toBe(createHash('sha256').update(ls.slice(0, -1).map((l) => l + '\n').join('')).digest('hex'));
    expect(header.auditHead).toBe(JSON.parse(ls.at(-2)!).hash);
    // Exporting the restored database gives the same records.
    const target = join(dir, 'restored-twice.db');
    expect((await run('import', exported, '--db', target)).code).toBe(0);
    const again = join(dir, 'again.jsonl.gz');
    expect((await run('export', '--db', target, '--out', again)).code).toBe(0);
    expect(lines(again).slice(1, -1)).toEqual(ls.slice(1, -1));
  });

  it('imports an export made before drafts were stored (no draft records or counts)', async () => {
    const ls = lines(exported).filter((l) => JSON.parse(l).type !== 'draft');
    const drop = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'draft'));
    const header = JSON.parse(ls[0]!);
    ls[0] = JSON.stringify({ ...header, counts: drop(header.counts) });
    const trailer = JSON.parse(ls.at(-1)!);
    ls[ls.length - 1] = JSON.stringify({ ...trailer, counts: drop(trailer.counts) });
    const old = writeExport(join(dir, 'before-drafts.jsonl.gz'), ls, true);
    const target = join(dir, 'from-old.db');
    const r = await run('import', old, '--db', target);
    expect(r.code, r.err).toBe(0);
    const b = await openStore({ path: target });
    try {
      expect((await b.cases.list()).length).toBe(header.counts.case);
      for (const c of await b.cases.list()) expect(await b.drafts.get(c.id)).toBeNull();
    } finally {
      await b.close();
    }
  });

  it('refuses to import into a database that is not empty, and changes nothing', async () => {
    const before = readFileSync(source);
    const r = await run('import', exported, '--db', source);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: database .*source\.db is not empty \(9 letters, 6 cases, 3 reviewers, 2 users, \d+ audit entries\): a full import restores into an empty database only, since the audit trail cannot be merged into another; import into a new database, or give --letters-only to add just the corpus letters\n$/);
    const store = await openStore({ path: source });
    try {
      expect(await store.determinations.count()).toBe(9);
      expect((await store.cases.list()).length).toBe(6);
    } finally {
      await store.close();
    }
    expect(before.length).toBeGreaterThan(0);
  });

  it('--letters-only adds the letters not already stored to any database, leaving its cases and audit trail alone', async () => {
    const target = join(dir, 'merge.db');
    expect((await run('ingest', join(dir, 'letters', '002_da7a313e87b423cf.txt'), '--db', target, '--quiet')).code).toBe(0);
    const r = await run('import', exported, '--db', target, '--letters-only');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`imported 8 letters from ${exported} into ${target}, 1 already stored (skipped)\n`);
    const store = await openStore({ path: target });
    try {
      expect(await store.determinations.count()).toBe(9);
      expect(await store.cases.list()).toEqual([]);
      expect(await store.audit.verify()).toBe(0);
      await store.determinations.verifyIndex();
    } finally {
      await store.close();
    }
  });

  it('refuses to overwrite an existing export file without --force', async () => {
    const r = await run('export', '--db', source, '--out', exported);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: --out ${exported} exists; give --force to replace it\n`);
    const forced = await run('export', '--db', source, '--out', exported, '--force');
    expect(forced.code, forced.err).toBe(0);
  });
});

describe('bad export files', () => {
  /** Imports `file` into a new database: it must fail with `message`, and leave no database behind. */
  async function refused(file: string, message: RegExp): Promise<void> {
    const target = join(dir, `refused-${Math.random().toString(36).slice(2)}.db`);
    const r = await run('import', file, '--db', target);
    expect(r.code, r.out).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n'), r.err).toHaveLength(1);
    expect(r.err).toMatch(/; nothing was imported\n$/);
    expect(existsSync(target)).toBe(false);
  }

  it('a truncated export file (the compressed data cut short)', async () => {
    const bytes = readFileSync(exported);
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await refused(cut, /^error: .*cut\.jsonl\.gz: line \d+: the file is truncated \(the compressed data ends early\)/);
  });

  it('an export file cut at a line boundary, without its end line', async () => {
    await refused(writeExport(join(dir, 'no-end.jsonl.gz'), lines(exported).slice(0, 20)), /^error: .*no-end\.jsonl\.gz: the file ends before its end line: it is truncated/);
  });

  // Which check catches a changed byte depends on what it decodes to (zlib,
  // JSON, a record's schema, the audit chain, the checksum, the gzip CRC):
  // whichever does, the file is refused naming a line, and nothing is imported.
  it('a corrupted export file (a byte of the compressed data changed, at several places)', async () => {
    const original = readFileSync(exported);
    for (const at of [0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.97]) {
      const bytes = Buffer.from(original);
      bytes[Math.floor(bytes.length * at)]! ^= 0xff;
      const bad = join(dir, `corrupt-${at}.jsonl.gz`);
      writeFileSync(bad, bytes);
      await refused(bad, new RegExp(`^error: .*corrupt-${at}\\.jsonl\\.gz: line \\d+: \\S`));
    }
  });

  it('an export of another format version', async () => {
    const ls = lines(exported);
    ls[0] = JSON.stringify({ ...JSON.parse(ls[0]!), version: 2 });
    await refused(writeExport(join(dir, 'v2.jsonl.gz'), ls, true), /^error: .*v2\.jsonl\.gz: line 1: export format version 2 is not supported \(this imr reads version 1\)/);
  });

  it('a file that is not gzip-compressed', async () => {
    const plain = join(dir, 'plain.jsonl');
    writeFileSync(plain, gunzipSync(readFileSync(exported)));
    await refused(plain, /^error: .*plain\.jsonl: not a gzip-compressed OpenIMR export \(incorrect header\)/);
  });

  it('a gzip file that is not an OpenIMR export', async () => {
    const other = join(dir, 'other.gz');
    writeFileSync(other, gzipSync('{"hello": "world"}\n'));
    await refused(other, /^error: .*other\.gz: line 1: not an OpenIMR export \(no "format": "openimr-export" header\)/);
  });

  it('an empty export file', async () => {
    const empty = join(dir, 'empty.gz');
    writeFileSync(empty, gzipSync(''));
    await refused(empty, /^error: .*empty\.gz: empty file: not an OpenIMR export/);
  });

  it('an export file that does not exist', async () => {
    await refused(join(dir, 'missing.jsonl.gz'), /^error: .*missing\.jsonl\.gz: cannot read file \(ENOENT\)/);
  });

  it('a record changed without the checksum being updated', async () => {
    const ls = lines(exported);
    const i = ls.findIndex((l) => l.includes('"type":"case"'));
    ls[i] = ls[i]!.replace('"state":"issued"', '"state":"decided"');
    await refused(writeExport(join(dir, 'changed.jsonl.gz'), ls), /^error: .*changed\.jsonl\.gz: line \d+: the contents do not match the checksum of the end line \(the file was changed or damaged\)/);
  });

  it('a tampered audit entry, even with the checksum forged to match', async () => {
    const ls = lines(exported);
    const i = ls.findIndex((l) => l.includes('"type":"audit"') && l.includes('"action":"decide"'));
    const entry = JSON.parse(ls[i]!);
    entry.actor = 'someone-else';
    ls[i] = JSON.stringify(entry);
    await refused(writeExport(join(dir, 'tampered.jsonl.gz'), ls, true), new RegExp(`^error: .*tampered\\.jsonl\\.gz: line ${i + 1}: audit entry ${entry.seq} does not verify: its content does not match its hash \\(the entry was changed\\)`));
  });

  it('an audit entry removed, even with the checksum and counts forged to match', async () => {
    const ls = lines(exported);
    const i = ls.findIndex((l) => l.includes('"type":"audit"') && l.includes('"action":"assign-reviewer"'));
    ls.splice(i, 1);
    const fix = (l: string) => {
      const v = JSON.parse(l);
      v.counts.audit--;
      return JSON.stringify(v);
    };
    ls[0] = fix(ls[0]!);
    ls[ls.length - 1] = fix(ls.at(-1)!);
    await refused(writeExport(join(dir, 'removed.jsonl.gz'), ls, true), /: line \d+: audit entry \d+ does not verify: it does not follow the entry before it \(an entry was removed or inserted\)/);
  });

  it('a letter record that is not a valid determination, with the checksum forged to match', async () => {
    const ls = lines(exported);
    const i = ls.findIndex((l) => l.includes('"type":"letter"'));
    const rec = JSON.parse(ls[i]!);
    rec.determination.items = [];
    ls[i] = JSON.stringify(rec);
    await refused(writeExport(join(dir, 'bad-letter.jsonl.gz'), ls, true), new RegExp(`: line ${i + 1}: letter ${rec.id} is not a valid determination: items: `));
  });

  it('the same letter twice', async () => {
    const ls = lines(exported);
    const i = ls.findIndex((l) => l.includes('"type":"letter"'));
    const twin = JSON.parse(ls[i]!);
    twin.id = 999;
    ls.splice(i + 1, 0, JSON.stringify(twin));
    const fix = (l: string) => {
      const v = JSON.parse(l);
      v.counts.letter++;
      return JSON.stringify(v);
    };
    ls[0] = fix(ls[0]!);
    ls[ls.length - 1] = fix(ls.at(-1)!);
    await refused(writeExport(join(dir, 'twice.jsonl.gz'), ls, true), /: line \d+: letter 999 has the content of letter \d+ \(a duplicate\)/);
  });

  it('record counts that do not match the header', async () => {
    const ls = lines(exported);
    ls[0] = JSON.stringify({ ...JSON.parse(ls[0]!), counts: { ...JSON.parse(ls[0]!).counts, letter: 10 } });
    await refused(writeExport(join(dir, 'counts.jsonl.gz'), ls, true), /: line \d+: the record counts do not match the header/);
  });

  it('records out of order, of an unknown type, not JSON, or after the end line', async () => {
    const ls = lines(exported);
    const caseAt = ls.findIndex((l) => l.includes('"type":"case"'));
    const swapped = [...ls];
    [swapped[1], swapped[caseAt]] = [swapped[caseAt]!, swapped[1]!];
    await refused(writeExport(join(dir, 'order.jsonl.gz'), swapped, true), /: line \d+: a reviewer record after the case records/);
    const unknown = [...ls];
    unknown.splice(2, 0, '{"type":"invoice"}');
    await refused(writeExport(join(dir, 'unknown.jsonl.gz'), unknown, true), /: line 3: unknown record type "invoice"/);
    const garbled = [...ls];
    garbled[2] = garbled[2]!.slice(0, 40);
    await refused(writeExport(join(dir, 'garbled.jsonl.gz'), garbled, true), /: line 3: not valid JSON/);
    await refused(writeExport(join(dir, 'after.jsonl.gz'), [...ls, ls[1]!]), new RegExp(`: line ${ls.length + 1}: data after the end line`));
  });

  it('into an existing empty database: refused, and the database stays as it was', async () => {
    const target = join(dir, 'existing-empty.db');
    const store = await openStore({ path: target });
    await store.close();
    const ls = lines(exported);
    const i = ls.findIndex((l) => l.includes('"type":"audit"'));
    ls[i] = ls[i]!.replace('"actor":"export-test"', '"actor":"mallory"');
    const r = await run('import', writeExport(join(dir, 'late-fail.jsonl.gz'), ls, true), '--db', target);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/audit entry 1 does not verify/);
    // Everything before that line (letters, cases, reviewers) was rolled back with it.
    const after = await openStore({ path: target });
    try {
      expect(await after.determinations.count()).toBe(0);
      expect(await after.cases.list()).toEqual([]);
      expect(await after.reviewers.list()).toEqual([]);
      expect(await after.audit.verify()).toBe(0);
    } finally {
      await after.close();
    }
  });
});
