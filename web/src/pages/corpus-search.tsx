import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { corpusLetterUrl, searchCorpus } from '../api/endpoints.js';
import type { CorpusFilterName, CorpusFilters } from '../api/types.js';
import { DecisionBadge } from '../components/badges.js';
import { CategorySelect, ErrorBanner, Field, Loading } from '../components/forms.js';
import { Highlighted } from '../components/highlighted.js';
import { Link } from '../components/link.js';
import { useAsync } from '../components/use-async.js';
import { formatDate } from '../labels.js';
import { navigate, type Location } from '../router.js';
import { splitMarked } from '../text/segments.js';
import { downloadCsv, toCsv } from '../text/csv.js';
import { BODY_REGIONS } from '../text/mentions.js';
import { CORPUS_FILTER_LABELS as LABELS } from '../../../src/domain/corpus-filter-labels.js';
import type { SearchHit } from '../api/types.js';

/**
 * Each hit's relevance as a share of the best on the page (scores are only
 * comparable within one query), and whether they are all about the same,
 * as they are for words most letters contain.
 */
export function relevanceOf(hits: readonly SearchHit[]): { shares: (number | null)[]; even: boolean } {
  const scores = hits.map((h) => h.score).filter((x): x is number => x !== null && Number.isFinite(x));
  const best = Math.max(...scores);
  const worst = Math.min(...scores);
  if (scores.length === 0 || !(best > 0)) return { shares: hits.map(() => null), even: false };
  return { shares: hits.map((h) => (h.score === null ? null : Math.max(0, h.score / best))), even: scores.length > 1 && worst / best > 0.95 };
}

/** The results of a search as CSV, one row per disputed item. */
export function resultsCsv(hits: readonly SearchHit[]): string {
  const { shares } = relevanceOf(hits);
  return toCsv(
    ['case number', 'decision date', 'relevance %', 'item', 'request', 'category', 'treatment', 'decision'],
    hits.flatMap((h, k) => h.items.map((i) => [h.caseNumber, h.decisionDate, shares[k] === null ? null : Math.round(100 * shares[k]!), i.idx, i.request, i.category, i.treatment, i.decision])),
  );
}

/** Every result of a search, up to `max`, page by page. */
async function allResults(f: CorpusFilters, max: number): Promise<SearchHit[]> {
  const out: SearchHit[] = [];
  let offset: number | null = 0;
  while (offset !== null && out.length < max) {
    const page = await searchCorpus(f, 200, offset);
    out.push(...page.items);
    offset = page.nextOffset;
  }
  return out.slice(0, max);
}

const PAGE = 20;
/**
 * The API's filters, as the domain defines them once (CORPUS_FILTERS): the
 * UI may import only types from the server, so the list is written here and
 * the compiler holds it to the definition: a filter added there and missing
 * here (or one here the domain does not have) fails the type check.
 */
const FILTER_KEYS = ['caseNumber', 'decision', 'category', 'drug', 'guideline', 'specialty', 'from', 'to'] as const satisfies readonly CorpusFilterName[];
const everyFilter: Exclude<CorpusFilterName, (typeof FILTER_KEYS)[number]> extends never ? true : never = true;
void everyFilter;
// The words, the order, region and diagnosis are this page's own.
const KEYS = ['q', ...FILTER_KEYS, 'sort', 'region', 'diagnosis'] as const;
/** Most results a CSV download holds. */
const CSV_MAX = 1000;

export function filtersFrom(query: URLSearchParams): CorpusFilters {
  const f: CorpusFilters = {};
  for (const k of KEYS) {
    const v = query.get(k);
    if (v) f[k] = v;
  }
  return f;
}

