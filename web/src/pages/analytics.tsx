import { useEffect, useState } from 'preact/hooks';
import { corpusStats } from '../api/endpoints.js';
import type { CorpusFilters, Stats, StatsDimension, StatsRow } from '../api/types.js';
import { CategorySelect, ErrorBanner, Field, Loading } from '../components/forms.js';
import { OutcomeChart } from '../components/outcome-chart.js';
import { useAsync } from '../components/use-async.js';
import { categoryLabel, formatMonth } from '../labels.js';
import { downloadCsv, toCsv } from '../text/csv.js';
import { timeline } from '../text/timeline.js';
import { BODY_REGIONS } from '../text/mentions.js';
import { navigate, type Location } from '../router.js';
import { CORPUS_FILTER_LABELS as LABELS } from '../../../src/domain/corpus-filter-labels.js';
import { filtersFrom, filtersQuery } from './corpus-search.js';

interface Panel {
  by: StatsDimension;
  title: string;
  kind: 'bars' | 'timeline';
  /** Largest groups shown; the table lists them all. */
  top?: number;
  labelOf?: (k: string | null) => string;
}

const PANELS: Panel[] = [
  { by: 'category', title: 'Outcomes by treatment category', kind: 'bars', labelOf: categoryLabel },
  { by: 'specialty', title: 'Outcomes by reviewer specialty', kind: 'bars', top: 9 },
  { by: 'month', title: 'Outcomes over time (by month of decision)', kind: 'timeline', labelOf: timelineLabel },
  { by: 'drug', title: 'Outcomes by drug ingredient', kind: 'bars', top: 12 },
  { by: 'product', title: 'Outcomes by drug product requested', kind: 'bars', top: 12 },
  { by: 'drug-class', title: 'Outcomes by drug class', kind: 'bars', top: 12 },
  { by: 'guideline', title: 'Outcomes by guideline cited', kind: 'bars', top: 12 },
];

function rowsFor(p: Panel, stats: Stats): StatsRow[] {
  if (p.kind === 'timeline') return timeline(stats.rows);
  return p.top ? stats.rows.slice(0, p.top) : stats.rows;
}

/** A month of the time axis ("Jan 2017"), or a gap in it ("no decisions Jun 2014 – Nov 2016"). */
export function timelineLabel(key: string | null): string {
  if (key?.startsWith('gap:')) {
    const [, first, last] = key.split(':');
    return `no decisions ${formatMonth(first!)} – ${formatMonth(last!)}`;
  }
  return formatMonth(key);
}

/** A chart's table as CSV: what the table shows, one row per key. */
export function panelCsv(p: Panel, rows: readonly StatsRow[]): string {
  return toCsv(
    [p.by, 'items', 'upheld', 'overturned', 'overturned %'],
    rows.map((r) => [p.labelOf ? p.labelOf(r.key) : (r.key ?? '(none)'), r.items, r.upheld, r.overturned, r.items ? Number((100 - r.upheldPct).toFixed(1)) : null]),
  );
}

function pct(r: StatsRow): string {
  return r.items ? `${(100 - r.upheldPct).toFixed(1)}%` : '—';
}

