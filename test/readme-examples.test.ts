/**
 * The README's examples run as written. Every `imr` line of the shell
 * examples in "Using it", "Case workflow and letters out" and "Backups,
 * export and bad input" is run, in order, by bash in a new directory (with
 * the repository's samples/ linked in, as in a checkout) against the built
 * command users run (bin/imr.mjs; the test project's global setup builds
 * dist/). Every command those sections' tables list must have an example.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SECTIONS = ['Using it', 'Case workflow and letters out', 'Backups, export and bad input'];
/** Table commands without an example, and why. */
const NO_EXAMPLE: Record<string, string> = {
  'imr case intake': 'continues an intake that was interrupted, which an example cannot interrupt (src/cli/cases/case-command.test.ts runs it)',
};

/** The text of each `## ` section of the README, by heading. */
function sections(readme: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of readme.split(/^## /m).slice(1)) {
    const nl = part.indexOf('\n');
    out.set(part.slice(0, nl).trim(), part.slice(nl + 1));
  }
  return out;
}

const README = sections(readFileSync(join(ROOT, 'README.md'), 'utf8'));
const text = SECTIONS.map((name) => {
  const s = README.get(name);
  if (s === undefined) throw new Error(`README.md has no section "## ${name}"`);
  return s;
}).join('\n');

/** The `imr` lines of the ```sh blocks, in order. */
const examples = [...text.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap((m) => m[1]!.split('\n').filter((l) => l.startsWith('imr ')));

/** The commands the tables list: the leading words of each `imr ...` in a row's first cell. */
const tableCommands = [
  ...new Set(
    text
      .split('\n')
      .filter((l) => l.startsWith('| `imr '))
      .flatMap((row) => [...row.split(/(?<!\\)\|/)[1]!.matchAll(/`(imr [^`]*)`/g)].map((m) => m[1]!))
      .map((cmd) => {
        const words = cmd.split(' ');
        const end = words.findIndex((w) => !/^[a-z][a-z-]*$/.test(w));
        return words.slice(0, end < 0 ? words.length : end).join(' ');
      }),
  ),
];

describe("the README's examples", () => {
  it('cover every command of the tables', () => {
    expect(tableCommands.length).toBeGreaterThanOrEqual(20);
    const missing = tableCommands.filter((cmd) => !(cmd in NO_EXAMPLE) && !examples.some((e) => e === cmd || e.startsWith(`${cmd} `)));
    expect(missing).toEqual([]);
  });

  it('run as written, each without an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imr-readme-'));
    symlinkSync(join(ROOT, 'samples'), join(dir, 'samples'));
    const bin = join(dir, '.bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'imr'), `#!/bin/sh\nexec '${process.execPath}' '${join(ROOT, 'bin', 'imr.mjs')}' "$@"\n`);
    chmodSync(join(bin, 'imr'), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, IMR_ACTOR: 'readme' };
    const failures: string[] = [];
    for (const line of examples) {
      const r = spawnSync('bash', ['-c', line], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
      if (r.status !== 0 || /internal error|\n\s+at /.test(r.stderr)) failures.push(`${line}\n  exit ${r.status ?? r.signal}: ${r.stderr.trim().split('\n').slice(0, 3).join(' / ')}`);
    }
    expect(examples.length).toBeGreaterThanOrEqual(40);
    expect(failures).toEqual([]);
    // Some 60 commands one after another, ingest and evaluation among them: over a minute on a shared 2-core machine.
  }, 300_000);
});
