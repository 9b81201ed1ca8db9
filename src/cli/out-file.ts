/**
 * Files the command line writes on request (`--out`): never through a
 * symbolic link (which could point anywhere, another user's file included),
 * never over an existing file without `--force`, created 0600 (they hold
 * personal health information), and written beside their name then renamed
 * into place, so that a failed write leaves no partial file.
 */
import { closeSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { UsageError } from './errors.js';

/** Throws UsageError when `path` may not be written: a symbolic link, not a regular file, or existing without `force`. */
export function checkOutFile(path: string, force: boolean, option = '--out'): void {
  let st;
  try {
    st = lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UsageError(`${option} ${path}: cannot check it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (st.isSymbolicLink()) throw new UsageError(`${option} ${path} is a symbolic link; refusing to write through it (give the file's own path)`);
  if (!st.isFile()) throw new UsageError(`${option} ${path} exists and is not a regular file`);
  if (!force) throw new UsageError(`${option} ${path} exists; give --force to replace it`);
}

/** Writes `data` to `path` as a new 0600 file, atomically (a temporary file beside it, synced, then renamed). */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  const temp = `${path}.partial-${process.pid}`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
