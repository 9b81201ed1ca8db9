import { all, any, has, quantityStated } from '../criteria.js';
import { DOC, mtus, pages } from '../documents.js';
import type { GuidelineEntry } from '../types.js';

const SOURCE = 'MTUS CPMTG 2009: Topical analgesics pp.111-113 (any compounded product with at least one drug or drug class that is not recommended is not recommended; lidocaine only as the Lidoderm patch; topical NSAIDs for osteoarthritis of joints amenable to topical treatment, not the spine, hip or shoulder), Lidoderm pp.56-57, Capsaicin pp.28-29; letters cite "Topical analgesics Page(s): 111-113"';

const neuropathicAfterFirstLine = all(
  has('neuropathic', 'neuropathic-pain', 'localized peripheral neuropathic pain'),
  any(has('failed-first-line', 'failed-first-line-neuropathic', 'a failed trial of first-line therapy (tricyclic or SNRI antidepressant, or an anti-epilepsy drug such as gabapentin or Lyrica)'), has('oral-intolerance', 'oral-intolerance', 'intolerance of oral medications')),
);

export const TOPICAL_ENTRIES: GuidelineEntry[] = [
  {
    id: 'topical-compounded',
    title: 'Topical analgesics, compounded',
    citation: mtus(DOC.cpmtg, ['Topical analgesics'], pages(111, 113)),
    scope: { drugClasses: ['compounded'], topical: true },
    recommendation: 'limited',
    summary: 'Topical analgesics are largely experimental, primarily recommended for neuropathic pain when trials of antidepressants and anticonvulsants have failed; any compounded product that contains at least one drug (or drug class) that is not recommended is not recommended.',
    criteria: all(has('ingredients', 'compound-ingredients-recommended', 'every ingredient of the compound recommended for topical use'), neuropathicAfterFirstLine, quantityStated),
    provenance: SOURCE,
  },
  {
    id: 'topical-lidocaine',
    title: 'Lidocaine, topical (Lidoderm)',
    citation: mtus(DOC.cpmtg, ['Topical analgesics', 'Lidoderm (lidocaine patch)'], pages(111, 113)),
    scope: { generics: ['lidocaine'], topical: true },
    recommendation: 'limited',
    summary: 'Topical lidocaine, in the formulation of a dermal patch (Lidoderm), may be recommended for localized peripheral neuropathic pain after there has been evidence of a trial of first-line therapy; no other commercially approved topical formulation of lidocaine (creams, lotions, gels, ointments) is indicated.',
    criteria: all(has('patch', 'topical-form-recommended', 'the dermal patch formulation (other lidocaine forms are not recommended)'), has('ingredients', 'compound-ingredients-recommended', 'every ingredient recommended for topical use'), neuropathicAfterFirstLine, quantityStated),
    provenance: SOURCE,
  },
  {
    id: 'topical-nsaid',
    title: 'Topical NSAIDs',
    citation: mtus(DOC.cpmtg, ['Topical analgesics', 'Non-steroidal antiinflammatory agents (NSAIDs)'], pages(111, 113)),
    scope: { generics: ['diclofenac', 'ketoprofen', 'flurbiprofen', 'ibuprofen', 'naproxen'], topical: true },
    recommendation: 'limited',
    summary: 'Topical NSAIDs are indicated for osteoarthritis and tendinitis of joints amenable to topical treatment (ankle, elbow, foot, hand, knee, wrist) for short-term use (4-12 weeks); they are not recommended for the spine, hip or shoulder, and ketoprofen is not FDA-approved for topical use.',
    criteria: all(has('ingredients', 'compound-ingredients-recommended', 'an ingredient recommended for topical use'), has('joint', 'peripheral-joint', 'osteoarthritis or tendinitis of a joint amenable to topical treatment (not the spine, hip or shoulder)'), quantityStated),
    provenance: SOURCE,
  },
  {
    id: 'topical-capsaicin',
    title: 'Capsaicin, topical and other topical analgesics',
    citation: mtus(DOC.cpmtg, ['Topical analgesics', 'Capsaicin, topical'], pages(111, 113)),
    scope: { topical: true },
    recommendation: 'limited',
    summary: 'Capsaicin is recommended only as an option in patients who have not responded to or are intolerant of other treatments; other topical agents are recommended only for neuropathic pain after first-line therapy has failed.',
    criteria: all(has('ingredients', 'compound-ingredients-recommended', 'every ingredient recommended for topical use'), neuropathicAfterFirstLine, quantityStated),
    provenance: SOURCE,
  },
];
