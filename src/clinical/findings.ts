/**
 * Clinical concepts read from a case summary: exam findings, diagnoses,
 * treatments tried and failed, functional improvement, monitoring. Each is
 * data: the patterns that mention it and the patterns that document its
 * absence ("sensation intact" documents no sensory deficit). Polarity of a
 * mention (negated, uncertain) comes from `negation.ts`.
 */

import type { FactKind } from './fact-context.js';

/** The clinical facts the text analysis can establish, by id. */
export const CLINICAL_FACTS = [
  'muscle-spasm',
  'spasticity-ms-sci',
  'neuropathic-pain',
  'radicular-symptoms',
  'radiculopathy-exam',
  'neuro-deficit',
  'imaging-nerve-compromise',
  'imaging-lesion',
  'red-flag',
  'trauma',
  'failed-conservative-care',
  'failed-non-opioid',
  'failed-first-line-neuropathic',
  'functional-improvement',
  'pain-relief',
  'opioid-monitoring',
  'aberrant-behavior',
  'gi-risk',
  'oral-intolerance',
  'surgery-planned',
  'insomnia',
  'psych-condition',
  'nausea',
  'knee-derangement',
  'shoulder-structural',
  'facet-signs',
  'objective-deficit',
  'home-exercise',
  'currently-in-therapy',
  'osteoarthritis',
  'exceptional-factors',
  'working',
  'prior-physical-therapy',
  'prior-chiropractic',
  'prior-acupuncture',
  'prior-tens-benefit',
  'medication-reduced-or-not-tolerated',
  'therapy-benefit',
  'dysphagia',
  'symptom-change',
  'scs-indication',
  'psych-evaluation',
  'scs-trial-success',
] as const;
export type ClinicalFactId = (typeof CLINICAL_FACTS)[number];

/** How a concept is recognised. */
export interface Concept {
  id: ClinicalFactId;
  /** What the fact means, in words a rationale can use. */
  label: string;
  /** Mentions of the concept; a negated mention documents its absence. */
  mentions: RegExp[];
  /** Mentions that, affirmed, document the concept is absent ("neurologically intact"). */
  absent?: RegExp[];
  /** Plans and requests are not facts, except for concepts that are about plans (surgery considered). */
  plansCount?: boolean;
  /** Whether a result word after the mention ("was negative") can negate it. */
  postNegation?: boolean;
  /** Kinds of statement that may document it (default: examination, complaint, history, imaging; never UR's words or a plan). */
  kinds?: FactKind[];
  /** A finding about a body part: it documents a criterion only for a request of that region (and side). */
  regional?: boolean;
  /** Words that must come earlier in the sentence for a mention to count (the imaging study a lesion was seen on). */
  context?: RegExp;
}

/** An imaging or electrodiagnostic study: what a lesion must have been seen on. */
const IMAGING_STUDY = /\b(?:MRI|MR arthrogra\w*|CT|computed tomography|x-?rays?|radiographs?|radiologic\w*|imaging|ultrasound|EMG|NCV|NCS|electrodiagnostic|electromyograph\w*|electroneurograph\w*|nerve conduction|myelogra\w*|scan)\b/i;

const THERAPY = String.raw`(?:physical therapy|physiotherapy|\bPT\b|occupational therapy|therapeutic exercise|rehab(?:ilitation)?|chiropractic|acupuncture|conservative (?:care|treatment|management|measures|therapy)|home exercise|injections?|medications?|NSAIDs?|anti-inflammator\w*|ibuprofen|naproxen|meloxicam|steroid|shots?|rest|activity modification|brac(?:e|ing)|treatment)`;
const NO_HELP = String.raw`(?:fail(?:ed|ure|s)?|no (?:significant |lasting |sustained )?(?:improvement|relief|benefit|change)|not (?:improved?|helped|helpful|responded|effective)|did not (?:improve|help|respond|provide)|without (?:significant )?(?:improvement|relief|benefit)|ineffective|unsuccessful|refractory|unresponsive|has not (?:improved|responded|helped)|minimal (?:relief|improvement|benefit)|temporary relief|despite)`;

