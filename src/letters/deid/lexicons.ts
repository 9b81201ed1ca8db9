/**
 * The word lists the detectors use. Person names come from a maintained
 * data package (the US census-derived first- and last-name lists of
 * @zxcvbn-ts/language-en), never from a hand-typed list; its common-word
 * lists tell a name that is also an English word ("Hill", "Young") from one
 * that is not. Clinical words that collide with names (a drug, an eponymous
 * test, a guideline document) are allowed by the project's own lexicons.
 */
import { dictionary } from '@zxcvbn-ts/language-en';
import { DRUGS } from '../../clinical/treatments/index.js';
import { MTUS_DOCUMENTS, ODG_CHAPTERS } from '../citations/guideline-documents.js';
import { fold } from './tokens.js';

let cache: Lexicons | null = null;

export interface Lexicons {
  firstNames: ReadonlySet<string>;
  lastNames: ReadonlySet<string>;
  /** English words common enough that a capitalised one is no evidence of a name. */
  common: ReadonlySet<string>;
  /** Clinical and guideline words that stay even where they are also names. */
  clinical: ReadonlySet<string>;
  /** The eponyms among them: clinical after "test", "sign"..., a person after a title. */
  eponyms: ReadonlySet<string>;
}

/**
 * Eponymous tests, signs and conditions: clinical content, never a person in
 * a letter. Each is also a census surname, so it would otherwise be read as one.
 */
export const EPONYMS = [
  'hawkins', 'kennedy', 'spurling', 'patrick', 'faber', 'phalen', 'tinel', 'neer', 'lasegue', 'mcmurray', 'lachman', 'finkelstein', 'babinski',
  'romberg', 'hoffmann', 'hoffman', 'waddell', 'apley', 'yeoman', 'gaenslen', 'kemp', 'kemps', 'thomas', 'ober', 'speed', 'yergason', 'obrien',
  'adson', 'wright', 'roos', 'jobe', 'bragard', 'kernig', 'brudzinski', 'hoover', 'dupuytren', 'quervain', 'achilles', 'parkinson', 'alzheimer',
  'crohn', 'bell', 'baker', 'colles', 'smith', 'bennett', 'boxer', 'osgood', 'schlatter', 'scheuermann', 'raynaud', 'guyon', 'heberden', 'bouchard',
  'morton', 'tietze', 'cozen', 'mill', 'mills', 'allen', 'froment', 'wartenberg', 'durkan', 'valsalva', 'trendelenburg', 'stinchfield', 'ely',
  'homans', 'hawkin', 'kibler', 'grind', 'drop', 'crank', 'lhermitte', 'jamar', 'oswestry', 'mcgill', 'beck', 'hamilton', 'epworth', 'glasgow',
  'harris', 'hamstring', 'maitland', 'mckenzie', 'schober', 'gillet', 'fortin', 'cotton', 'salter', 'lisfranc', 'jones', 'chopart', 'bankart',
  'hill', 'sachs', 'wallerian', 'horner', 'sjogren', 'reiter', 'paget', 'bekhterev', 'tarlov', 'modic', 'schmorl', 'grisel',
  // Authors and publishers of cited evidence, and the IMR organisation itself.
  'bigos', 'trinh', 'kjellman', 'aker', 'cochrane', 'medline', 'maximus', 'michigan', 'gaba',
];

/**
 * Words of medical specialties and services, as reviewers' credentials and
 * requests name them ("Physical Medicine and Rehabilitation"): clinical, so
 * never the distinctive word of a clinic's name.
 */
const SPECIALTY_WORDS = [
  'physical', 'medicine', 'rehabilitation', 'surgery', 'orthopaedic', 'orthopedic', 'internal', 'family', 'occupational', 'preventive', 'anesthesiology',
  'pain', 'psychiatry', 'psychology', 'neurology', 'neurological', 'chiropractic', 'podiatry', 'radiology', 'emergency', 'sports', 'spine', 'spinal', 'hand',
  'general', 'plastic', 'vascular', 'rheumatology', 'physiatry', 'acupuncture', 'therapy', 'therapeutic', 'functional', 'restoration', 'program', 'behavioral',
  'health', 'mental', 'diagnostic', 'imaging', 'laboratory', 'electrodiagnostic', 'neurosurgery', 'public', 'pediatric', 'geriatric', 'interventional',
  'management', 'clinical', 'services', 'medical', 'care', 'initial', 'extracorporeal', 'shock', 'wave', 'laser', 'electrical', 'stimulation', 'low', 'level',
];

