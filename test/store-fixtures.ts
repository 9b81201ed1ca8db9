/**
 * Determination fixtures for store tests, built from real IMR letters (in
 * the repository's samples/): request lines, guideline citations, rationale and
 * case-summary excerpts are quoted from them; `makeCorpus` recombines them
 * deterministically into many varied, schema-valid letters.
 */
import { createHash } from 'node:crypto';
import {
  Determination,
  type DisputedItem,
  type GuidelineCitation,
  type MedicationTreatment,
  type ProcedureTreatment,
  type ReviewerCredentials,
  type Treatment,
  seededRandom,
} from '../src/domain/index.js';
import type { CaseToInsert } from '../src/store/cases/index.js';
import { openStore, type Store, type StoreOptions } from '../src/store/engines/index.js';
import { tempDatabase } from './test-databases.js';

const CPMTG = 'Chronic Pain Medical Treatment Guidelines';

function cite(source: GuidelineCitation['source'], document: string, pages: number[] = [], sections: string[] = []): GuidelineCitation {
  return { source, document, sections, pages, raw: `${source} ${document}${pages.length ? ` Page(s): ${pages.join(', ')}` : ''}` };
}
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

function med(generic: string[], drugClass: MedicationTreatment['drugClass'], strengthMg: number[], quantity: number | null, brand: string | null = null): MedicationTreatment {
  return { kind: 'medication', category: 'medication', generic, brand, drugClass, strengthMg, quantity, refills: null, dosesPerDay: null };
}
function proc(category: ProcedureTreatment['category'], name: string, laterality: ProcedureTreatment['laterality'] = null, levels: string[] = []): ProcedureTreatment {
  return { kind: 'procedure', category, name, laterality, levels };
}

/** One disputed item as a real letter had it. */
export interface ItemTemplate {
  request: string;
  decision: 'upheld' | 'overturned';
  treatment: Treatment;
  imr: GuidelineCitation[];
  claims: GuidelineCitation[];
  rationale: string;
}