export const CONCEPTS: readonly Concept[] = [
  {
    id: 'muscle-spasm',
    label: 'muscle spasm on examination',
    mentions: [/\b(?:muscle\s+|muscular\s+|paraspinal\s+|paravertebral\s+|palpable\s+)?spasms?\b/i, /\bhypertonicity\b/i, /\bmuscle\s+guarding\b/i, /\btaut bands?\b/i],
  },
  {
    id: 'spasticity-ms-sci',
    label: 'spasticity from multiple sclerosis or spinal cord injury',
    mentions: [/\bmultiple sclerosis\b/i, /\bspinal cord injur/i, /\bspasticity\b/i, /\b(?:para|quadri|tetra|hemi)pleg/i, /\bmyelopathy\b/i],
  },
  {
    id: 'neuropathic-pain',
    label: 'neuropathic pain',
    mentions: [/\bneuropath/i, /\bradicul(?:ar|opathy|itis)\b/i, /\bsciatica\b/i, /\bCRPS\b|complex regional pain|reflex sympathetic/i, /\bburning\b/i, /\bparesthesias?\b|\bdysesthesias?\b|\bhyperesthesia\b/i, /\bnumb(?:ness)?\b|\btingling\b/i, /\bpost-?herpetic\b/i, /\bnerve (?:pain|damage|injury|entrapment)\b/i, /\bcarpal tunnel\b/i],
  },
  {
    id: 'radicular-symptoms',
    label: 'radiating (radicular) symptoms',
    mentions: [/\bradiat(?:es|ing|ed|ion)\b[^.]{0,40}\b(?:legs?|arms?|extremit|buttocks?|hips?|thighs?|knees?|calf|calves|feet|foot|hands?|fingers?|toes?|shoulders?)\b/i, /\b(?:pain|numbness|tingling|symptoms)\s+(?:\w+\s+)?(?:down|into)\s+(?:the\s+|his\s+|her\s+)?(?:bilateral\s+|left\s+|right\s+|both\s+)?(?:legs?|arms?|lower extremit\w*|upper extremit\w*|feet|hands?|fingers|toes|calf|calves|thighs?)\b/i, /\bradicul(?:ar|opathy|itis)\b/i, /\bsciatica\b/i, /\bshooting pain\b/i],
    regional: true,
  },
  {
    id: 'radiculopathy-exam',
    label: 'radiculopathy on physical examination (positive nerve tension signs or dermatomal deficits)',
    mentions: [
      /\bpositive (?:(?:bilateral|left|right|seated|supine)\s+)?(?:straight[- ]leg[- ]rais\w*|SLR|Spurling\w*|slump|Lasegue)/i,
      /\b(?:straight[- ]leg[- ]rais\w*(?: test)?|SLR|Spurling'?s?(?: test| sign| maneuver)?)\b(?:\s+(?:was|is|were))?\s+(?:\w+\s+){0,3}positive/i,
      /\bdermatom\w*/i,
      /\bmyotom\w*/i,
      /\b(?:decreased|diminished|reduced|absent|altered|abnormal|hypo)\s*(?:sensation|sensory|light touch|pinprick|(?:deep tendon |patellar |achilles |biceps |triceps )?reflex\w*)\b[^.]{0,60}\b(?:L[1-5]|S1|C[2-8]|dermatom|distribution)/i,
      /\bhyporeflexia\b|\bhypoesthesia\b/i,
    ],
    postNegation: false,
    kinds: ['exam'],
    regional: true,
    absent: [/\bnegative\s+(?:(?:bilateral|left|right|seated|supine)\s+)?(?:straight[- ]leg[- ]rais\w*|SLR|Spurling\w*|slump|Lasegue)/i, /\b(?:straight[- ]leg[- ]rais\w*(?: test)?|SLR|Spurling'?s?(?: test| sign| maneuver)?)\b(?:\s+\w+){0,2}\s+(?:is|was|were|are)\s+negative\b/i],
  },
  {
    id: 'neuro-deficit',
    label: 'objective neurologic deficit (sensory, motor or reflex) on examination',
    mentions: [
      /\b(?:decreased|diminished|reduced|absent|altered|impaired|loss of|abnormal)\s+(?:\w+\s+){0,2}(?:sensation|sensory|light touch|pinprick|reflex\w*|strength|motor|grip)/i,
      /\b(?:sensation|sensory|reflexes?|strength|grip)\s+(?:\w+\s+){0,2}(?:was |were |is |are )?(?:decreased|diminished|reduced|absent|impaired)/i,
      /\bweakness\b/i,
      /\b(?:strength|motor|power|graded?)\b[^.]{0,40}\b[0-4][+-]?\s*(?:\/|out of|over)\s*5\b|\b[0-4][+-]?\s*\/\s*5\b|\b5-\s*\/\s*5\b/i,
      /\bhyporeflexia\b|\bhypoesthesia\b|\bfoot drop\b|\batrophy\b/i,
      /\bpositive (?:Tinel|Phalen|Durkan)\w*/i,
      /\b(?:Tinel|Phalen|Durkan)\w*(?:'s)?(?:\s+(?:sign|test))?(?:\s+and\s+(?:Tinel|Phalen|Durkan)\w*(?:'s)?(?:\s+(?:sign|test))?)?\s+(?:is|was|are|were)\s+positive/i,
      /\bdecrease\s+(?:\w+\s+){0,1}(?:sensation|sensory|strength|reflex\w*)/i,
      /\b[0-4]\s*(?:\+|-|plus|minus)?\s*(?:\/|out of|over)\s*5\b|\b5\s*(?:-|minus)\s*(?:\/|out of|over)\s*5\b/i,
      /\bhyperesthesia\b|\bhypersensitivity\b|\bdysesthesia\b/i,
    ],
    kinds: ['exam'],
    regional: true,
    absent: [/\b5\s*\/\s*5 (?:motor )?strength\b|\bintact (?:motor|sensory|sensation|neuro\w*)\b|\bno (?:\w+ ){0,2}deficits? in (?:any |all )?(?:of the )?dermatomes\b|\breflexes\b[^.]{0,30}\b(?:equal|symmetric\w*)\b|\b(?:sensation|sensory)\s+(?:is|are|was|were)\s+(?:good|normal|intact)\b/i, /\bneuro(?:logically|vascularly)? intact\b/i, /\bnormal (?:neurologic(?:al)?|sensory|motor) (?:exam|examination|findings)/i, /\bno (?:focal )?neurologic(?:al)? deficits?\b/i, /\b(?:sensation|reflexes|strength|motor)\b[^.]{0,40}\b(?:intact|normal|symmetric|5\/5)\b/i],
  },
  {
    id: 'imaging-nerve-compromise',
    label: 'imaging or electrodiagnostic evidence of nerve root compromise',
    context: IMAGING_STUDY,
    mentions: [/\b(?:nerve root|impinge\w*|compress\w*|foraminal (?:stenosis|narrowing)|neuroforaminal (?:stenosis|narrowing)|herniat\w*|extrusion|protrusion|radiculopathy|(?:spinal|canal|central|foraminal) stenosis|effac\w*|displac\w* the (?:\w+ )?nerve|contact\w* the (?:\w+ )?(?:nerve|root)|carpal tunnel syndrome|neuropathy)\b/i],
    kinds: ['imaging', 'history'],
    regional: true,
  },
  {
    id: 'imaging-lesion',
    label: 'imaging evidence of a lesion that may benefit from treatment',
    context: IMAGING_STUDY,
    mentions: [/\b(?:tear|torn|lesion|fractures?|dislocation|Bankart|Hill-Sachs|SLAP|labral|rupture|herniat\w*|extrusion|impinge\w*|stenosis|instability|loose bod\w*|defect|degenerat\w*|arthrosis|arthritis|tendinopathy|tendinosis)\b/i],
    absent: [/\b(?:negative|normal|unremarkable)\s+(?:\w+\s+){0,4}(?:x-?rays?|MRI|CT|imaging|radiographs?|studies|films)\b/i, /\b(?:x-?rays?|MRI|CT scan|radiographs?)\s+(?:\w+\s+){0,6}(?:was|were|is|are)\s+(?:negative|normal|unremarkable)\b/i],
    kinds: ['imaging', 'history'],
    regional: true,
  },
  {
    id: 'red-flag',
    label: 'red flags (fracture, tumor, infection, cauda equina, progressive neurologic deficit)',
    mentions: [/\bred[- ]flags?\b/i, /\bfractures?\b/i, /\btumou?rs?\b|\bmalignan\w*|\bcancer\b|\bneoplas\w*/i, /\binfection\b|\bosteomyelitis\b|\babscess\b|\bsepsis\b/i, /\bcauda equina\b|\bsaddle an(?:a)?esthesia\b/i, /\b(?:bowel|bladder) (?:or (?:bowel|bladder) )?(?:dysfunction|incontinence|retention|changes)|\bincontinence\b/i, /\bprogressive (?:neurologic\w*|weakness|deficit)/i, /\bdislocat\w*/i, /\bunexplained weight loss\b/i],
    postNegation: true,
  },
  {
    id: 'trauma',
    label: 'significant trauma',
    mentions: [/\b(?:fell|fall(?:ing)?|slipped|tripped|struck|crush\w*|motor vehicle|MVA|MVC|collision|altercation|assault\w*)\b/i],
  },
  {
    id: 'failed-conservative-care',
    label: 'failure of conservative care',
    mentions: [new RegExp(NO_HELP + String.raw`\b[^.]{0,80}` + THERAPY, 'i'), new RegExp(THERAPY + String.raw`[^.]{0,60}\b` + NO_HELP, 'i'), /\bconservative (?:care|treatment|management|measures) (?:has |have )?failed\b/i],
  },
  {
    id: 'failed-non-opioid',
    label: 'failed trial of non-opioid analgesics',
    mentions: [/\b(?:fail\w*|not tolerat\w*|intoleran\w*|inadequate|ineffective|did not help|no relief|unable to tolerate|contraindicat\w*)\b[^.]{0,60}\b(?:NSAIDs?|ibuprofen|naproxen|meloxicam|acetaminophen|tylenol|anti-?inflammator\w*|non-?opioid|first[- ]line|non-?narcotic|hydrocodone|vicodin|norco)\b/i, /\b(?:NSAIDs?|ibuprofen|naproxen|acetaminophen|tylenol|anti-?inflammator\w*|non-?opioid|hydrocodone|vicodin)\b[^.]{0,60}\b(?:fail\w*|not tolerat\w*|ineffective|did not help|no relief|inadequate)/i],
  },
  {
    id: 'failed-first-line-neuropathic',
    label: 'failed trial of first-line therapy (antidepressant or anti-epilepsy drug)',
    mentions: [/\b(?:fail\w*|tried|trial of|not tolerat\w*|intoleran\w*|ineffective|did not help)\b[^.]{0,60}\b(?:antidepressant|amitriptyline|nortriptyline|duloxetine|cymbalta|gabapentin|neurontin|lyrica|pregabalin|anticonvulsant|anti-?epilep\w*|tricyclic)/i, /\b(?:gabapentin|neurontin|lyrica|pregabalin|amitriptyline|cymbalta|duloxetine)\b[^.]{0,40}\b(?:fail\w*|ineffective|not tolerat\w*|did not help)/i],
  },
  {
    id: 'functional-improvement',
    label: 'documented objective functional improvement',
    mentions: [
      /\bfunctional (?:improvement|gains?|benefit|restoration achieved)\b/i,
      /\bimprov(?:ed|ement|ing)\s+(?:in\s+)?(?:\w+\s+){0,2}(?:function\w*|ADLs?|activities of daily living|range of motion|ROM|mobility|strength|ability|endurance|tolerance)/i,
      /\b(?:increased|better|greater)\s+(?:\w+\s+){0,2}(?:function\w*|activity|activities|ability|tolerance|range of motion|ROM|mobility|strength|endurance)/i,
      /\b(?:able|ability) to (?:return to work|work|perform|do|complete|walk|sit|stand|drive|sleep|participate)/i,
      /\breturned to (?:(?:full|regular|modified|usual) )?(?:work|duty)\b/i,
      /\b(?:with|reported|noted|showed|having) (?:(?:some|significant|good|moderate) )?benefit\b|\bbenefit(?:ed|ing|s)? from\b|\b(?:is|was|were) (?:helping|helpful|beneficial)\b|\bhelps? (?:with|to|him|her)\b/i,
      /\bhelp\w*\s+(?:\w+\s+){0,3}function\w*/i,
    ],
  },
  {
    id: 'pain-relief',
    label: 'documented pain relief with the treatment',
    mentions: [
      /\bfrom\s+\d{1,2}(?:\s*\/\s*10)?\s+to\s+\d{1,2}(?:\s*\/\s*10)?/i,
      /\b\d{1,2}\s*\/\s*10\s+with(?:\s+\w+){0,2}\s+(?:medications?|meds)\b[^.]{0,40}\b\d{1,2}\s*\/\s*10\s+without/i,
      /\b\d{1,2}\s*\/\s*10\s+without(?:\s+\w+){0,2}\s+(?:medications?|meds)\b[^.]{0,40}\b\d{1,2}\s*\/\s*10\s+with\b/i,
      /\b(?:reduces?|reduced|decreases?|decreased|relieves?|relieved|alleviat\w+|helps?|helped|helpful for)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:\w+\s+)?pain\b/i,
      /\bpain (?:relief|reduction|(?:is|was|had|has) (?:been )?(?:reduced|decreased|better|improved|controlled|lessened))\b/i,
      /\b(?:reducing|decreasing|relieving)\s+(?:the\s+|his\s+|her\s+)?pain\b/i,
      /\bwith(?:out)?\s+(?:the\s+)?(?:pain\s+)?(?:medications?|meds)\s+(?:\w+\s+){0,2}\d{1,2}\s*\/\s*10\b[^.]{0,40}\bwith(?:out)?\s+(?:the\s+)?(?:pain\s+)?(?:medications?|meds)\s+(?:\w+\s+){0,2}\d{1,2}\s*\/\s*10/i,
      /\b\d{1,3}\s*%\s*(?:pain\s+)?(?:relief|improvement|reduction)\b/i,
    ],
  },
  {
    id: 'opioid-monitoring',
    label: 'ongoing opioid monitoring (urine drug testing, CURES, pain agreement, review of side effects and aberrant behavior)',
    mentions: [/\burine (?:drug|toxicology|tox)\w*|\bUDS\b|\bUDT\b|\bdrug screen\w*|\bCURES\b|\bPDMP\b|\b(?:pain|opioid|narcotic|medication) (?:agreement|contract)\b|\b4 A'?s\b|\bfour A'?s\b|\bopioid risk (?:tool|assessment)\b/i],
  },
  {
    id: 'aberrant-behavior',
    label: 'aberrant drug-related behavior',
    mentions: [/\baberrant\b|\binconsistent (?:urine|UDS|drug screen|results)|\bmisuse\b|\bdiversion\b|\bearly refills?\b|\bdoctor shopping\b|\bsubstance abuse\b|\baddiction\b/i],
  },
  {
    id: 'gi-risk',
    label: 'gastrointestinal risk or symptoms (GI complaints, ulcer or bleeding history, anticoagulants, age over 65)',
    mentions: [/\bGI (?:upset|symptoms|complaints|distress|bleed\w*|risk|irritation|issues|problems)\b|\bgastr(?:itis|ic|oesophageal|oesophageal|oesophag\w*|oesoph\w*|o-?esophageal|ointestinal)\b|\bdyspepsia\b|\bGERD\b|\breflux\b|\bheartburn\b|\bulcers?\b|\bstomach (?:upset|pain|irritation|problems|issues)\b|\bupset stomach\b|\bepigastric\b|\b(?:upper )?abdominal (?:pain|discomfort)\b|\bGI bleed|\banticoagul\w*|\bwarfarin\b|\bcoumadin\b|\bblood thinners?\b/i],
  },
  {
    id: 'oral-intolerance',
    label: 'intolerance or contraindication to oral medications',
    mentions: [/\b(?:intoleran\w*|unable to tolerate|cannot tolerate|could not tolerate|not tolerat\w*|contraindicat\w*)\b[^.]{0,50}\b(?:oral|medications?|NSAIDs?|pills?|tablets?)\b|\b(?:oral )?medications?\b[^.]{0,30}\b(?:not tolerated|caus\w+ (?:GI|stomach|gastric))/i],
  },
  {
    id: 'surgery-planned',
    label: 'surgery being considered (willingness to act on the results)',
    mentions: [/\bsurgical (?:candidate|intervention|option|consult\w*|evaluation|treatment|repair|management)\b|\b(?:consider\w*|contemplat\w*|willing\w*|plan\w*|candidate|recommend\w*|scheduled?|authoriz\w*|certified)\b[^.]{0,40}\bsurg\w+|\bsurgery (?:is|was|has been) (?:recommended|planned|scheduled|authorized|certified|approved|indicated)\b|\bpre-?operative\b|\bpre-?op\b/i],
    plansCount: true,
  },
  {
    id: 'insomnia',
    label: 'insomnia or sleep disturbance',
    mentions: [/\binsomnia\b|\bsleep (?:disturbance|difficult\w*|problems?|disorder|impairment|issues)\b|\bdifficulty (?:in |with )?(?:sleep\w*|falling asleep|staying asleep)\b|\btrouble sleeping\b|\bpoor sleep\b|\bunable to sleep\b|\bwakes? (?:up )?(?:at night|frequently|due to pain)\b/i],
  },
  {
    id: 'psych-condition',
    label: 'a psychological condition affecting recovery (depression, anxiety, PTSD)',
    mentions: [/\bdepress(?:ion|ive|ed)\b|\banxiety\b|\bpanic\b|\bPTSD\b|\bpost-?traumatic stress\b|\bsuicid\w*|\bhomicid\w*|\bpsychiatric (?:condition|disorder|symptoms)|\bmood disorder\b|\badjustment disorder\b|\bpsychological (?:condition|symptoms|distress)/i],
  },
  {
    id: 'nausea',
    label: 'nausea or vomiting',
    mentions: [/\bnausea\b|\bvomit\w*|\bemesis\b/i],
  },
  {
    id: 'knee-derangement',
    label: 'signs of internal derangement of the knee (meniscal or ligament signs, effusion, locking, instability)',
    mentions: [/\bMcMurray\w*|\bmenisc\w+|\blocking\b|\bcatching\b|\bgiving way\b|\bbuckling\b|\beffusion\b|\bligament\w* (?:tear|laxity|injury|instability)|\blaxity\b|\bLachman\w*|\bdrawer\b|\bjoint line tenderness\b|\binternal derangement\b|\bpivot shift\b/i],
    postNegation: true,
    regional: true,
  },
  {
    id: 'shoulder-structural',
    label: 'signs of a structural shoulder lesion (tear, instability, impingement)',
    mentions: [/\bapprehension\b|\binstability\b|\bdislocat\w*|\bsubluxation\b|\brotator cuff tear\b|\bfull[- ]thickness\b|\blabral tear\b|\bSLAP\b|\bBankart\b|\bimpingement\b|\bpositive (?:Hawkins|Neer|drop arm|empty can|Jobe|O'Brien|Speed)\w*|\b(?:Hawkins|Neer)\w*[^.]{0,30}positive/i],
    absent: [/\bnegative\s+(?:results?\s+)?(?:for\s+)?(?:\w+\s+){0,2}(?:Neer|Hawkins|impingement|drop arm|apprehension|O'Brien|Speed|empty can|Jobe)\w*/i, /\b(?:Neer|Hawkins|impingement|drop arm|apprehension|O'Brien|Speed)\w*(?:'s)?(?:\s+\w+){0,2}\s+(?:is|was|were|are)\s+negative\b/i],
    postNegation: true,
    regional: true,
  },
  {
    id: 'facet-signs',
    label: 'facet-mediated pain (axial pain, facet tenderness or pain on facet loading)',
    mentions: [/\bfacet (?:tenderness|loading|mediated|arthropathy|syndrome|pain|joint pain|hypertrophy)\b|\baxial (?:\w+ )?pain\b|\bpain (?:with|on) (?:extension|facet loading|extension and rotation)\b|\bpositive facet\b/i],
    regional: true,
  },
  {
    id: 'objective-deficit',
    label: 'objective functional deficits on examination (reduced range of motion, strength or function)',
    mentions: [/\b(?:decreased|limited|restricted|reduced|painful|diminished)\s+(?:\w+\s+){0,2}(?:range of motion|ROM|motion|flexion|extension|abduction|rotation|mobility|strength)\b/i, /\b(?:range of motion|ROM)\b[^.]{0,30}\b(?:decreased|limited|restricted|reduced)\b/i, /\b(?:flexion|extension|abduction|rotation)\s+(?:to|of|at)\s+\d+\s*degrees\b/i, /\bantalgic\b|\bdifficulty (?:walking|standing|sitting|reaching|lifting|bending|performing|with (?:ADLs?|activities))\b|\blimp\w*\b|\b(?:unable|inability) to (?:bend|sit|stand|walk|use|lift|reach|kneel|squat)\b|\b(?:slow|abnormal|deficit of|impaired) (?:gait|posture)\b|\bactivities (?:\w+ ){0,2}(?:were|are|was|is) limited\b|\bnot tolerating (?:sitting|standing|walking)\b/i],
    absent: [/\b(?:normal|full|good) (?:\w+ )?(?:range of motion|ROM|gait)\b|\b(?:range of motion|ROM|gait)\b[^.]{0,30}\b(?:is|was|were|are) (?:full|normal)\b|\bfluid gait\b/i],
    regional: true,
  },
  {
    id: 'home-exercise',
    label: 'a home exercise program',
    mentions: [/\bhome exercise\w*|\bHEP\b|\bself-directed (?:home )?(?:exercise|physical medicine|therapy)/i],
  },
  {
    id: 'currently-in-therapy',
    label: 'currently participating in physical rehabilitation',
    mentions: [/\b(?:currently|is|was|been|remains?)\s+(?:\w+\s+){0,1}(?:undergoing|attending|receiving|participating in|doing|in|enrolled in)\s+(?:\w+\s+){0,2}(?:physical therapy|therapy|PT|rehab\w*|chiropractic|home exercise)/i, /\b(?:responding to|ongoing|continues? (?:with )?)\s+(?:physical )?therapy\b/i, /\bas an adjunct to\b/i],
  },
  {
    id: 'osteoarthritis',
    label: 'osteoarthritis',
    mentions: [/\bosteoarthritis\b|\bdegenerative joint disease\b|\bDJD\b|\barthritis of the (?:knee|hand|wrist|elbow|ankle|foot)/i],
  },
  {
    id: 'exceptional-factors',
    label: 'exceptional factors to support treatment outside the guideline',
    mentions: [/\b(?:exceptional|extenuating|extraordinary|unique) (?:factors|circumstances)\b/i],
  },
  {
    id: 'working',
    label: 'working (full or modified duty)',
    mentions: [/\b(?:working|returned to work|return(?:ed)? to (?:work|(?:full|modified|regular|usual) (?:duty|duties|work|job duties))|work status(?: is|:)? (?:restricted|modified|return)|modified (?:work|duty)|continues? to work|currently (?:employed|working)|working (?:full|modified|regular) duty)\b/i],
    absent: [/\b(?:temporarily totally disabled|TTD|temporary total disability|off work|out of work|not working|unable to work)\b/i],
  },
  {
    id: 'prior-physical-therapy',
    label: 'prior physical or occupational therapy',
    mentions: [/\b(?:physical therapy|physiotherapy|PT|occupational therapy|OT|therapeutic exercise|rehabilitation therapy|physical medicine)\b/],
  },
  {
    id: 'prior-chiropractic',
    label: 'prior chiropractic care or manipulation',
    mentions: [/\bchiropract\w*|\bmanipulation\b|\bmanual therapy\b/i],
  },
  {
    id: 'prior-acupuncture',
    label: 'prior acupuncture',
    mentions: [/\bacupuncture\b/i],
  },
  {
    id: 'prior-tens-benefit',
    label: 'benefit from a supervised TENS trial',
    mentions: [/\b(?:TENS|electrical stimulation|e-?stim)\b[^.]{0,60}\b(?:trial|helped|helpful|benefit\w*|relief|improv\w*|effective)\b/i],
  },
  {
    id: 'dysphagia',
    label: 'difficulty swallowing tablets',
    mentions: [/\bdysphagia\b|\b(?:difficulty|unable to|cannot|trouble) swallow\w*|\bfeeding tube\b|\bG-?tube\b/i],
  },
  {
    id: 'symptom-change',
    label: 'a significant change in symptoms or findings (worsening, new or progressive deficits)',
    mentions: [/\b(?:worsen\w*|increas\w* (?:in )?(?:pain|symptoms|numbness|weakness)|new (?:onset )?(?:\w+ )?(?:symptoms|weakness|numbness|deficits?|radicular|findings)|progressi(?:ve|ng|on) (?:of )?(?:\w+ )?(?:symptoms|weakness|numbness|deficits?)|significant change|(?:symptoms|pain) (?:have |has )?(?:changed|progressed|worsened))\b/i],
  },
  {
    id: 'scs-indication',
    label: 'an indication for a spinal cord stimulator (failed back surgery syndrome, complex regional pain syndrome)',
    mentions: [/\bfailed back (?:surgery )?syndrome\b|\bFBSS\b|\bpost-?laminectomy (?:pain )?syndrome\b|\bCRPS\b|\bcomplex regional pain\b|\breflex sympathetic dystrophy\b|\bRSD\b|\b(?:status post|s\/p|underwent|after|following|history of)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,3}(?:lumbar |cervical |spinal |spine |back )?(?:fusion|laminectomy|laminotomy|discectomy|microdiscectomy|decompression|spine surgery|back surgery)\b/i],
  },
  {
    id: 'psych-evaluation',
    label: 'a psychological evaluation (before an implanted device)',
    mentions: [/\bpsycholog\w* (?:evaluation|clearance|assessment|screening|testing)\b|\bpsych(?:iatric)? (?:evaluation|clearance)\b/i],
  },
  {
    id: 'scs-trial-success',
    label: 'a successful temporary spinal cord stimulator trial',
    mentions: [/\b(?:stimulator|SCS) trial\b[^.]{0,80}\b(?:success\w*|\d{2,3}\s*%|relief|improv\w*|reduc\w*)/i],
  },
  {
    id: 'medication-reduced-or-not-tolerated',
    label: 'pain medication reduced or not tolerated',
    mentions: [/\b(?:pain )?medications? (?:\w+ ){0,2}(?:reduced|decreased|tapered|not tolerated|caus\w+ side effects)\b|\b(?:reduce|decrease|taper|wean)\w* (?:\w+ ){0,3}(?:pain )?medications?\b|\b(?:intoleran\w*|unable to tolerate|side effects)\b[^.]{0,40}\bmedications?\b/i],
  },
];
