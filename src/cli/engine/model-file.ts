/**
 * Overturn model files for the CLI: read (validated, one-line errors naming
 * the file) and written whole (to a temporary file renamed into place, so an
 * interrupted write never leaves half a model).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ModelFileError } from '../../engine/errors.js';
import { parseModel, type OverturnModel } from '../../engine/model/overturn-model.js';

/** Reads and validates a model file. */
export function readModelFile(path: string): OverturnModel {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ModelFileError(path, `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ModelFileError(path, 'not JSON');
  }
  return parseModel(json, path);
}

/** Writes a model file atomically. */
export function writeModelFile(path: string, model: OverturnModel): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(model, null, 1) + '\n');
    renameSync(tmp, path);
  } catch (err) {
    throw new ModelFileError(path, `cannot write (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The model named by IMR_MODEL, if set; else undefined (the engine's default model). */
export function modelFromEnvironment(): OverturnModel | undefined {
  const path = process.env.IMR_MODEL?.trim();
  return path ? readModelFile(path) : undefined;
}
