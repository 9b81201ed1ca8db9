/**
 * Keeps docs/bad-input.md honest: every row names what the user sees and a
 * test that exists (the suite runs them all), and every test of the
 * bad-input test files has its row, so neither can drift from the other.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CATALOGUE = join(ROOT, 'docs', 'bad-input.md');

interface Row {
  n: number;
  input: string;
  sees: string;
  file: string;
  test: string;
}

/** Table cells, split at `|` not escaped as `\|`. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));
}

function rows(markdown: string): Row[] {
  const out: Row[] = [];
  for (const line of markdown.split('\n')) {
    if (!/^\|\s*\d+\s*\|/.test(line)) continue;
    const [n, input, sees, test] = cells(line);
    const ref = /^`([^`]+)` › (.+)$/.exec(test ?? '');
    if (!ref) throw new Error(`docs/bad-input.md row ${n}: the test cell "${test}" is not \`file\` › test name`);
    out.push({ n: Number(n), input: input ?? '', sees: sees ?? '', file: ref[1]!, test: ref[2]! });
  }
  return out;
}

/** Titles of the it(...) / test(...) calls of a test file, as written. */
function testTitles(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const titles: string[] = [];
  for (const m of source.matchAll(/\b(?:it|test)\(\s*(['"`])((?:\\.|(?!\1).)*)\1/gs)) titles.push(m[2]!.replace(/\\(.)/g, '$1'));
  return titles;
}

describe('the bad input catalogue (docs/bad-input.md)', () => {
  const markdown = readFileSync(CATALOGUE, 'utf8');
  const catalogue = rows(markdown);

  it('has at least 40 rows, numbered in order, each with the input and what the user sees', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(40);
    expect(catalogue.map((r) => r.n)).toEqual(catalogue.map((_, i) => i + 1));
    for (const r of catalogue) {
      expect(r.input, `row ${r.n}`).not.toBe('');
      expect(r.sees, `row ${r.n}`).not.toBe('');
    }
  });

  it('names, in every row, a test that exists', () => {
    const missing = catalogue.filter((r) => !existsSync(join(ROOT, r.file)) || !testTitles(r.file).includes(r.test)).map((r) => `row ${r.n}: ${r.file} › ${r.test}`);
    expect(missing).toEqual([]);
  });

  it('has a row for every test of the bad-input test files (of the command line and of the HTTP API)', () => {
    const files = ['cli', 'api'].flatMap((dir) =>
      readdirSync(join(ROOT, 'src', dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => /(^|\/)bad-[^/]*\.test\.ts$/.test(f))
        .map((f) => `src/${dir}/${f}`),
    );
    expect(files.filter((f) => f.startsWith('src/cli/')).length).toBeGreaterThanOrEqual(4);
    expect(files.filter((f) => f.startsWith('src/api/')).length).toBeGreaterThanOrEqual(2);
    const listed = new Set(catalogue.map((r) => `${r.file} › ${r.test}`));
    const unlisted = files.flatMap((f) => testTitles(f).map((t) => `${f} › ${t}`)).filter((t) => !listed.has(t));
    expect(unlisted).toEqual([]);
  });

  it('has the HTTP API rows under their heading, the marked place for them filled', () => {
    const api = markdown.slice(markdown.search(/^## HTTP API \(server\)$/m));
    expect(api.startsWith('## HTTP API (server)')).toBe(true);
    expect(rows(api).length).toBeGreaterThanOrEqual(30);
    expect(markdown).not.toMatch(/rows to come/);
  });
});