/** Item lines, citations and rationales quoted (abridged) from the real letters. */
export const ITEM_TEMPLATES: readonly ItemTemplate[] = [
  {
    request: 'Baclofen 10 mg #90',
    decision: 'upheld',
    treatment: med(['baclofen'], 'muscle-relaxant', [10], 90),
    imr: [cite('MTUS', CPMTG, range(63, 66), ['Muscle relaxants'])],
    claims: [cite('MTUS', CPMTG)],
    rationale:
      'The MTUS Guidelines page 63 states, "Recommended non-sedating muscle relaxants with caution as a second line option for short term treatment of acute exacerbation in patients with chronic LBP." Baclofen is recommended for the treatment of spasticity and muscle spasm related to multiple sclerosis and spinal cord injuries. The request is not medically necessary.',
  },
  {
    request: 'Xanax 0.25 mg #90',
    decision: 'upheld',
    treatment: med(['alprazolam'], 'benzodiazepine', [0.25], 90, 'Xanax'),
    imr: [cite('MTUS', CPMTG, [24], ['Benzodiazepines'])],
    claims: [cite('MTUS', CPMTG), cite('ODG', 'Mental Illness and Stress Chapter')],
    rationale:
      'MTUS, Benzodiazepines, page 24 states, "Not recommended for long-term use because long-term efficacy is unproven and there is a risk of dependence. Most guidelines limit use to 4 weeks." The request is not medically necessary.',
  },
  {
    request: 'Percocet 5/325 #120',
    decision: 'overturned',
    treatment: med(['oxycodone', 'acetaminophen'], 'opioid', [5, 325], 120, 'Percocet'),
    imr: [cite('MTUS', CPMTG, range(74, 96), ['Opioids'])],
    claims: [cite('MTUS', CPMTG, range(74, 82))],
    rationale:
      'The patient reports pain reduction and improved function with Percocet, urine drug screens are consistent and there is no aberrant behavior. The four A\'s of ongoing opioid management are documented. The request is medically necessary.',
  },
  {
    request: 'Left Lumbar Facet Block L2-3. L3-4',
    decision: 'upheld',
    treatment: proc('injection', 'facet joint diagnostic block', 'left', ['L2-L3', 'L3-L4']),
    imr: [cite('MTUS', 'ACOEM Chapter 12 Low Back Complaints', [301]), cite('ODG', 'Low Back Chapter')],
    claims: [cite('MTUS', 'ACOEM Chapter 12 Low Back Complaints', [309]), cite('MTUS', CPMTG)],
    rationale:
      'California MTUS/ACOEM Practice guidelines state invasive techniques such as facet joint injections are of questionable merit. The Official Disability Guidelines recommend facet joint diagnostic blocks when the clinical presentation is consistent with facet joint pain. In this case, there was no evidence of facet mediated pain upon examination. The request is not medically necessary.',
  },
  {
    request: 'Zanaflex 6mg oral capsule 3 times a day',
    decision: 'upheld',
    treatment: med(['tizanidine'], 'muscle-relaxant', [6], null, 'Zanaflex'),
    imr: [cite('MTUS', CPMTG, range(63, 66))],
    claims: [cite('MTUS', CPMTG, [78])],
    rationale:
      'California MTUS Guidelines state muscle relaxants are recommended as non sedating second line options for short term treatment of acute exacerbations. There was no documentation of acute exacerbation. The request is not medically necessary.',
  },
  {
    request: 'MRI of neck and right hand without contrast',
    decision: 'upheld',
    treatment: proc('imaging', 'mri', 'right'),
    imr: [cite('MTUS', 'ACOEM Chapter 8 Neck and Upper Back Complaints', [], ['Special Studies']), cite('MTUS', 'ACOEM Chapter 11 Forearm, Wrist, and Hand Complaints', [], ['Special Studies'])],
    claims: [cite('MTUS', 'ACOEM Chapter 8 Neck and Upper Back Complaints'), cite('ODG', 'Forearm, Wrist, and Hand Chapter')],
    rationale:
      'The MTUS states that for most patients presenting with true neck or upper back problems, special studies are not needed unless a three or four week period of conservative care and observation fails to improve symptoms. There was no equivocal or unequivocal evidence of neurological dysfunction. The request is not medically necessary.',
  },
  {
    request: 'Acupuncture 3 times a week for 2 weeks, neck, right hand and head',
    decision: 'overturned',
    treatment: proc('physical-medicine', 'acupuncture'),
    imr: [cite('MTUS', 'Acupuncture Medical Treatment Guidelines')],
    claims: [cite('MTUS', 'Acupuncture Medical Treatment Guidelines')],
    rationale:
      'The MTUS Acupuncture Guidelines state that acupuncture is used as an option when pain medication is reduced or not tolerated; time to produce functional improvement is 3 to 6 treatments. The recommended number of visits is within the guidelines recommendation. The request is medically necessary.',
  },
  {
    request: 'Norflex 100mg #60',
    decision: 'upheld',
    treatment: med(['orphenadrine'], 'muscle-relaxant', [100], 60, 'Norflex'),
    imr: [cite('MTUS', CPMTG, range(63, 65), ['Muscle relaxants (for pain)'])],
    claims: [cite('MTUS', CPMTG)],
    rationale:
      'Orphenadrine is an antispasmodic; the guidelines recommend muscle relaxants only for short-term treatment of acute exacerbations of chronic low back pain. Long-term use is not supported. The request is not medically necessary.',
  },
  {
    request: 'Pepcid 20mg',
    decision: 'upheld',
    treatment: med(['famotidine'], 'h2-blocker', [20], null, 'Pepcid'),
    imr: [cite('MTUS', CPMTG, [68, 69], ['NSAIDs, GI symptoms & cardiovascular risk'])],
    claims: [cite('ODG', 'Pain Chapter')],
    rationale:
      'There is no documentation of gastrointestinal symptoms or risk factors for gastrointestinal events with NSAID use. The request is not medically necessary.',
  },
  {
    request: 'Physical therapy 2-3 times a week for 6 weeks',
    decision: 'upheld',
    treatment: proc('physical-medicine', 'physical therapy'),
    imr: [cite('MTUS', CPMTG, [98, 99], ['Physical medicine treatment'])],
    claims: [cite('MTUS', CPMTG, [98, 99])],
    rationale:
      'The MTUS recommends 9-10 visits over 8 weeks for myalgia and myositis with fading of treatment frequency plus active self-directed home physical medicine. The requested 12 to 18 sessions exceed the guidelines. The request is not medically necessary.',
  },
  {
    request: 'Cyclobenzaprine 7.5mg #60',
    decision: 'upheld',
    treatment: med(['cyclobenzaprine'], 'muscle-relaxant', [7.5], 60),
    imr: [cite('MTUS', CPMTG, [41, 42], ['Cyclobenzaprine (Flexeril)'])],
    claims: [cite('MTUS', CPMTG, [41, 42])],
    rationale:
      'Cyclobenzaprine is recommended as an option, using a short course of therapy. The effect is greatest in the first 4 days of treatment. The records show ongoing use beyond the recommended short course. The request is not medically necessary.',
  },
  {
    request: 'Left shoulder arthroscopy with Bankart repair, possible biceps tenodesis',
    decision: 'overturned',
    treatment: proc('surgery', 'shoulder arthroscopy', 'left'),
    imr: [cite('MTUS', 'ACOEM Chapter 9 Shoulder Complaints', [209, 210], ['Surgical Considerations']), cite('ODG', 'Shoulder Chapter')],
    claims: [cite('ODG', 'Shoulder Chapter')],
    rationale:
      'The injured worker has recurrent anterior instability with a Bankart lesion on MRI and has failed conservative care. Surgical repair is supported by the guidelines for recurrent dislocation. The request is medically necessary.',
  },
  {
    request: 'Lidocaine 5% patch #1',
    decision: 'upheld',
    treatment: { ...med(['lidocaine'], 'topical-analgesic', [], 1), strengthPercent: [5] },
    imr: [cite('MTUS', CPMTG, [56, 57], ['Lidoderm (lidocaine patch)'])],
    claims: [cite('MTUS', CPMTG, [111, 112, 113])],
    rationale:
      'Topical lidocaine may be recommended for localized peripheral pain after there has been evidence of a trial of first-line therapy (tri-cyclic or SNRI anti-depressants or an AED such as gabapentin or Lyrica). There is no documentation of a failed first-line trial. The request is not medically necessary.',
  },
  {
    request: 'TENS unit',
    decision: 'upheld',
    treatment: proc('dme', 'tens unit'),
    imr: [cite('MTUS', CPMTG, range(114, 116), ['TENS, chronic pain (transcutaneous electrical nerve stimulation)'])],
    claims: [cite('MTUS', CPMTG, range(114, 116))],
    rationale:
      'A one-month home-based TENS trial may be considered as a noninvasive conservative option if used as an adjunct to a program of evidence-based functional restoration. There is no documentation of a successful one-month trial. The request is not medically necessary.',
  },
  {
    request: 'EMG/NCV of the bilateral upper extremities',
    decision: 'overturned',
    treatment: proc('diagnostic', 'emg/ncv', 'bilateral'),
    imr: [cite('MTUS', 'ACOEM Chapter 8 Neck and Upper Back Complaints', [178], ['Special Studies'])],
    claims: [cite('ODG', 'Neck and Upper Back Chapter')],
    rationale:
      'Electromyography and nerve conduction velocities may help identify subtle focal neurologic dysfunction in patients with neck or arm symptoms lasting more than three or four weeks. The injured worker has persistent numbness in both hands with a positive Tinel sign. The request is medically necessary.',
  },
  {
    request: 'Pantoprazole 40mg, one by mouth, twice a day #60 with one refill',
    decision: 'upheld',
    treatment: { ...med(['pantoprazole'], 'ppi', [40], 60), refills: 1, dosesPerDay: 2 },
    imr: [cite('MTUS', CPMTG, [68, 69], ['NSAIDs, GI symptoms & cardiovascular risk'])],
    claims: [cite('ODG', 'Pain Chapter', [], ['Proton pump inhibitors (PPIs)'])],
    rationale:
      'Proton pump inhibitors are recommended for patients at intermediate or high risk for gastrointestinal events on NSAIDs. The records do not document dyspepsia or gastrointestinal risk factors. The request is not medically necessary.',
  },
  {
    request: 'Spine surgery evaluation for the lumbar',
    decision: 'overturned',
    treatment: proc('evaluation', 'spine surgery consultation'),
    imr: [cite('MTUS', 'ACOEM Chapter 12 Low Back Complaints', [305, 306], ['Surgical Considerations'])],
    claims: [cite('MTUS', 'ACOEM Chapter 12 Low Back Complaints')],
    rationale:
      'Referral for surgical consultation is indicated for patients with severe and disabling lower leg symptoms in a distribution consistent with abnormalities on imaging studies. The injured worker has progressive radicular weakness. The request is medically necessary.',
  },
  {
    request: 'Norco 5/325mg oral tablet, one tablet twice daily 14 days #40',
    decision: 'upheld',
    treatment: { ...med(['hydrocodone', 'acetaminophen'], 'opioid', [5, 325], 40, 'Norco'), dosesPerDay: 2 },
    imr: [cite('MTUS', CPMTG, range(74, 82), ['Opioids, criteria for use'])],
    claims: [cite('MTUS', CPMTG, range(74, 82))],
    rationale:
      'There is no documentation of the four A\'s of ongoing monitoring: analgesia, activities of daily living, adverse side effects, and aberrant drug-taking behaviors. No urine drug screen is documented. The request is not medically necessary.',
  },
  {
    request: 'RETROSPECTIVE BACLOFEN 10MG #60',
    decision: 'upheld',
    treatment: { ...med(['baclofen'], 'muscle-relaxant', [10], 60), retrospective: true },
    imr: [cite('MTUS', CPMTG, [64], ['Baclofen']), cite('ODG', 'Pain Chapter')],
    claims: [cite('MTUS', CPMTG, [63, 64], ['Muscle Relaxants'])],
    rationale:
      'MTUS Chronic Pain Medical Treatment Guidelines identifies documentation of spasticity and muscle spasm related to multiple sclerosis and/or spinal cord injuries, as criteria necessary to support the medical necessity of Baclofen. There is no documentation of functional benefit. The request for Baclofen 10mg #60 is not medically necessary.',
  },
];

