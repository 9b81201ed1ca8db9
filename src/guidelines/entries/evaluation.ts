import { all, any, has } from '../criteria.js';
import { DOC, mtus, pages } from '../documents.js';
import type { GuidelineEntry } from '../types.js';

export const EVALUATION_ENTRIES: GuidelineEntry[] = [
  {
    id: 'specialist-consultation',
    title: 'Office visits and specialist consultation',
    citation: mtus(DOC.cpmtg, ['Office visits']),
    scope: { procedures: ['specialist consultation'] },
    recommendation: 'recommended-with-criteria',
    summary: 'The need for a clinical office visit with a health care provider is individualized based on the patient\'s concerns, signs and symptoms, clinical stability and reasonable physician judgment; referral to a specialist is appropriate when the diagnosis is uncertain or complex or the plan of care may benefit from additional expertise (e.g. a surgeon for a lesion that may need surgery).',
    criteria: any(
      has('red-flags', 'red-flag', 'red flag conditions'),
      all(any(has('neuro', 'neuro-deficit', 'objective neurologic deficits'), has('radiculopathy', 'radiculopathy-exam', 'positive nerve tension signs (straight leg raise, Spurling)')), has('imaging', 'imaging-nerve-compromise', 'imaging findings of neurologic compromise')),
      all(has('failed', 'failed-conservative-care', 'failure of conservative care'), has('imaging', 'imaging-lesion', 'an imaging lesion that may need specialist treatment')),
    ),
    provenance: 'MTUS Chronic Pain Medical Treatment Guidelines (2016 update), Office visits; ACOEM Chapter 7 Independent Medical Examinations and Consultations p.127 for referrals; letters of 2016-2017 cite "Section(s): Office visits"',
  },
  {
    id: 'office-visit',
    title: 'Office visits (evaluation and management)',
    citation: mtus(DOC.cpmtg, ['Office visits']),
    scope: { procedures: ['office visit', 'follow-up visit'] },
    recommendation: 'recommended-with-criteria',
    summary: 'Evaluation and management visits play a critical role in diagnosis and return to function; their need is individualized, and a request must state when and why each visit is needed.',
    criteria: all(has('deficit', 'objective-deficit', 'active clinical findings that need re-evaluation'), has('exceptional', 'exceptional-factors', 'a clear rationale for visits beyond those already authorized')),
    provenance: 'MTUS Chronic Pain Medical Treatment Guidelines (2016 update), Office visits; cited so in 2016-2017 IMR letters',
  },
  {
    id: 'psychological-treatment',
    title: 'Psychological evaluations and treatment',
    citation: mtus(DOC.cpmtg, ['Psychological evaluations', 'Psychological treatment'], pages(100, 102)),
    scope: { categories: ['psych'] },
    recommendation: 'recommended-with-criteria',
    summary: 'Psychological intervention is recommended based on a clinical impression of a psychological condition that impacts recovery or participation in rehabilitation; intensive care may be required from mental health professionals when pain or distress is sustained despite treatment.',
    criteria: has('psych', 'psych-condition', 'a psychological condition (depression, anxiety, PTSD) that impacts recovery'),
    provenance: 'MTUS CPMTG 2009: Psychological evaluations pp.100-101, Psychological treatment pp.101-102',
  },
  {
    id: 'home-health',
    title: 'Home health services',
    citation: mtus(DOC.cpmtg, ['Home health services'], pages(51)),
    scope: { procedures: ['home health care'] },
    recommendation: 'recommended-with-criteria',
    summary: 'Home health services are recommended only for medical treatment of patients who are homebound, generally up to no more than 35 hours per week; medical treatment does not include homemaker services.',
    criteria: has('homebound', 'exceptional-factors', 'a homebound patient needing medical treatment at home'),
    provenance: 'MTUS CPMTG 2009: Home health services p.51',
  },
];
