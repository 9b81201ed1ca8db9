import { join } from 'node:path';
import { Option } from 'commander';
import { readDate } from '../clinical/dates.js';
import { CORPUS_FILTER_NAMES, CORPUS_FILTERS, ValidationError, filterChoices, isIsoDate, parseCorpusFilters, type CorpusFilterName, type CorpusFilters } from '../domain/index.js';
import { redactUrl } from '../store/index.js';
import { UsageError } from './errors.js';

/** Default database: an SQLite file in the current directory. */
export const DEFAULT_DB = './openimr.db';

export const dbOption = () => new Option('--db <path>', 'SQLite database file, or PostgreSQL URL (postgres://user:password@host/db)').default(DEFAULT_DB);

/** Accepts a date as letters write it (YYYY-MM-DD, MM/DD/YYYY, ...) and returns ISO, or throws UsageError naming the option. */
export function isoDateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // An ISO day is taken as given (any calendar day, even far ahead); other forms are read as letters write them.
  const iso = isIsoDate(value.trim()) ? value.trim() : readDate(value);
  if (iso === null) throw new UsageError(`--${name}: "${value}" is not a date (use YYYY-MM-DD)`);
  return iso;
}

/** The corpus filter flags as commander hands them over (camel-cased: --case-number is caseNumber). */
export type FilterFlags = Partial<Record<CorpusFilterName, string>>;

/** The corpus filter options shared by search and stats, one per filter of the domain's definition (CORPUS_FILTERS). */
export function addFilterOptions<T extends { option: (...a: any[]) => T; addOption: (o: Option) => T }>(cmd: T): T {
  let c = cmd;
  for (const name of CORPUS_FILTER_NAMES) {
    const spec = CORPUS_FILTERS[name];
    const option = new Option(`--${spec.flag} <${spec.arg}>`, spec.description);
    const choices = filterChoices(name);
    c = c.addOption(choices ? option.choices(choices) : option);
  }
  return c;
}

/** Validated filters from the flags (the domain's parseCorpusFilters), or UsageError naming the flag. */
export function filtersFrom(flags: FilterFlags): CorpusFilters {
  try {
    return parseCorpusFilters(flags);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const name = err.issues[0]?.path[0] as CorpusFilterName;
    if (name === 'from' && flags.from && flags.to && !err.issues[0]!.message.startsWith('"')) throw new UsageError(`--from ${flags.from.trim()} is after --to ${flags.to.trim()}`);
    throw new UsageError(`--${CORPUS_FILTERS[name].flag}: ${err.issues[0]!.message}`);
  }
}

/**
 * A whole-number option from `min` (default 1) to `max`, written in plain
 * digits ("1e2" and "0x10" are numbers to JavaScript, not to a person), or
 * UsageError.
 */
export function positiveInt(name: string, value: string | undefined, dflt: number, max: number, min = 1): number {
  if (value === undefined) return dflt;
  const n = /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name}: "${value}" is not a whole number from ${min} to ${max}`);
  return n;
}

/** The bundled sample letters. */
export const SAMPLES_DIR = join(import.meta.dirname, '..', '..', 'samples', 'letters');

/** The --db value as messages show it: a PostgreSQL URL without its password. */
export function shownDb(db: string): string {
  return redactUrl(db);
}