export function filtersQuery(f: CorpusFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (f[k]) q.set(k, f[k]!);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * The corpus explorer: search with filters; the filters are the URL's, so a
 * search can be linked. As the public decision search (`public`, at
 * /decisions, open without signing in when the server allows it) each letter
 * is offered as HTML and PDF rather than opened in the explorer.
 */
export function CorpusSearchPage(props: { location: Location; public?: boolean }) {
  const base = props.public ? '/decisions' : '/corpus';
  const applied = filtersFrom(props.location.query);
  const offset = Number(props.location.query.get('offset') ?? 0) || 0;
  const [form, setForm] = useState<CorpusFilters>(applied);
  const key = props.location.query.toString();
  useEffect(() => setForm(filtersFrom(props.location.query)), [key]);
  const results = useAsync(() => searchCorpus(applied, PAGE, offset), [key]);
  const set = (k: keyof CorpusFilters) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const submit = (e: Event) => {
    e.preventDefault();
    navigate(`${base}${filtersQuery(form)}`);
  };
  const issues = results.error && 'issues' in results.error ? (results.error.issues as { path: (string | number)[]; message: string }[]) : [];
  const err = (k: string) => issues.filter((i) => i.path.join('.') === `query.${k}`).map((i) => i.message);
  const page = results.data;
  const relevance = page ? relevanceOf(page.items) : null;
  const [csvError, setCsvError] = useState<Error | null>(null);
  const downloadResults = () =>
    allResults(applied, CSV_MAX).then(
      (hits) => downloadCsv('imr-search-results.csv', resultsCsv(hits)),
      (e: unknown) => setCsvError(e instanceof Error ? e : new Error(String(e))),
    );
  return (
    <div class="page">
      <div class="page-head">
        <h1>{props.public ? 'IMR decision search' : 'Corpus explorer'}</h1>
        <p class="muted">
          {props.public
            ? 'Published, redacted Independent Medical Review final determinations: search by case number, words, dates, reviewer specialty, treatment category and outcome; read each letter as a web page or a PDF.'
            : 'Published IMR final determinations: search the letters, filter by outcome, treatment, guideline, reviewer specialty and date.'}
        </p>
      </div>
      <form class="card filters" role="search" onSubmit={submit} aria-label="Search the corpus">
        <div class="filters-main">
          <Field label="Search words" id="q" hint='All words required; "a phrase", OR, -exclude' errors={err('q')}>
            <input id="q" type="search" value={form.q ?? ''} onInput={set('q')} placeholder="e.g. baclofen spasm" />
          </Field>
          <button class="btn btn-primary" type="submit">
            Search
          </button>
        </div>
        <div class="filters-grid">
          <Field label={LABELS.caseNumber.label} id="caseNumber" errors={err('caseNumber')}>
            <input id="caseNumber" value={form.caseNumber ?? ''} onInput={set('caseNumber')} placeholder={LABELS.caseNumber.placeholder} />
          </Field>
          <Field label={LABELS.decision.label} id="decision" errors={err('decision')}>
            <select id="decision" value={form.decision ?? ''} onChange={set('decision')}>
              <option value="">Any</option>
              <option value="upheld">Upheld</option>
              <option value="overturned">Overturned</option>
            </select>
          </Field>
          <Field label={LABELS.category.label} id="category" errors={err('category')}>
            <CategorySelect id="category" value={form.category} onChange={set('category')} />
          </Field>
          <Field label={LABELS.drug.label} id="drug" errors={err('drug')}>
            <input id="drug" value={form.drug ?? ''} onInput={set('drug')} placeholder={LABELS.drug.placeholder} />
          </Field>
          <Field label={LABELS.guideline.label} id="guideline" errors={err('guideline')}>
            <input id="guideline" value={form.guideline ?? ''} onInput={set('guideline')} placeholder={LABELS.guideline.placeholder} />
          </Field>
          <Field label={LABELS.specialty.label} id="specialty" errors={err('specialty')}>
            <input id="specialty" value={form.specialty ?? ''} onInput={set('specialty')} placeholder={LABELS.specialty.placeholder} />
          </Field>
          <Field label={LABELS.from.label} id="from" errors={err('from')}>
            <input id="from" type="date" value={form.from ?? ''} onInput={set('from')} />
          </Field>
          <Field label={LABELS.to.label} id="to" errors={err('to')}>
            <input id="to" type="date" value={form.to ?? ''} onInput={set('to')} />
          </Field>
          <Field label="Body region" id="region" hint="Letters that name it" errors={err('region')}>
            <select id="region" value={form.region ?? ''} onChange={set('region')}>
              <option value="">Any</option>
              {Object.entries(BODY_REGIONS).map(([k, r]) => (
                <option key={k} value={k}>
                  {r.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Diagnosis" id="diagnosis" hint="Letters that name it" errors={err('diagnosis')}>
            <input id="diagnosis" value={form.diagnosis ?? ''} onInput={set('diagnosis')} placeholder="carpal tunnel syndrome" />
          </Field>
          <Field label="Sort" id="sort" hint="Relevance applies when words are searched" errors={err('sort')}>
            <select id="sort" value={form.sort ?? 'relevance'} onChange={set('sort')}>
              <option value="relevance">Best match first</option>
              <option value="date">Newest decision first</option>
            </select>
          </Field>
        </div>
      </form>
      {results.loading && <Loading what="letters" />}
      {results.error && results.error instanceof ApiError && results.error.status === 401 ? (
        <p class="banner banner-info" role="status">
          This server shows its decisions only to signed-in users. <a href="/login">Sign in</a>
        </p>
      ) : (
        results.error && !issues.length && <ErrorBanner error={results.error} />
      )}
      {page && (
        <section aria-labelledby="results-title">
          <div class="results-head">
            <h2 id="results-title">
              {page.total === 0
                ? 'No letters found'
                : `${page.totalExact ? '' : 'More than '}${page.total.toLocaleString()} letter${page.total === 1 ? '' : 's'}${page.estimatedTotal !== null ? ` (about ${page.estimatedTotal.toLocaleString()})` : ''}`}
            </h2>
            {page.total > 0 && (
              <span class="muted">
                showing {offset + 1}–{offset + page.items.length}
              </span>
            )}
            {page.total > 0 && (
              <button type="button" class="btn btn-small results-csv" onClick={downloadResults}>
                Download results (CSV{page.total > CSV_MAX ? `, first ${CSV_MAX}` : ''})
              </button>
            )}
          </div>
          <ErrorBanner error={csvError} />
          {page.order === 'added' && (
            <p class="banner banner-info" role="status">
              These words are in too many letters to rank: the most recently added come first. Add words or filters to narrow.
            </p>
          )}
          {relevance?.even && applied.sort !== 'date' && (
            <p class="banner banner-info" role="status">
              These words are in many letters, so the matches are about equally relevant: the order says little. Add words or filters, or sort by date.
            </p>
          )}
          <ol class="hits">
            {page.items.map((h, k) => (
              <li key={h.id} class="card hit">
                <div class="hit-head">
                  {props.public ? (
                    <a href={corpusLetterUrl(h.id, 'html')} class="hit-title">
                      {h.caseNumber ?? `Letter ${h.id}`}
                    </a>
                  ) : (
                    <Link href={`/corpus/letters/${h.id}${filtersQuery({ q: applied.q })}`} class="hit-title">
                      {h.caseNumber ?? `Letter ${h.id}`}
                    </Link>
                  )}
                  <span class="muted">
                    {h.decisionDate ? `Decided ${formatDate(h.decisionDate)}` : 'No decision date'}
                    {relevance && relevance.shares[k] !== null && !relevance.even && (
                      <span class="relevance" title="Relevance compared with the best match on this page">
                        {' · '}relevance {Math.round(100 * relevance.shares[k]!)}% of the best
                      </span>
                    )}
                  </span>
                </div>
                <p class="snippet">
                  <Highlighted segments={splitMarked(h.snippet)} />
                </p>
                <ul class="hit-items">
                  {h.items.map((i) => (
                    <li key={i.idx} class={i.matchesFilters ? '' : 'dim'}>
                      <DecisionBadge decision={i.decision} /> <span>{i.request}</span>
                    </li>
                  ))}
                </ul>
                {props.public && (
                  <p class="links small">
                    <a href={corpusLetterUrl(h.id, 'html')}>
                      Letter <span class="sr-only">{h.caseNumber ?? h.id} </span>(HTML)
                    </a>
                    <a href={corpusLetterUrl(h.id, 'pdf')} download>
                      PDF <span class="sr-only">of {h.caseNumber ?? h.id}</span>
                    </a>
                  </p>
                )}
              </li>
            ))}
          </ol>
          <nav class="pager" aria-label="Result pages">
            {offset > 0 && (
              <Link class="btn" href={`${base}${filtersQuery(applied, { offset: String(Math.max(0, offset - PAGE)) })}`}>
                ← Previous
              </Link>
            )}
            {page.nextOffset !== null && (
              <Link class="btn" href={`${base}${filtersQuery(applied, { offset: String(page.nextOffset) })}`}>
                Next →
              </Link>
            )}
          </nav>
        </section>
      )}
    </div>
  );
}
