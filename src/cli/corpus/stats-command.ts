import { Option, type Command } from 'commander';
import { openStore, STATS_DIMENSIONS, type StatsDimension, type StatsRow } from '../../store/index.js';
import { CorpusService } from '../../workflow/corpus/index.js';
import { addFilterOptions, dbOption, filtersFrom, type FilterFlags } from '../options.js';
import { toCsv, toTable } from '../output.js';

const DIMENSIONS: readonly StatsDimension[] = STATS_DIMENSIONS;
const COLUMNS = ['key', 'items', 'upheld', 'overturned', 'upheldPct'];

interface StatsFlags extends FilterFlags {
  db: string;
  by: StatsDimension;
  query?: string;
  json?: boolean;
  csv?: boolean;
}

/** Outcome statistics from the store at `db`. */
export async function runStats(flags: StatsFlags): Promise<StatsRow[]> {
  const filters = filtersFrom(flags);
  const store = await openStore({ path: flags.db, mustExist: true });
  try {
    return await new CorpusService(store.determinations).stats({ by: flags.by, ...filters, q: flags.query });
  } finally {
    await store.close();
  }
}

export function formatStats(by: string, rows: StatsRow[]): string {
  const total = rows.reduce((s, r) => s + r.items, 0);
  return `Disputed items by ${by} (${total} item counts)\n` + toTable(rows.map((r) => ({ ...r, key: r.key ?? '(none)', upheldPct: `${r.upheldPct.toFixed(1)}%` })), COLUMNS);
}

/** `imr stats [--by DIMENSION] [filters] [--json|--csv]`. */
export function registerStats(program: Command): void {
  const cmd = program
    .command('stats')
    .description('disputed item counts and upheld % grouped by a dimension')
    .addOption(dbOption())
    .addOption(new Option('--by <dimension>', 'what to group by').choices(DIMENSIONS).default('category'))
    .option('--query <text>', 'only letters matching this search')
    .option('--json', 'print rows as JSON')
    .option('--csv', 'print rows as CSV');
  addFilterOptions(cmd).action(async (flags: StatsFlags) => {
    const rows = await runStats(flags);
    if (flags.json) process.stdout.write(JSON.stringify(rows) + '\n');
    else if (flags.csv) process.stdout.write(toCsv(rows, COLUMNS));
    else process.stdout.write(formatStats(flags.by, rows));
  });
}
