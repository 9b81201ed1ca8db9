import { all, any, atMost, has, lacks, quantityStated, surgerySupported } from '../criteria.js';
import { DOC, mtus, pages } from '../documents.js';
import type { GuidelineEntry } from '../types.js';

const CPMTG = 'MTUS CPMTG 2009: Opioids pp.74-96 (criteria for use pp.76-80, on-going management p.78, when to continue p.80, dosing/120 mg MED p.86); pages as cited in IMR letters ("Opioids Page(s): 74-96", "On-going management Page(s): 78")';
const OTG = 'MTUS Opioid Treatment Guidelines (DWC 2016 update): sections 1.4 (opioids for acute and post-operative pain) and 3.3.9 (maintenance of chronic opioid treatment), cited without pages in 2016-2017 IMR letters';

/** The 2016 MTUS opioid guideline governs requests from the second half of 2016 on, as the letters of that period cite it. */
const OTG_FROM = '2016-07-01';

const ongoing = all(
  has('monitoring', 'opioid-monitoring', 'ongoing monitoring (urine drug testing, CURES review, pain agreement, side effects and aberrant behavior)'),
  has('functional-improvement', 'drug-functional-improvement', 'documented objective functional improvement with the opioid'),
  has('pain-relief', 'drug-pain-relief', 'documented pain relief with the opioid'),
  lacks('no-aberrant', 'aberrant-behavior', 'no aberrant drug-related behavior'),
  atMost('med', 'morphine-equivalent-dose', 120, 'a daily dose not above 120 mg morphine equivalents', { whenUndocumented: 'met' }),
  quantityStated,
);

const initiation = all(
  any(
    has('failed-non-opioid', 'failed-non-opioid', 'a failed trial of non-opioid analgesics (or of a weaker opioid)'),
    has('neuropathic', 'neuropathic-pain', 'moderate to severe pain of neuropathic origin'),
  ),
  lacks('no-aberrant', 'aberrant-behavior', 'no aberrant drug-related behavior'),
  atMost('med', 'morphine-equivalent-dose', 120, 'a daily dose not above 120 mg morphine equivalents', { whenUndocumented: 'met' }),
  quantityStated,
);

export const OPIOID_ENTRIES: GuidelineEntry[] = [
  {
    id: 'opioids-postoperative',
    title: 'Opioids for post-operative pain',
    citation: mtus(DOC.opioids2016, ['1.4 Opioids for Acute Pain: Opioids for Post-operative Pain']),
    scope: { drugClasses: ['opioid'], perioperative: true },
    recommendation: 'recommended-with-criteria',
    summary: 'Opioids are recommended for the short-term management of moderate to severe post-operative pain, at the lowest effective dose for the shortest duration, for a surgery that is itself supported.',
    criteria: all(surgerySupported, quantityStated),
    provenance: OTG,
  },
  {
    id: 'opioids-maintenance-2016',
    title: 'Maintenance of chronic opioid treatment',
    citation: mtus(DOC.opioids2016, ['3.3.9 Opioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid Treatment']),
    scope: { drugClasses: ['opioid'], perioperative: false, when: { fact: 'drug-in-use', expect: true } },
    effective: { from: OTG_FROM },
    recommendation: 'recommended-with-criteria',
    summary: 'Chronic opioid treatment may be continued only with documented, clinically meaningful improvement in pain and function, ongoing monitoring for adverse effects and aberrant behavior (urine drug testing, CURES), and a dose kept below 90-120 mg morphine equivalents per day.',
    criteria: ongoing,
    provenance: OTG,
  },
  {
    id: 'opioids-initiation-2016',
    title: 'Opioids for chronic pain: initiation',
    citation: mtus(DOC.opioids2016, ['3.3 Opioids for Chronic Pain and Chronic Opioid Treatment']),
    scope: { drugClasses: ['opioid'], perioperative: false, when: { fact: 'drug-in-use', expect: false } },
    effective: { from: OTG_FROM },
    recommendation: 'limited',
    summary: 'Opioids for chronic pain are considered only after non-opioid treatment has failed, with treatment goals, a risk assessment and a trial at the lowest effective dose.',
    criteria: initiation,
    provenance: OTG,
  },
  {
    id: 'opioids-ongoing',
    title: 'Opioids: on-going management',
    citation: mtus(DOC.cpmtg, ['Opioids', 'On-going management'], pages(74, 96)),
    scope: { drugClasses: ['opioid'], when: { fact: 'drug-in-use', expect: true } },
    effective: { until: '2016-06-30' },
    recommendation: 'recommended-with-criteria',
    summary: 'Those requiring chronic opioid therapy should have ongoing review of pain relief, functional status, appropriate medication use and side effects (the "4 A\'s"); opioids may be continued if there is improvement in pain and function and discontinued otherwise.',
    criteria: ongoing,
    provenance: CPMTG,
  },
  {
    id: 'opioids-initiating',
    title: 'Opioids: criteria for use (initiating therapy)',
    citation: mtus(DOC.cpmtg, ['Opioids', 'Criteria for use'], pages(74, 96)),
    scope: { drugClasses: ['opioid'], when: { fact: 'drug-in-use', expect: false } },
    effective: { until: '2016-06-30' },
    recommendation: 'limited',
    summary: 'Before initiating opioids, non-opioid analgesics should have been tried and failed, goals set, and the lowest effective dose used; a new opioid after an inadequate trial of another is an option.',
    criteria: initiation,
    provenance: CPMTG,
  },
];
