import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { LETTER_EXTENSIONS, LETTER_FORMATS } from '../../domain/index.js';

/** File endings read as letters when a directory is walked. */
export const LETTER_FILE_ENDINGS: ReadonlySet<string> = new Set(LETTER_FORMATS.flatMap((f) => LETTER_EXTENSIONS[f]));

/**
 * Expands files and directories into the letter files to read, in a stable
 * order: walkLetterFiles's, as an array. Directories are walked recursively
 * (hidden entries skipped) for files with a letter ending; a file named
 * explicitly is always included, so a bad one is reported rather than
 * silently passed over. Paths that do not exist are returned too, to be
 * reported by the reader. For a few files (the CLI's inputs, an eval run);
 * an ingest of a million files walks them lazily instead.
 */
export function collectLetterFiles(paths: readonly string[]): string[] {
  return [...walkLetterFiles(paths)];
}

/**
 * The letter files of `paths` in a stable order (each directory's entries
 * by name), one directory read at a time: a million letter files are walked without a million paths
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
