import { all, any, has, surgerySupported } from '../criteria.js';
import { DOC, mtus, odg, pages } from '../documents.js';
import type { Criterion, GuidelineEntry } from '../types.js';

/** Surgery in the ACOEM chapters: failed conservative care, a lesion on imaging that surgery helps, and matching findings. */
const surgical = (findings: Criterion) =>
  all(
    has('failed-conservative', 'failed-conservative-care', 'failure of conservative care (exercise programs, medications, injections) to improve range of motion, strength and function'),
    has('imaging', 'imaging-lesion', 'clear imaging evidence of a lesion shown to benefit from surgical repair'),
    findings,
  );

/** Procedures of the surgery category that are not the repair of a lesion, so the ACOEM surgical criteria do not judge them. */
const NOT_LESION_SURGERY = ['spinal cord stimulator'];

export const SURGERY_ENTRIES: GuidelineEntry[] = [
  {
    id: 'spinal-cord-stimulator',
    title: 'Spinal cord stimulators (SCS)',
    citation: mtus(DOC.cpmtg, ['Spinal cord stimulators (SCS)', 'Psychological evaluations, IDDS & SCS'], pages(101, 107)),
    scope: { procedures: ['spinal cord stimulator'] },
    recommendation: 'limited',
    summary: 'Spinal cord stimulators are recommended only for selected patients in cases when less invasive procedures have failed or are contraindicated, for specific conditions (failed back surgery syndrome, complex regional pain syndrome), after a psychological evaluation, and as a permanent implant only following a successful temporary trial.',
    criteria: all(
      has('indication', 'scs-indication', 'an indication for a stimulator: failed back surgery syndrome (persistent pain after spine surgery) or complex regional pain syndrome'),
      has('failed-conservative', 'failed-conservative-care', 'failure of less invasive procedures'),
      has('psych-evaluation', 'psych-evaluation', 'a psychological evaluation before the trial'),
      any(has('trial', 'trial-or-rental', 'a request for a temporary trial'), has('trial-success', 'scs-trial-success', 'a successful temporary trial before a permanent implant')),
    ),
    provenance: 'MTUS CPMTG 2009: Spinal cord stimulators (SCS) pp.105-107 and Psychological evaluations, IDDS & SCS p.101, the pages IMR letters cite for them; no letter of the bundled corpus disputes a stimulator, so the pages were not checked against one',
  },
  {
    id: 'shoulder-surgery',
    title: 'Shoulder surgery',
    citation: mtus(DOC.shoulder, ['Surgical Considerations'], pages(209, 211)),
    scope: { categories: ['surgery'], regions: ['shoulder'], notProcedures: NOT_LESION_SURGERY },
    recommendation: 'recommended-with-criteria',
    summary: 'Surgical consultation is indicated for red flag conditions, activity limitation for more than four months, failure to increase range of motion and strength after exercise programs, and clear clinical and imaging evidence of a lesion shown to benefit from surgical repair.',
    // ACOEM lists red-flag conditions (glenohumeral dislocation, acute cuff tear in a young worker) beside imaging as evidence of a surgical lesion.
    criteria: all(
      has('failed-conservative', 'failed-conservative-care', 'failure of conservative care (exercise programs, medications, injections) to improve range of motion, strength and function'),
      has('structural', 'shoulder-structural', 'examination findings of the lesion (instability, apprehension, impingement, tear)'),
      any(has('imaging', 'imaging-lesion', 'clear imaging evidence of a lesion shown to benefit from surgical repair'), has('red-flags', 'red-flag', 'a red-flag condition such as glenohumeral dislocation')),
    ),
    provenance: 'MTUS ACOEM Chapter 9 Shoulder Complaints, Surgical Considerations pp.209-211; ODG Shoulder (surgery for SLAP lesions, for shoulder dislocation) for the specific procedures',
  },
  {
    id: 'knee-surgery',
    title: 'Knee surgery (arthroscopy, meniscectomy)',
    citation: mtus(DOC.knee, ['Surgical Considerations'], pages(344, 345)),
    scope: { categories: ['surgery'], regions: ['knee'], notProcedures: NOT_LESION_SURGERY },
    recommendation: 'recommended-with-criteria',
    summary: 'Arthroscopic surgery is indicated for activity limitation for more than one month, failure of an exercise program, and clear clinical and imaging evidence of a lesion (e.g. a meniscal tear with mechanical symptoms) shown to benefit from repair; not for degenerative arthritis alone.',
    criteria: surgical(has('derangement', 'knee-derangement', 'mechanical signs of a meniscal or ligament lesion')),
    provenance: 'MTUS ACOEM Chapter 13 Knee Complaints, Surgical Considerations pp.344-345',
  },
  {
    id: 'spine-surgery',
    title: 'Spine surgery (discectomy, decompression, fusion)',
    citation: mtus(DOC.lowBack, ['Surgical Considerations'], pages(305, 307)),
    // Implanted stimulators and pumps are not decompression or fusion: the SCS criteria (CPMTG pp.105-107) are not these.
    scope: { categories: ['surgery'], regions: ['lumbar', 'cervical', 'thoracic', 'thoracolumbar'], notProcedures: NOT_LESION_SURGERY },
    recommendation: 'recommended-with-criteria',
    summary: 'Surgical referral is indicated for severe and disabling lower leg symptoms in a distribution consistent with abnormalities on imaging, activity limitation for more than one month, clear clinical, imaging and electrophysiologic evidence of a lesion shown to benefit from repair, and failure of conservative treatment.',
    criteria: all(has('failed-conservative', 'failed-conservative-care', 'failure of conservative treatment'), has('imaging', 'imaging-nerve-compromise', 'imaging evidence of a lesion consistent with the symptoms'), has('exam', 'radiculopathy-exam', 'examination findings of nerve root compromise')),
    provenance: 'MTUS ACOEM Chapter 12 Low Back Complaints, Surgical Considerations pp.305-307; Chapter 8 pp.179-181 for the neck',
  },
  {
    id: 'hand-surgery',
    title: 'Hand and wrist surgery (carpal tunnel release and others)',
    citation: mtus(DOC.hand, ['Surgical Considerations'], pages(270, 271)),
    scope: { categories: ['surgery'], regions: ['wrist', 'hand', 'forearm', 'elbow'], notProcedures: NOT_LESION_SURGERY },
    recommendation: 'recommended-with-criteria',
    summary: 'Surgery is indicated when there are red flags, failure to respond to conservative management, and clear clinical and special study evidence (e.g. positive electrodiagnostic studies for carpal tunnel syndrome) of a lesion that benefits from repair.',
    criteria: surgical(has('neuro', 'neuro-deficit', 'clinical findings of the lesion (positive Tinel or Phalen, sensory or motor deficit)')),
    provenance: 'MTUS ACOEM Chapter 11 Forearm, Wrist, and Hand Complaints, Surgical Considerations pp.270-271',
  },
  {
    id: 'surgery-general',
    title: 'Surgery (general principles)',
    citation: mtus(DOC.general, ['Surgical Considerations']),
    scope: { categories: ['surgery'], perioperative: false, notProcedures: NOT_LESION_SURGERY },
    recommendation: 'recommended-with-criteria',
    summary: 'Surgery is considered when conservative care has failed and there is clear clinical and imaging evidence of a lesion shown to benefit from surgical repair.',
    criteria: surgical(has('deficit', 'objective-deficit', 'objective findings of the lesion on examination')),
    provenance: 'MTUS ACOEM chapters, Surgical Considerations (common criteria across chapters 8-14)',
  },
  {
    id: 'assistant-surgeon',
    title: 'Assistant surgeon and associated surgical services',
    citation: odg(DOC.odgLowBack, ['Surgical assistant']),
    scope: { categories: ['surgery'], perioperative: true },
    recommendation: 'recommended-with-criteria',
    summary: 'An assistant surgeon is recommended as an option for more complex procedures, and only for a surgery that is itself supported.',
    criteria: surgerySupported,
    provenance: 'ODG Low Back chapter, Surgical assistant (not addressed by the MTUS)',
  },
];
