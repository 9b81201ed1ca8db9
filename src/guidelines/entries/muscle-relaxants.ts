import { all, any, atMost, has, lacks, quantityStated, standardForm, exceptional } from '../criteria.js';
import { DOC, mtus, pages } from '../documents.js';
import type { GuidelineEntry } from '../types.js';

const SOURCE = 'MTUS CPMTG 2009: Muscle relaxants (for pain) pp.63-66, Baclofen/Anti-spasticity drugs p.64, Cyclobenzaprine pp.41-42, Carisoprodol p.29; page numbers as cited in IMR letters (e.g. "Muscle relaxants Page(s): 63-66", "Anti-Spasticity Drugs Page(s): 64") which the corpus letters that give pages confirm for pp.63-66 and p.64';

/** Short-term use the guideline allows: "no longer than 2-3 weeks" — 3 weeks as the limit. */
const SHORT_TERM_DAYS = 21;

const shortTerm = [
  atMost('long-term-use', 'drug-days-of-use', SHORT_TERM_DAYS, 'short-term use only (no longer than 2-3 weeks); long-term use is not recommended', { whenUndocumented: 'met' }),
  atMost('short-supply', 'days-supply', 30, 'a quantity consistent with short-term treatment', { whenUndocumented: 'met' }),
];

export const MUSCLE_RELAXANT_ENTRIES: GuidelineEntry[] = [
  {
    id: 'baclofen',
    title: 'Baclofen (anti-spasticity drug)',
    citation: mtus(DOC.cpmtg, ['Muscle relaxants (for pain)', 'Anti-spasticity drugs: Baclofen'], pages(63, 66)),
    scope: { generics: ['baclofen'] },
    recommendation: 'recommended-with-criteria',
    summary: 'Baclofen is recommended orally for the treatment of spasticity and muscle spasm related to multiple sclerosis and spinal cord injuries; muscle relaxants are otherwise second-line options for short-term treatment of acute exacerbations of chronic low back pain.',
    criteria: all(has('ms-sci', 'spasticity-ms-sci', 'spasticity or muscle spasm related to multiple sclerosis or a spinal cord injury'), ...shortTerm, quantityStated, standardForm),
    provenance: SOURCE,
  },
  {
    id: 'carisoprodol',
    title: 'Carisoprodol (Soma)',
    citation: mtus(DOC.cpmtg, ['Carisoprodol (Soma)'], pages(29)),
    scope: { generics: ['carisoprodol'] },
    recommendation: 'not-recommended',
    summary: 'Carisoprodol is not recommended and is not indicated for long-term use; its active metabolite is meprobamate, a scheduled drug with abuse potential.',
    criteria: exceptional,
    provenance: SOURCE,
  },
  {
    id: 'muscle-relaxants',
    title: 'Muscle relaxants (for pain)',
    citation: mtus(DOC.cpmtg, ['Muscle relaxants (for pain)'], pages(63, 66)),
    scope: { drugClasses: ['muscle-relaxant'] },
    recommendation: 'limited',
    summary: 'Non-sedating muscle relaxants are recommended with caution as a second-line option for short-term treatment (no more than 2-3 weeks) of acute exacerbations in patients with chronic low back pain; efficacy diminishes over time and prolonged use can lead to dependence.',
    criteria: all(
      has('spasm', 'muscle-spasm', 'muscle spasm documented on examination (an acute exacerbation)'),
      ...shortTerm,
      any(lacks('no-prior-use', 'drug-in-use', 'a new prescription rather than continued use'), has('functional-improvement', 'drug-functional-improvement', 'objective functional improvement from prior use')),
      quantityStated,
      standardForm,
    ),
    provenance: SOURCE,
  },
];
