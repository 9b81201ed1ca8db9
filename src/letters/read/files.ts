import { readdirSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { LETTER_EXTENSIONS, LETTER_FORMATS } from '../../domain/index.js';

/** File endings read as letters when a directory is walked. */
export const LETTER_FILE_ENDINGS: ReadonlySet<string> = new Set(LETTER_FORMATS.flatMap((f) => LETTER_EXTENSIONS[f]));

/**
 * Expands files and directories into the letter files to read, in a stable
 * order. Directories are walked recursively (hidden entries skipped) for files
 * with a letter ending; a file named explicitly is always included, so a bad
 * one is reported rather than silently passed over. Paths that do not exist
 * are returned too, to be reported by the reader.
 */
export async function collectLetterFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && LETTER_FILE_ENDINGS.has(extname(e.name).toLowerCase())) out.push(p);
    }
  }
  for (const p of paths) {
    const st = await stat(p).catch(() => null);
    if (st?.isDirectory()) await walk(p);
    else out.push(p);
  }
  return out;
}

/**
 * The letter files of `paths` in collectLetterFiles's order, one directory
 * read at a time: a million letter files are walked without a million paths
 * held in memory at once. Synchronous, for a caller that takes the next file
 * only when it has room for it (an ingest's parse queue).
 */
export function* walkLetterFiles(paths: readonly string[]): Generator<string> {
  function* walk(dir: string): Generator<string> {
    const entries = readdirSync(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) yield* walk(p);
      else if (e.isFile() && LETTER_FILE_ENDINGS.has(extname(e.name).toLowerCase())) yield p;
    }
  }
  for (const p of paths) {
    let directory = false;
    try {
      directory = statSync(p).isDirectory();
    } catch {
      // Does not exist: yielded, for the reader to report.
    }
    if (directory) yield* walk(p);
    else yield p;
  }
}

/** How many files walkLetterFiles yields, counted without keeping their paths. */
export function countLetterFiles(paths: readonly string[]): number {
  let n = 0;
  for (const _ of walkLetterFiles(paths)) n++;
  return n;
}
