/** Shared plumbing of the case, reviewer and letter commands. */
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { Option } from 'commander';
import { ValidationError } from '../../domain/index.js';
import { openStore, type Store } from '../../store/index.js';
import { CaseService } from '../../workflow/cases/index.js';
import { engineAssessor } from '../engine/index.js';
import { DEFAULT_DB } from '../options.js';

export const actorOption = () => new Option('--actor <name>', 'who is acting, for the audit trail (default: $IMR_ACTOR, else the OS user)');

/** The acting person: --actor, else IMR_ACTOR, else the OS user name. */
export function actorOf(opts: { actor?: string }): string {
  const fromOs = (() => {
    try {
      return userInfo().username;
    } catch {
      return '';
    }
  })();
  return (opts.actor ?? process.env.IMR_ACTOR ?? fromOs).trim() || 'unknown';
}

/**
 * Opens the store, runs `fn` with a case service, and closes the store
 * whatever happens. The database must exist unless `create` (the commands
 * that open a case or register a reviewer): a mistyped --db is reported,
 * not answered from a new empty database.
 */
export async function withService<T>(opts: { db?: string }, fn: (service: CaseService, store: Store) => Promise<T>, options: { create?: boolean } = {}): Promise<T> {
  const store = await openStore({ path: opts.db ?? DEFAULT_DB, mustExist: !options.create });
  try {
    return await fn(new CaseService(store, { assessor: engineAssessor }), store);
  } finally {
    await store.close();
  }
}

/** Reads and parses a JSON file; a missing file or bad JSON is a ValidationError naming the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ValidationError(`${path}: cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, []);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`${path}: not valid JSON (${(err as Error).message})`, []);
  }
}

/** Reads a text file for a record; errors name the file. */
export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new ValidationError(`${path}: cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, []);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Collects a repeatable option's values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
