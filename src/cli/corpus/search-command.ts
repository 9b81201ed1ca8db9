import { Option, type Command } from 'commander';
import { openStore, type SearchPage } from '../../store/index.js';
import { CorpusService } from '../../workflow/corpus/index.js';
import { addFilterOptions, dbOption, filtersFrom, positiveInt, type FilterFlags } from '../options.js';
import { toCsv } from '../output.js';

interface SearchFlags extends FilterFlags {
  db: string;
  limit?: string;
  offset?: string;
  json?: boolean;
  csv?: boolean;
  sort?: 'relevance' | 'date';
}

/** Runs a search against the store at `db`. */
export async function runSearch(query: string, flags: SearchFlags): Promise<SearchPage> {
  // Checked here first, so that a bad value is named by its flag (--from), before the store is opened.
  const filters = filtersFrom(flags);
  const limit = positiveInt('limit', flags.limit, 10, 200);
  const offset = positiveInt('offset', flags.offset, 0, 1_000_000, 0);
  const store = await openStore({ path: flags.db, mustExist: true });
  try {
    return await new CorpusService(store.determinations).search({ q: query, ...filters, limit, offset, sort: flags.sort });
  } finally {
    await store.close();
  }
}

/** Search hits for people: case, date, relevance (share of the best hit), items with decisions, and the highlighted snippet. */
export function formatHits(page: SearchPage): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const found = page.totalExact
    ? `${page.total} letter(s) found`
    : page.estimatedTotal !== null
      ? `more than ${n(page.total)} letters found (about ${n(page.estimatedTotal)}, estimated)`
      : `more than ${n(page.total)} letters found`;
  // Say which order applied when it is not the one a person would assume.
  const order = page.order === 'added' ? ' - too common to rank: most recently added first; add words or filters to narrow' : '';
  const out = [found + order];
  // Raw scores of common words are all near zero ("score 0.00"): relevance is shown as a share of the best hit here,
  // and when every hit scores about the same, that is said once instead.
  const scores = page.hits.map((h) => h.score).filter((x): x is number => x !== null);
  const best = Math.max(...scores);
  const even = scores.length > 1 && best > 0 && Math.min(...scores) / best > 0.95;
  if (even) out.push('(these words are in many letters: the matches are about equally relevant)');
  for (const h of page.hits) {
    const score = h.score === null || even || !(best > 0) ? '' : `  relevance ${Math.round((100 * h.score) / best)}%`;
    out.push('', `${h.caseNumber ?? `letter #${h.id}`}  ${h.decisionDate ?? ''}${score}`);
    for (const i of h.items) out.push(`  ${i.matchesFilters ? '*' : ' '} ${i.idx}. ${i.request}: ${i.decision === 'upheld' ? 'Upheld' : 'Overturned'}`);
    out.push(`  ${h.snippet}`);
  }
  return out.join('\n') + '\n';
}

/** `imr search "QUERY" [filters] [--json|--csv]`. */
export function registerSearch(program: Command): void {
  const cmd = program
    .command('search')
    .description('full-text search of the corpus, ranked, with «highlighted» snippets')
    .argument('[query]', 'words (all required), "phrases", OR, -word or NOT word', '')
    .addOption(dbOption())
    .option('--limit <n>', 'results per page (1-200)', '10')
    .option('--offset <n>', 'results to skip')
    .addOption(new Option('--sort <order>', 'with words: best match first, or newest decision first').choices(['relevance', 'date']))
    .option('--json', 'print the result page as JSON')
    .option('--csv', 'print one CSV row per letter');
  addFilterOptions(cmd).action(async (query: string, flags: SearchFlags) => {
    const page = await runSearch(query, flags);
    if (flags.json) process.stdout.write(JSON.stringify(page) + '\n');
    else if (flags.csv) {
      const rows = page.hits.map((h) => ({
        id: h.id,
        caseNumber: h.caseNumber,
        decisionDate: h.decisionDate,
        score: h.score,
        items: h.items.map((i) => `${i.request}: ${i.decision}`).join(' | '),
        snippet: h.snippet,
      }));
      process.stdout.write(toCsv(rows, ['id', 'caseNumber', 'decisionDate', 'score', 'items', 'snippet']));
    } else process.stdout.write(formatHits(page));
  });
}