/** Opening sentences of clinical case summaries from the real letters. */
export const SUMMARIES: readonly string[] = [
  'This is a 72-year-old female who sustained back injuries associated with being thrown when computer wiring was pulled up from under her and as a result of tripping over carpeting. She has achy low back pain that radiates into both of her legs, worse on the left.',
  'The injured worker is a 49 year old female who sustained an industrial injury of April 17, 2000. She has been diagnosed with bilateral thoracic outlet syndrome, status post removal of the first rib bilaterally, myofascial pain with significant muscle spasm, and cervical degenerative disc disease.',
  'According to the records made available for review, this is a 48-year-old male with an 11/10/11 date of injury. There is documentation of subjective (flare of the left shoulder and neck) and objective (left knee effusion, tenderness, and pain with meniscal maneuvers) findings.',
  "The injured worker is a 47-year-old female. She complains of ongoing neck pain, low back pain radiating to the right lower extremity, and bilateral numbness of the arms. The physical exam reveals a positive Spurling's test bilaterally.",
  'The injured worker is a 72 year old male. Diagnoses include chronic post-operative pain, lumbar post-laminectomy syndrome, lumbar radiculitis and lumbar spondylosis. Treatment has included epidural injection and spinal cord stimulator implantation.',
  'The injured worker is a 60 year old male, who sustained an industrial injury. He is undergoing treatment for contusion to the head, neck strain, and right hand contusion, with ongoing headaches, disorientation and right wrist pain.',
];

