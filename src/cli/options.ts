import { join } from 'node:path';
import { Option } from 'commander';
import { readDate } from '../clinical/dates.js';
import { isIsoDate } from '../domain/index.js';
import { redactUrl, type CorpusFilters } from '../store/index.js';
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

export interface FilterFlags {
  decision?: string;
  drug?: string;
  category?: string;
  guideline?: string;
  specialty?: string;
  from?: string;
  to?: string;
  caseNumber?: string;
}

/** The corpus filter options shared by search and stats. */
export function addFilterOptions<T extends { option: (...a: any[]) => T; addOption: (o: Option) => T }>(cmd: T): T {
  return cmd
    .addOption(new Option('--decision <decision>', 'only items with this decision').choices(['upheld', 'overturned']))
    .option('--drug <name>', 'generic drug name or drug class (e.g. baclofen, opioid)')
    .option('--category <category>', 'treatment category (medication, physical-medicine, injection, imaging, diagnostic, surgery, dme, psych, evaluation, other)')
    .option('--guideline <text>', 'cited guideline document or source (e.g. "Low Back", ODG)')
    .option('--specialty <text>', "reviewer's board certification or subspecialty")
    .option('--from <date>', 'decision date on or after (YYYY-MM-DD)')
    .option('--to <date>', 'decision date on or before (YYYY-MM-DD)')
    .option('--case-number <number>', 'the case number, or its beginning (CM16-023)');
}

/** Validated filters from the flags. */
export function filtersFrom(flags: FilterFlags): CorpusFilters {
  const from = isoDateOption('from', flags.from);
  const to = isoDateOption('to', flags.to);
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const f: CorpusFilters = {};
  if (flags.decision) f.decision = flags.decision as CorpusFilters['decision'];
  if (flags.drug) f.drug = flags.drug;
  if (flags.category) f.category = flags.category;
  if (flags.guideline) f.guideline = flags.guideline;
  if (flags.specialty) f.specialty = flags.specialty;
  if (from) f.from = from;
  if (to) f.to = to;
  if (flags.caseNumber !== undefined) {
    if (!/^[A-Za-z0-9-]{1,20}$/.test(flags.caseNumber.trim())) throw new UsageError(`--case-number: "${flags.caseNumber}" is not a case number or its beginning (CM16-0230548)`);
    f.caseNumber = flags.caseNumber.trim();
  }
  return f;
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