/** The analytics dashboard: how often UR denials are overturned, by category, drug, guideline, specialty and over time. */
export function AnalyticsPage(props: { location: Location }) {
  const applied = filtersFrom(props.location.query);
  const key = props.location.query.toString();
  const [form, setForm] = useState<CorpusFilters>(applied);
  useEffect(() => setForm(filtersFrom(props.location.query)), [key]);
  const all = useAsync(() => Promise.all(PANELS.map((p) => corpusStats(p.by, applied))), [key]);
  const totals = all.data?.[0]?.rows.reduce((t, r) => ({ items: t.items + r.items, overturned: t.overturned + r.overturned }), { items: 0, overturned: 0 });
  const set = (k: keyof CorpusFilters) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <div class="page">
      <div class="page-head">
        <h1>Outcome analytics</h1>
        <p class="muted">Disputed items in the published determinations: upheld (the denial stands) or overturned (found medically necessary).</p>
      </div>
      <form
        class="card filters"
        aria-label="Filter the statistics"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/analytics${filtersQuery(form)}`);
        }}
      >
        <div class="filters-grid">
          <Field label="Letters mentioning" id="a-q">
            <input id="a-q" type="search" value={form.q ?? ''} onInput={set('q')} placeholder="any words" />
          </Field>
          <Field label={LABELS.caseNumber.label} id="a-case">
            <input id="a-case" value={form.caseNumber ?? ''} onInput={set('caseNumber')} placeholder={LABELS.caseNumber.placeholder} />
          </Field>
          <Field label="Body region" id="a-region" hint="Letters that name it">
            <select id="a-region" value={form.region ?? ''} onChange={set('region')}>
              <option value="">Any</option>
              {Object.entries(BODY_REGIONS).map(([k, r]) => (
                <option key={k} value={k}>
                  {r.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Diagnosis" id="a-diagnosis" hint="Letters that name it">
            <input id="a-diagnosis" value={form.diagnosis ?? ''} onInput={set('diagnosis')} placeholder="carpal tunnel syndrome" />
          </Field>
          <Field label={LABELS.category.label} id="a-category">
            <CategorySelect id="a-category" value={form.category} onChange={set('category')} />
          </Field>
          <Field label={LABELS.guideline.label} id="a-guideline">
            <input id="a-guideline" value={form.guideline ?? ''} onInput={set('guideline')} placeholder={LABELS.guideline.placeholder} />
          </Field>
          <Field label={LABELS.from.label} id="a-from">
            <input id="a-from" type="date" value={form.from ?? ''} onInput={set('from')} />
          </Field>
          <Field label={LABELS.to.label} id="a-to">
            <input id="a-to" type="date" value={form.to ?? ''} onInput={set('to')} />
          </Field>
          <div class="field field-button">
            <button class="btn btn-primary" type="submit">
              Apply
            </button>
          </div>
        </div>
      </form>
      {all.loading && <Loading what="statistics" />}
      <ErrorBanner error={all.error} />
      {totals && (
        <div class="kpis">
          <div class="card kpi">
            <div class="kpi-value">{totals.items.toLocaleString()}</div>
            <div class="kpi-label">disputed items</div>
          </div>
          <div class="card kpi">
            <div class="kpi-value">{totals.overturned.toLocaleString()}</div>
            <div class="kpi-label">overturned</div>
          </div>
          <div class="card kpi">
            <div class="kpi-value">{totals.items ? `${((100 * totals.overturned) / totals.items).toFixed(1)}%` : '—'}</div>
            <div class="kpi-label">overturn rate</div>
          </div>
        </div>
      )}
      <div class="charts">
        {all.data &&
          PANELS.map((p, i) => {
            const rows = rowsFor(p, all.data![i]!);
            return (
              <section class={`card chart-card ${p.kind === 'timeline' ? 'wide' : ''}`} key={p.by} aria-labelledby={`chart-${p.by}`} data-chart={p.by}>
                <h2 id={`chart-${p.by}`}>{p.title}</h2>
                {rows.length === 0 ? <p class="muted">No items.</p> : <OutcomeChart rows={rows} label={p.title} kind={p.kind} {...(p.labelOf ? { labelOf: p.labelOf } : {})} />}
                <div class="chart-tools">
                  <button type="button" class="btn btn-small" onClick={() => downloadCsv(`imr-outcomes-by-${p.by}.csv`, panelCsv(p, rows))}>
                    Download CSV<span class="sr-only"> of {p.title.toLowerCase()}</span>
                  </button>
                </div>
                <details>
                  <summary>Table</summary>
                  <table class="table compact">
                    <thead>
                      <tr>
                        <th scope="col">{p.by}</th>
                        <th scope="col" class="num">Items</th>
                        <th scope="col" class="num">Upheld</th>
                        <th scope="col" class="num">Overturned</th>
                        <th scope="col" class="num">Overturned %</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr key={r.key ?? 'none'}>
                          <td>{p.labelOf ? p.labelOf(r.key) : (r.key ?? '(none)')}</td>
                          <td class="num">{r.items}</td>
                          <td class="num">{r.upheld}</td>
                          <td class="num">{r.overturned}</td>
                          <td class="num">{pct(r)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              </section>
            );
          })}
      </div>
    </div>
  );
}
