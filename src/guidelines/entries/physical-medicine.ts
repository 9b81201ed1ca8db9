import { all, any, atMost, has, lacks, surgerySupported } from '../criteria.js';
import { DOC, mtus, pages } from '../documents.js';
import type { GuidelineEntry } from '../types.js';

const PM = 'MTUS CPMTG 2009: Physical medicine pp.98-99 (fading of treatment frequency plus active self-directed home physical medicine; myalgia and myositis 9-10 visits over 8 weeks, neuralgia/neuritis/radiculitis 8-10 visits over 4 weeks); the "six-visit clinical trial" is ODG\'s Physical Therapy preface, which reviewers apply; letters cite "Physical medicine treatment"';
const MT = 'MTUS CPMTG 2009: Manual therapy & manipulation pp.58-60 (trial of 6 visits over 2 weeks; with objective functional improvement up to 18 visits over 6-8 weeks; not recommended for the ankle and foot, carpal tunnel syndrome, forearm, wrist and hand, or knee)';
const ACU = 'MTUS Acupuncture Medical Treatment Guidelines, 8 CCR 9792.24.1: an option when pain medication is reduced or not tolerated, or as an adjunct to physical rehabilitation; time to produce functional improvement 3-6 treatments, 1-3 times per week, optimum duration 1-2 months; extended only with documented functional improvement (9792.20(e)); cited without pages in IMR letters';
const PS = 'MTUS Postsurgical Treatment Guidelines, 8 CCR 9792.24.3: an initial course of therapy is one half of the general course for the surgery (e.g. 24 visits over 14 weeks after shoulder dislocation/Bankart repair, initial 12); cited without pages in IMR letters';

/** The six-visit trial after which therapy is reassessed for objective functional improvement. */
const TRIAL_VISITS = 6;
/** The physical medicine guideline's largest course (9-10 visits). */
const COURSE_VISITS = 10;

/** A first trial within the trial size, or more after a trial that documented functional improvement. */
function trialOrImprovement(prior: 'prior-physical-therapy' | 'prior-chiropractic' | 'prior-acupuncture', trial: number, course: number, what: string) {
  return any(
    all(
      lacks('no-prior-course', prior, `no prior course of ${what} (a first trial)`),
      atMost('trial-size', 'requested-sessions', trial, `an initial trial of no more than ${trial} visits`),
    ),
    all(
      has('prior-course', prior, `a prior course of ${what}`),
      has('functional-improvement', 'therapy-benefit', `objective functional improvement from prior ${what}`),
      atMost('course-size', 'requested-sessions', course, `additional visits within the recommended course (${course} visits)`),
    ),
  );
}