/** Brand and generic drug names and the guideline documents' words, folded. */
function clinicalWords(): Set<string> {
  const out = new Set<string>(EPONYMS);
  const add = (s: string) => {
    for (const w of fold(s).split(/[^a-z]+/)) if (w.length >= 2) out.add(w);
  };
  for (const k of Object.keys(DRUGS)) add(k);
  for (const d of MTUS_DOCUMENTS) add(d.name);
  for (const c of ODG_CHAPTERS) add(c.name);
  for (const w of SPECIALTY_WORDS) out.add(w);
  for (const w of ['mtus', 'acoem', 'odg', 'chronic', 'guidelines', 'official', 'disability', 'cpmtg', 'dwc', 'imr', 'ur', 'rfa', 'wcab']) out.add(w);
  return out;
}

/** The lists, built once (about 100,000 names). */
export function lexicons(): Lexicons {
  if (cache) return cache;
  const clinical = clinicalWords();
  cache = {
    firstNames: new Set(dictionary['firstnames-en']),
    lastNames: new Set(dictionary['lastnames-en']),
    common: new Set([...dictionary['commonWords-en'], ...dictionary['wikipedia-en'], ...dictionary['months-en'], ...dictionary['daysOfWeek-en']]),
    clinical,
    eponyms: new Set(EPONYMS),
  };
  return cache;
}

/** Titles before a name. */
export const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'doctor', 'prof', 'professor', 'nurse', 'pa', 'np', 'rn', 'lvn', 'sr', 'sra', 'srta']);

/** Credentials after a name ("Jane Roe, PA-C"; "Roe MD"). */
export const CREDENTIALS = new Set([
  'md', 'do', 'dc', 'pa', 'np', 'rn', 'lvn', 'fnp', 'phd', 'psyd', 'dpt', 'pt', 'otr', 'ot', 'lcsw', 'mft', 'lmft', 'dds', 'dmd', 'dpm', 'od', 'lac', 'qme', 'ame', 'facs', 'faaos', 'msn', 'bsn', 'cnp', 'crna', 'atc',
]);

/** Words after which a person's name follows: relatives, roles, "seen by". */
export const PERSON_CUES = new Set([
  'husband', 'wife', 'spouse', 'son', 'sons', 'daughter', 'daughters', 'mother', 'father', 'brother', 'sister', 'partner', 'boyfriend', 'girlfriend', 'fiance', 'fiancee',
  'niece', 'nephew', 'aunt', 'uncle', 'grandson', 'granddaughter', 'grandmother', 'grandfather', 'cousin', 'friend', 'neighbor', 'neighbour', 'coworker', 'roommate',
  'supervisor', 'manager', 'foreman', 'attorney', 'lawyer', 'counsel', 'adjuster', 'adjustor', 'interpreter', 'translator', 'caregiver', 'guardian', 'patient', 'claimant', 'applicant', 'employee', 'worker',
  'by', 'signed', 'signature', 'cc', 'attn', 'attention', 'dear', 'named', 'called', 'contact',
]);

/** Cue words that are followed by a name only when it is capitalised and not a common word ("by Dr. X", "seen by Maria"). */
export const WEAK_CUES = new Set(['by', 'patient', 'worker', 'employee', 'named', 'called', 'contact', 'claimant', 'applicant']);

/** Record labels written right after the name they belong to ("Roe, MRN 123"). */
export const RECORD_AFTER_NAME = new Set(['dob', 'ssn', 'mrn']);

/** Words after an eponym that make it clinical ("Hawkins test", "Spurling's sign"). */
export const EPONYM_TAIL = new Set([
  'test', 'tests', 'sign', 'signs', 'maneuver', 'manoeuvre', 'maneuvers', 'fracture', 'disease', 'syndrome', 'cyst', 'contracture', 'neuroma', 'lesion', 'score', 'scale',
  'index', 'questionnaire', 'dynamometer', 'phenomenon', 'palsy', 'deformity', 'procedure', 'criteria', 'classification', 'impingement', 'reflex', 'position', 'grip', 'method',
  'technique', 'protocol', 'exercises', 'exercise', 'tear', 'lesions', 'nodes', 'node',
]);

/** Titles and credentials next to a party's name, which belong to it ("Ms. Lopez") but are not the name. */
export const HONORIFICS = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'md', 'do', 'dc', 'phd', 'pa', 'np', 'rn', 'jr', 'sr', 'ii', 'iii', 'iv']);

/** Name particles inside a name ("de la Cruz", "van der Berg"). */
export const PARTICLES = new Set(['de', 'del', 'della', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'dos', 'das', 'st', 'bin', 'al', 'el', 'mac', 'ter']);