/** Reviewer credentials as the real letters state them. */
export const REVIEWERS: readonly ReviewerCredentials[] = [
  { boardCertifications: ['Family Practice'], subspecialties: [], licensureStates: ['CA'] },
  { boardCertifications: ['Preventive Medicine'], subspecialties: ['Occupational Medicine'], licensureStates: ['TX'] },
  { boardCertifications: ['Physical Medicine & Rehabilitation'], subspecialties: ['Pain Management'], licensureStates: ['CA', 'AZ'] },
  { boardCertifications: ['Anesthesiology'], subspecialties: ['Pain Management'], licensureStates: ['CA'] },
  { boardCertifications: ['Orthopedic Surgery'], subspecialties: ['Sports Medicine'], licensureStates: ['NY'] },
  { boardCertifications: ['Internal Medicine'], subspecialties: ['Hospice & Palliative Medicine'], licensureStates: ['PA'] },
  { boardCertifications: ['Neuromusculoskeletal Medicine'], subspecialties: [], licensureStates: ['AZ'] },
];


function item(t: ItemTemplate, index: number, decision = t.decision): DisputedItem {
  return {
    index,
    request: t.request,
    decision,
    medicallyNecessary: decision === 'overturned',
    treatment: t.treatment,
    claimsAdministratorGuidelines: t.claims,
    imrGuidelines: t.imr,
    rationale: t.rationale,
  };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export interface LetterSpec {
  n?: number;
  caseNumber?: string | null;
  decisionDate?: string | null;
  assignedDate?: string | null;
  summary?: string;
  reviewer?: ReviewerCredentials;
  items?: { template: ItemTemplate; decision?: 'upheld' | 'overturned' }[];
}

/** One valid Determination; fields not given come from the n-th combination of the real material. */
export function makeDetermination(spec: LetterSpec = {}): Determination {
  const n = spec.n ?? 0;
  const r = seededRandom(n + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const decision = spec.decisionDate !== undefined ? spec.decisionDate : iso(new Date(Date.UTC(2013, 6, 1) + Math.floor(r() * 4 * 365) * 86_400_000));
  const items =
    spec.items ??
    Array.from({ length: 1 + Math.floor(r() * 4) }, () => {
      const template = pick(ITEM_TEMPLATES);
      return { template, decision: (r() < 0.25 ? 'overturned' : 'upheld') as 'upheld' | 'overturned' };
    });
  const caseNumber = spec.caseNumber !== undefined ? spec.caseNumber : `CM${decision ? decision.slice(2, 4) : '14'}-${String(100000 + n).padStart(7, '0')}`;
  const det = {
    source: `fixture-${n}.txt`,
    contentHash: createHash('sha256').update(`fixture ${n} ${JSON.stringify(spec)}`).digest('hex'),
    layout: 'pdf-text' as const,
    caseNumber,
    priority: 'standard' as const,
    dates: {
      assigned: spec.assignedDate !== undefined ? spec.assignedDate : decision,
      decision,
      urDenial: null,
      applicationReceived: null,
      injury: ['2011-11-10'],
    },
    reviewer: structuredClone(spec.reviewer ?? pick(REVIEWERS)),
    patient: { age: 30 + Math.floor(r() * 45), sex: r() < 0.5 ? ('female' as const) : ('male' as const) },
    clinicalSummary: spec.summary ?? pick(SUMMARIES),
    items: items.map((it, i) => item(it.template, i + 1, it.decision ?? it.template.decision)),
  };
  return Determination.parse(det);
}

/** `count` varied letters (distinct content hashes), deterministic for a seed. */
export function makeCorpus(count: number, seed = 0): Determination[] {
  return Array.from({ length: count }, (_, i) => makeDetermination({ n: seed * 1_000_000 + i }));
}

/** The template whose request line is `request`. */
export function template(request: string): ItemTemplate {
  const t = ITEM_TEMPLATES.find((x) => x.request === request);
  if (!t) throw new Error(`no fixture item "${request}"`);
  return t;
}

/** A plausible original letter text for a fixture. */
export function originalOf(det: Determination): { text: string; format: 'txt' } {
  const items = det.items.map((i) => `${i.request}: ${i.decision === 'upheld' ? 'Upheld' : 'Overturned'}\nDecision rationale: ${i.rationale}`);
  return { text: `Case Number: ${det.caseNumber ?? ''}\nCLINICAL CASE SUMMARY\n${det.clinicalSummary}\nIMR ISSUES, DECISIONS AND RATIONALES\n${items.join('\n')}\n`, format: 'txt' };
}

/**
 * A store on a fresh empty database of this test run's engine (an SQLite
 * file, or a PostgreSQL database in the test cluster; see
 * test-databases.ts); `dispose` closes it and deletes the database.
 */
export async function tempStore(options: Omit<StoreOptions, 'path'> = {}): Promise<{ store: Store; path: string; dispose: () => Promise<void> }> {
  const database = await tempDatabase();
  const store = await openStore({ ...options, path: database.target }).catch(async (err: unknown) => {
    await database.dispose();
    throw err;
  });
  return {
    store,
    path: database.target,
    dispose: async () => {
      await store.close().catch(() => undefined);
      await database.dispose();
    },
  };
}

const CASE_OPENED_AT = '2017-01-03T17:00:00.000Z';

/** A new IMR case as intake stores it (received, one item), with the case number given. */
export function aCase(caseNumber: string | null): CaseToInsert {
  return {
    caseNumber,
    state: 'received',
    priority: 'standard',
    parties: { worker: { name: 'W' }, employer: { name: 'E' }, claimsAdministrator: { name: 'C' }, providers: [] },
    application: { receivedDate: '2017-01-03', urDecisionDate: '2016-12-20', urServiceMethod: 'mail', signed: true, urDecisionAttached: true, formularyDispute: false },
    eligibility: null,
    assignedOn: null,
    records: null,
    reviewerId: null,
    file: { patient: { age: 50, sex: 'female' }, injuryDates: [], clinicalSummary: 's', documents: [], facts: {}, items: [{ index: 1, request: 'Norco 10/325 #60', claimsAdministratorGuidelines: [] }] },
    decisions: [],
    decidedOn: null,
    issuedVersion: 0,
    createdAt: CASE_OPENED_AT,
    updatedAt: CASE_OPENED_AT,
  };
}
