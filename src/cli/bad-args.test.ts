/**
 * Bad command lines: each gets one line starting `error:` that names the
 * option or value and why (usage problems exit 2, followed by the command's
 * help; a database that cannot be used exits 1), never a stack trace, and
 * nothing written. Rows of docs/bad-input.md.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DWC_TXT, sampleLetters } from '../../test/sample-letters.js';
import { spawnImr, waitFor } from '../../test/crash/harness.js';
import { runCli, type CliRun } from '../../test/run-cli.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imr-bad-args-'));
  db = join(dir, 'corpus.db');
  const r = await runCli('ingest', sampleLetters()[0]!.path, '--db', db, '--quiet');
  expect(r.code, r.err).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first line of stderr is the error; usage errors exit 2, others 1; never a stack trace. */
function firstLine(r: CliRun, code: number): string {
  expect(r.code, r.err).toBe(code);
  expect(r.err).not.toMatch(/\n\s+at /);
  return r.err.split('\n')[0]!;
}

describe('bad command lines', () => {
  it('an unknown option', async () => {
    expect(firstLine(await runCli('search', 'x', '--db', db, '--frobnicate'), 2)).toBe("error: unknown option '--frobnicate'");
  });

  it('an unknown command', async () => {
    expect(firstLine(await runCli('frobnicate'), 2)).toBe("error: unknown command 'frobnicate'");
  });

  it('a missing argument', async () => {
    expect(firstLine(await runCli('parse'), 2)).toBe("error: missing required argument 'paths'");
    expect(firstLine(await runCli('case', 'show', '--db', db), 2)).toBe("error: missing required argument 'case'");
  });

  it('a missing required option', async () => {
    expect(firstLine(await runCli('export', '--db', db), 2)).toBe("error: required option '--out <file>' not specified");
    expect(firstLine(await runCli('case', 'records', '#1', '--db', db), 2)).toBe('error: give --request, or --receive FILE for the records received');
  });

  it('an impossible date', async () => {
    expect(firstLine(await runCli('search', 'x', '--db', db, '--from', '2017-02-30'), 2)).toBe('error: --from: "2017-02-30" is not a date (use YYYY-MM-DD)');
  });

  it('a date in an unknown format', async () => {
    expect(firstLine(await runCli('stats', '--db', db, '--to', '31.12.2017'), 2)).toBe('error: --to: "31.12.2017" is not a date (use YYYY-MM-DD)');
    expect(firstLine(await runCli('case', 'new', '--db', db, '--worker', 'W', '--employer', 'E', '--claims-administrator', 'C', '--summary', 'S', '--request', 'MRI', '--received', 'yesterday', '--ur-date', '2017-01-01'), 2)).toBe(
      'error: --received: "yesterday" is not a date (use YYYY-MM-DD)',
    );
  });

  it('a date range that ends before it starts', async () => {
    expect(firstLine(await runCli('search', 'x', '--db', db, '--from', '2017-06-01', '--to', '2017-01-01'), 2)).toBe('error: --from 2017-06-01 is after --to 2017-01-01');
  });

  it('a value outside the allowed choices', async () => {
    expect(firstLine(await runCli('search', 'x', '--db', db, '--decision', 'maybe'), 2)).toBe("error: option '--decision <decision>' argument 'maybe' is invalid. Allowed choices are upheld, overturned.");
    expect(firstLine(await runCli('stats', '--db', db, '--by', 'colour'), 2)).toMatch(/^error: option '--by <dimension>' argument 'colour' is invalid\. Allowed choices are category, drug/);
    // A filter's choices come from the domain's definition of the corpus filters, as the API's do.
    expect(firstLine(await runCli('search', 'x', '--db', db, '--category', "x' OR '1'='1"), 2)).toBe("error: option '--category <category>' argument 'x' OR '1'='1' is invalid. Allowed choices are medication, physical-medicine, injection, imaging, diagnostic, surgery, dme, psych, evaluation, other.");
  });

  it('a number out of range or not a number', async () => {
    for (const [flag, value] of [['--limit', '0'], ['--limit', '201'], ['--limit', 'ten'], ['--limit', '1e2'], ['--limit', '0x10'], ['--limit', '2.5'], ['--offset', '-1']] as const) {
      const range = flag === '--limit' ? '1 to 200' : '0 to 1000000';
      expect(firstLine(await runCli('search', 'x', '--db', db, flag, value), 2)).toBe(`error: ${flag}: "${value}" is not a whole number from ${range}`);
    }
    expect(firstLine(await runCli('ingest', sampleLetters()[0]!.path, '--db', db, '--batch-size', '0'), 2)).toBe('error: --batch-size: "0" is not a whole number from 1 to 10000');
    // Offset 0 is the first page, not an error.
    expect((await runCli('search', 'x', '--db', db, '--offset', '0')).code).toBe(0);
  });

  it('an age that is not an age', async () => {
    const r = await runCli('case', 'new', '--db', db, '--worker', 'W', '--employer', 'E', '--claims-administrator', 'C', '--summary', 'S', '--request', 'MRI', '--received', '2017-01-10', '--ur-date', '2017-01-01', '--age', '-5');
    expect(firstLine(r, 2)).toBe('error: --age: "-5" is not an age');
  });

  it('an item number that is not a number', async () => {
    expect(firstLine(await runCli('case', 'decide', '#1', '--db', db, '--item', 'two', '--decision', 'upheld'), 2)).toBe('error: --item: "two" is not an item number');
  });

  it('contradictory options', async () => {
    expect(firstLine(await runCli('reviewer', 'set', 'R-1', '--db', db, '--available', '--unavailable'), 2)).toBe('error: --available and --unavailable contradict each other');
  });

  it('a malformed reviewer tie', async () => {
    expect(firstLine(await runCli('reviewer', 'add', '--db', db, '--id', 'R-9', '--name', 'N', '--board', 'X', '--states', 'CA', '--years', '1', '--hours', '1', '--tie', 'cousin'), 2)).toBe(
      'error: --tie "cousin": expected KIND:NAME[:NATURE] with KIND employer, claims-administrator, provider or worker',
    );
  });

  it('a --db whose directory does not exist', async () => {
    const p = join(dir, 'no', 'such', 'dir', 'x.db');
    expect(firstLine(await runCli('ingest', sampleLetters()[0]!.path, '--db', p), 1)).toBe(`error: cannot open store ${p}: Cannot open database because the directory does not exist`);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('a --db that is a directory', async () => {
    const p = join(dir, 'a-directory');
    mkdirSync(p);
    expect(firstLine(await runCli('ingest', sampleLetters()[0]!.path, '--db', p), 1)).toBe(`error: cannot open store ${p}: unable to open database file`);
  });

  it('a --db that is not a database', async () => {
    const p = join(dir, 'letter.txt');
    writeFileSync(p, 'Dear claimant, your appointment is on Monday.\n');
    expect(firstLine(await runCli('search', 'x', '--db', p), 1)).toBe(`error: cannot open store ${p}: the database file is not a database, or is damaged beyond reading (restore it from a backup or an export)`);
  });

  it('a --db of another application', async () => {
    const p = join(dir, 'places.sqlite');
    const other = new Database(p);
    other.exec('CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES (\'https://example.org\')');
    other.close();
    expect(firstLine(await runCli('ingest', sampleLetters()[0]!.path, '--db', p), 1)).toBe(
      `error: cannot open store ${p}: it is an SQLite database of another application (tables: moz_places), not an OpenIMR store; nothing was changed`,
    );
    const after = new Database(p);
    try {
      expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'moz_places' }]);
      expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      after.close();
    }
  });

  it('output piped into a reader that stops early', async () => {
    // As in imr parse --json DIR | head -1: the reader goes away while imr still writes.
    const child = spawnImr(['parse', '--json', DWC_TXT]);
    await waitFor('the first line', () => (child.lines.length > 0 ? true : undefined));
    child.process.stdout!.destroy();
    const { code, signal } = await child.exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(child.stderr()).toBe('');
  });

  it('a mistyped --db for a command that reads', async () => {
    const typo = join(dir, 'corpsu.db');
    for (const argv of [['search', 'x'], ['stats'], ['case', 'list'], ['case', 'show', '#1'], ['case', 'verify-audit'], ['reviewer', 'list'], ['export', '--out', join(dir, 'x.gz')], ['letter', 'render', '#1', '--format', 'md']]) {
      expect(firstLine(await runCli(...argv, '--db', typo), 1), argv.join(' ')).toBe(`error: cannot open store ${typo}: no such database file`);
    }
    expect(existsSync(typo)).toBe(false);
  });
});