/** Words ending an organisation's name whatever comes before (strong) ... */
export const ORG_STRONG = new Set([
  'inc', 'llc', 'llp', 'lp', 'corp', 'corporation', 'company', 'co', 'ltd', 'plc', 'pc', 'hospital', 'hospitals', 'clinic', 'clinics', 'associates', 'institute',
  'foundation', 'university', 'pharmacy', 'laboratories', 'laboratory', 'labs', 'partners', 'incorporated', 'enterprises', 'industries', 'holdings',
]);
/** ... and those that need a distinctive word before them ("Valley Imaging Center", not "Physical Therapy"). */
export const ORG_WEAK = new Set([
  'center', 'centre', 'centers', 'group', 'health', 'healthcare', 'medical', 'services', 'insurance', 'orthopedics', 'orthopaedics', 'orthopedic', 'chiropractic',
  'therapy', 'rehabilitation', 'rehab', 'imaging', 'radiology', 'surgery', 'surgical', 'practice', 'systems', 'network', 'physicians', 'specialists', 'wellness',
  'acupuncture', 'diagnostics', 'management', 'solutions', 'trust', 'administrators', 'logistics', 'packaging', 'construction', 'farms', 'market', 'markets', 'school', 'district',
]);
/** Lower-case words allowed inside an organisation's name. */
export const ORG_JOINERS = new Set(['of', 'and', 'the', 'de', 'y']);

/** Words after which an employer or clinic name follows. */
export const ORG_CUES = new Set(['employer', 'employed', 'works', 'worked', 'working', 'company', 'at', 'from', 'to', 'insurer', 'carrier', 'administrator', 'tpa', 'facility', 'clinic', 'hospital']);

/** USPS state and territory codes. */
export const STATE_CODES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP'.split(' '),
);

/** US state names, for "Springfield, Illinois 62701". */
export const STATE_NAMES = [
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Georgia', 'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa',
  'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland', 'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada',
  'New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island',
  'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming', 'Puerto Rico',
];

/** Street types (the USPS street suffixes), as written in full or abbreviated. */
export const STREET_TYPES = [
  'Street', 'St', 'Avenue', 'Ave', 'Av', 'Road', 'Rd', 'Boulevard', 'Blvd', 'Drive', 'Dr', 'Lane', 'Ln', 'Way', 'Court', 'Ct', 'Place', 'Pl', 'Parkway', 'Pkwy', 'Highway', 'Hwy',
  'Circle', 'Cir', 'Terrace', 'Ter', 'Trail', 'Trl', 'Square', 'Sq', 'Loop', 'Alley', 'Aly', 'Plaza', 'Plz', 'Crossing', 'Xing', 'Row', 'Run', 'Pike', 'Path', 'Ridge', 'Point', 'Pt',
  'Heights', 'Hts', 'Expressway', 'Expy', 'Freeway', 'Fwy', 'Route', 'Rte', 'Mall', 'Walk', 'Park', 'Center', 'Ctr', 'Crescent', 'Cres', 'Grove', 'Commons', 'Cove', 'Cv',
  'Estates', 'Gardens', 'Glen', 'Hills', 'Junction', 'Landing', 'Meadows', 'Mews', 'Oval', 'Pass', 'Pines', 'Port', 'Ranch', 'Shores', 'Spring', 'Springs', 'Station',
  'Summit', 'Turnpike', 'Tpke', 'Union', 'Valley', 'View', 'Villa', 'Village', 'Vista', 'Well', 'Wells', 'Stravenue', 'Manor', 'Mount', 'Mountain', 'Orchard', 'Harbor', 'Island',
  'Isle', 'Key', 'Knoll', 'Lake', 'Lakes', 'Mill', 'Mills', 'Neck', 'Bypass', 'Camp', 'Canyon', 'Causeway', 'Cliff', 'Club', 'Creek', 'Crest', 'Dale', 'Dam', 'Divide',
  'Extension', 'Falls', 'Ferry', 'Field', 'Fields', 'Flat', 'Flats', 'Ford', 'Forest', 'Forge', 'Fork', 'Fort', 'Gateway', 'Green', 'Haven', 'Hollow', 'Inlet', 'Light',
  'Lodge', 'Motorway', 'Overpass', 'Branch', 'Bridge', 'Brook', 'Burg', 'Cape', 'Common', 'Corner', 'Course', 'Crossroad', 'Curve', 'Estate', 'Fall', 'Garden',
  'Hill', 'Land', 'Loaf', 'Lock', 'Meadow', 'Mission', 'Passage', 'Pine', 'Plain', 'Rapid', 'River', 'Rue', 'Shore', 'Spur', 'Trafficway', 'Via', 'Wall', 'Bend', 'Bluff', 'Prairie', 'Radial', 'Ramp', 'Rapids', 'Rest', 'Shoal', 'Skyway', 'Stream', 'Throughway', 'Trace', 'Track', 'Tunnel', 'Underpass', 'Viaduct', 'Ville',
];
