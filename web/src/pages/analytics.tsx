import { useEffect, useState } from 'preact/hooks';
import { corpusStats } from '../api/endpoints.js';
import type { CorpusFilters, Stats, StatsDimension, StatsRow } from '../api/types.js';
import { CategorySelect, ErrorBanner, Field, Loading } from '../components/forms.js';
import { OutcomeChart } from '../components/outcome-chart.js';
import { useAsync } from '../components/use-async.js';
import { categoryLabel, formatMonth } from '../labels.js';
import { navigate, type Location } from '../router.js';
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
  { by: 'month', title: 'Outcomes over time (by month of decision)', kind: 'timeline', labelOf: formatMonth },
  { by: 'drug', title: 'Outcomes by drug', kind: 'bars', top: 12 },
  { by: 'guideline', title: 'Outcomes by guideline cited', kind: 'bars', top: 12 },
];

function rowsFor(p: Panel, stats: Stats): StatsRow[] {
  if (p.kind === 'timeline') return everyMonth(stats.rows.filter((r) => r.key !== null));
  return p.top ? stats.rows.slice(0, p.top) : stats.rows;
}

/** The months from the first to the last, those without a decision included (as zero items), so that the time axis is even. */
export function everyMonth(rows: StatsRow[]): StatsRow[] {
  const byKey = new Map(rows.map((r) => [r.key!, r]));
  const keys = [...byKey.keys()].sort();
  if (keys.length === 0) return [];
  const out: StatsRow[] = [];
  let [y, m] = keys[0]!.split('-').map(Number) as [number, number];
  const last = keys[keys.length - 1]!;
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(byKey.get(key) ?? { key, items: 0, upheld: 0, overturned: 0, upheldPct: 0 });
    if (key >= last) return out;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
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
          <Field label="Treatment category" id="a-category">
            <CategorySelect id="a-category" value={form.category} onChange={set('category')} />
          </Field>
          <Field label="Guideline" id="a-guideline">
            <input id="a-guideline" value={form.guideline ?? ''} onInput={set('guideline')} placeholder="MTUS, ODG" />
          </Field>
          <Field label="Decided from" id="a-from">
            <input id="a-from" type="date" value={form.from ?? ''} onInput={set('from')} />
          </Field>
          <Field label="Decided to" id="a-to">
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
