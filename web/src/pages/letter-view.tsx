import { corpusLetterUrl, getLetter, similarLetters } from '../api/endpoints.js';
import type { GuidelineCitation, SimilarLetter } from '../api/types.js';
import { DecisionBadge } from '../components/badges.js';
import { ErrorBanner, Loading } from '../components/forms.js';
import { Highlighted } from '../components/highlighted.js';
import { Link } from '../components/link.js';
import { useAsync } from '../components/use-async.js';
import { categoryLabel, formatDate } from '../labels.js';
import type { Location } from '../router.js';
import { queryTerms, termRanges, type QueryTerm } from '../text/query-terms.js';
import { splitByRanges } from '../text/segments.js';
import { NotFoundPage } from './not-found.js';

function Marked(props: { text: string; terms: QueryTerm[] }) {
  return <Highlighted segments={splitByRanges(props.text, termRanges(props.text, props.terms))} />;
}

function citation(c: GuidelineCitation): string {
  return [c.source, c.document, c.pages.length ? `p. ${c.pages[0]}${c.pages.length > 1 ? `–${c.pages[c.pages.length - 1]}` : ''}` : ''].filter(Boolean).join(' · ');
}

/** A corpus letter: its items and outcomes, the summary and rationales with the searched words marked, and its precedents. */
export function LetterViewPage(props: { id: string; location: Location }) {
  const q = props.location.query.get('q') ?? '';
  const terms = queryTerms(q);
  const letter = useAsync(() => getLetter(props.id), [props.id]);
  const similar = useAsync(() => similarLetters(props.id), [props.id]);
  if (letter.loading) return <Loading what="the letter" />;
  if (letter.error && 'status' in letter.error && letter.error.status === 404) return <NotFoundPage what="letter" />;
  if (letter.error || !letter.data) return <ErrorBanner error={letter.error} />;
  const { determination: d, id } = letter.data;
  const specialties = [...d.reviewer.boardCertifications, ...d.reviewer.subspecialties];
  return (
    <div class="page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <Link href={`/corpus${q ? `?q=${encodeURIComponent(q)}` : ''}`}>Corpus</Link> / <span>{d.caseNumber ?? `Letter ${id}`}</span>
      </nav>
      <div class="page-head row">
        <div>
          <h1>{d.caseNumber ?? `Letter ${id}`}</h1>
          <p class="muted">
            Final determination · decided {formatDate(d.dates.decision)} · {d.priority ?? 'standard'} review
            {q && (
              <>
                {' '}
                · words of “{q}” marked
              </>
            )}
          </p>
        </div>
        <div class="actions">
          <a class="btn" href={corpusLetterUrl(id, 'pdf')} download>
            PDF
          </a>
          <a class="btn" href={corpusLetterUrl(id, 'html')} target="_blank" rel="noopener">
            Letter (HTML)
          </a>
          <a class="btn" href={`/api/letters/${id}/original`} target="_blank" rel="noopener">
            Original text
          </a>
        </div>
      </div>
      <div class="two-col">
        <div class="col-main">
          <section class="card">
            <h2>Disputed items</h2>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Request</th>
                  <th scope="col">Category</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((i) => (
                  <tr key={i.index}>
                    <td>{i.index}</td>
                    <td>
                      <Marked text={i.request} terms={terms} />
                    </td>
                    <td>{categoryLabel(i.treatment.category)}</td>
                    <td>
                      <DecisionBadge decision={i.decision} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="card">
            <h2>Clinical case summary</h2>
            <p class="prose letter-summary">
              <Marked text={d.clinicalSummary} terms={terms} />
            </p>
          </section>
          {d.items.map((i) => (
            <section class="card" key={i.index}>
              <h2>
                Item {i.index}: <Marked text={i.request} terms={terms} /> <DecisionBadge decision={i.decision} />
              </h2>
              {i.imrGuidelines.length > 0 && (
                <p class="muted small">
                  Guidelines relied on: {i.imrGuidelines.map(citation).join('; ')}
                </p>
              )}
              <p class="prose">
                <Marked text={i.rationale} terms={terms} />
              </p>
            </section>
          ))}
        </div>
        <aside class="col-side">
          <section class="card">
            <h2>The review</h2>
            <dl class="facts">
              <dt>Reviewer</dt>
              <dd>{specialties.join(', ') || '—'}</dd>
              <dt>Licensed in</dt>
              <dd>{d.reviewer.licensureStates.join(', ') || '—'}</dd>
              <dt>Patient</dt>
              <dd>{[d.patient.age !== null ? `${d.patient.age} years` : null, d.patient.sex].filter(Boolean).join(', ') || '—'}</dd>
              <dt>UR denial</dt>
              <dd>{formatDate(d.dates.urDenial)}</dd>
              <dt>Assigned</dt>
              <dd>{formatDate(d.dates.assigned)}</dd>
            </dl>
          </section>
          <section class="card" aria-labelledby="similar-title">
            <h2 id="similar-title">Similar precedents</h2>
            <p class="muted small">Letters deciding the same treatment (those under the same guideline first), most similar summary first.</p>
            {similar.loading && <Loading />}
            {similar.data && similar.data.items.length === 0 && <p class="muted">None in the corpus.</p>}
            <ul class="similar">
              {similar.data?.items.map((s) => <SimilarItem key={s.id} s={s} q={q} />)}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}

function SimilarItem(props: { s: SimilarLetter; q: string }) {
  const { s } = props;
  return (
    <li>
      <div class="similar-head">
        <Link href={`/corpus/letters/${s.id}${props.q ? `?q=${encodeURIComponent(props.q)}` : ''}`}>{s.caseNumber ?? `Letter ${s.id}`}</Link>
        <span class="muted small" title="similarity of the clinical summaries">
          {Math.round(s.similarity * 100)}% alike
        </span>
      </div>
      <ul class="similar-items">
        {s.items
          .filter((i) => i.shared)
          .map((i) => (
            <li key={i.idx}>
              <DecisionBadge decision={i.decision} /> {i.request}
            </li>
          ))}
      </ul>
      {s.sharedGuidelines.length > 0 && <div class="muted small">Same guideline: {s.sharedGuidelines.join('; ')}</div>}
    </li>
  );
}