export const PHYSICAL_MEDICINE_ENTRIES: GuidelineEntry[] = [
  {
    id: 'postsurgical-therapy',
    title: 'Postsurgical physical medicine',
    citation: mtus(DOC.postsurgical, ['Postsurgical physical medicine']),
    scope: { procedures: ['physical therapy', 'occupational therapy'], perioperative: true },
    recommendation: 'recommended-with-criteria',
    summary: 'Postsurgical physical medicine is recommended after a supported surgery, starting with an initial course of one half of the general course of therapy for the procedure.',
    criteria: all(surgerySupported, atMost('initial-course', 'requested-sessions', 12, 'an initial postsurgical course of no more than half the general course (12 visits)')),
    provenance: PS,
  },
  {
    id: 'physical-therapy',
    title: 'Physical medicine (physical and occupational therapy)',
    citation: mtus(DOC.cpmtg, ['Physical medicine treatment'], pages(98, 99)),
    scope: { procedures: ['physical therapy', 'occupational therapy', 'aquatic therapy'], perioperative: false },
    recommendation: 'recommended-with-criteria',
    summary: 'Physical medicine is recommended as active therapy with fading of treatment frequency (from up to 3 visits per week to 1 or less) plus active self-directed home physical medicine: 9-10 visits over 8 weeks for myalgia and myositis, 8-10 visits over 4 weeks for neuralgia, neuritis and radiculitis; further therapy after a six-visit trial depends on documented objective functional improvement.',
    criteria: all(trialOrImprovement('prior-physical-therapy', TRIAL_VISITS, COURSE_VISITS, 'physical therapy'), has('body-part', 'body-part-specified', 'a request that names the body part to be treated', { whenUndocumented: 'met' })),
    provenance: PM,
  },
  {
    id: 'manual-therapy',
    title: 'Manual therapy & manipulation (chiropractic)',
    citation: mtus(DOC.cpmtg, ['Manual therapy & manipulation'], pages(58, 60)),
    scope: { procedures: ['chiropractic manipulation'] },
    recommendation: 'recommended-with-criteria',
    summary: 'Manual therapy and manipulation are recommended for chronic pain caused by musculoskeletal conditions: a trial of 6 visits over 2 weeks, and with evidence of objective functional improvement a total of up to 18 visits over 6-8 weeks; they are not recommended for the ankle and foot, forearm, wrist and hand, or knee.',
    criteria: all(
      lacks('not-excluded-region', 'peripheral-joint', 'treatment of the spine (manipulation is not recommended for the knee, ankle, foot, forearm, wrist or hand)'),
      trialOrImprovement('prior-chiropractic', TRIAL_VISITS, 12, 'manual therapy'),
      has('body-part', 'body-part-specified', 'a request that names the body part to be treated', { whenUndocumented: 'met' }),
    ),
    provenance: MT,
  },
  {
    id: 'acupuncture',
    title: 'Acupuncture',
    citation: mtus(DOC.acupuncture, []),
    scope: { procedures: ['acupuncture'] },
    recommendation: 'recommended-with-criteria',
    summary: 'Acupuncture is used as an option when pain medication is reduced or not tolerated, or as an adjunct to physical rehabilitation and/or surgical intervention to hasten functional recovery: 3-6 treatments to produce functional improvement, 1-3 times per week, over 1-2 months, extended only if functional improvement is documented.',
    criteria: all(
      any(
        has('adjunct', 'currently-in-therapy', 'use as an adjunct to physical rehabilitation'),
        has('rehab', 'prior-physical-therapy', 'physical rehabilitation (physical therapy) in the treatment, to which it is an adjunct'),
        has('home-exercise', 'home-exercise', 'an active home exercise program to which it is an adjunct'),
        has('medication-reduced', 'medication-reduced-or-not-tolerated', 'pain medication reduced or not tolerated'),
      ),
      trialOrImprovement('prior-acupuncture', TRIAL_VISITS, 12, 'acupuncture'),
      has('body-part', 'body-part-specified', 'a request that names the body part to be treated', { whenUndocumented: 'met' }),
    ),
    provenance: ACU,
  },
  {
    id: 'massage',
    title: 'Massage therapy',
    citation: mtus(DOC.cpmtg, ['Massage therapy'], pages(60)),
    scope: { procedures: ['massage therapy'] },
    recommendation: 'limited',
    summary: 'Massage therapy is recommended as an adjunct to other recommended treatment (e.g. exercise), limited to 4-6 visits in most cases.',
    criteria: all(has('adjunct', 'currently-in-therapy', 'use as an adjunct to an exercise program'), atMost('visits', 'requested-sessions', 6, 'no more than 4-6 visits')),
    provenance: 'MTUS CPMTG 2009: Massage therapy p.60',
  },
  {
    id: 'work-hardening',
    title: 'Work conditioning, work hardening',
    citation: mtus(DOC.cpmtg, ['Work conditioning, work hardening'], pages(125, 126)),
    scope: { procedures: ['work hardening'] },
    recommendation: 'recommended-with-criteria',
    summary: 'Work hardening is recommended after a plateau in physical therapy, with a defined return-to-work goal, when the worker is not a candidate for surgery, within 2 years of injury, for up to 10 visits over 8 weeks.',
    criteria: all(has('plateau', 'prior-physical-therapy', 'an adequate trial of physical therapy with improvement followed by a plateau'), has('functional-improvement', 'functional-improvement', 'documented improvement'), atMost('visits', 'requested-sessions', 10, 'no more than 10 visits')),
    provenance: 'MTUS CPMTG 2009: Work conditioning, work hardening pp.125-126',
  },
  {
    id: 'functional-restoration',
    title: 'Functional restoration programs',
    citation: mtus(DOC.cpmtg, ['Chronic pain programs (functional restoration programs)'], pages(30, 34)),
    scope: { procedures: ['functional restoration program'] },
    recommendation: 'recommended-with-criteria',
    summary: 'A functional restoration program is recommended when an adequate evaluation has been made, previous methods of treating chronic pain have been unsuccessful, there is significant loss of function, the patient is not a candidate for surgery, and is motivated to change; treatment beyond 2 weeks requires demonstrated efficacy.',
    criteria: all(has('failed', 'failed-conservative-care', 'previous methods of treating chronic pain unsuccessful'), has('loss-of-function', 'objective-deficit', 'significant loss of ability to function independently'), lacks('no-surgery', 'surgery-planned', 'not a candidate for surgery'), atMost('two-weeks', 'requested-sessions', 10, 'an initial trial of no more than 2 weeks (10 days)', { whenUndocumented: 'met' })),
    provenance: 'MTUS CPMTG 2009: Chronic pain programs pp.30-34, Functional restoration programs p.49',
  },
];
