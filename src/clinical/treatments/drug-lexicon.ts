import type { DrugClass } from '../../domain/index.js';

/** A drug name (brand or generic) and what it normalises to. */
export interface DrugEntry {
  /** Generic ingredients, lower case, in label order. */
  generic: string[];
  drugClass: DrugClass;
  /** True when the name is a brand (so `brand` is reported). */
  brand?: boolean;
}

const g = (drugClass: DrugClass, ...generic: string[]): DrugEntry => ({ generic, drugClass });
const b = (drugClass: DrugClass, ...generic: string[]): DrugEntry => ({ generic, drugClass, brand: true });

/**
 * Drugs disputed in California workers' compensation, by name as written in
 * requests. Keys are lower case; multi-word keys match with any whitespace.
 * Combination products list every ingredient in label order, so strengths
 * "5/325" line up with generics [oxycodone, acetaminophen].
 */
export const DRUGS: Record<string, DrugEntry> = {
  // Opioids
  hydrocodone: g('opioid', 'hydrocodone'), 'hydrocodone/apap': g('opioid', 'hydrocodone', 'acetaminophen'),
  'hydrocodone/acetaminophen': g('opioid', 'hydrocodone', 'acetaminophen'),
  norco: b('opioid', 'hydrocodone', 'acetaminophen'), vicodin: b('opioid', 'hydrocodone', 'acetaminophen'),
  'vicodin es': b('opioid', 'hydrocodone', 'acetaminophen'), 'vicodin hp': b('opioid', 'hydrocodone', 'acetaminophen'),
  lortab: b('opioid', 'hydrocodone', 'acetaminophen'), lorcet: b('opioid', 'hydrocodone', 'acetaminophen'),
  zohydro: b('opioid', 'hydrocodone'), hysingla: b('opioid', 'hydrocodone'),
  oxycodone: g('opioid', 'oxycodone'), 'oxycodone/apap': g('opioid', 'oxycodone', 'acetaminophen'),
  'oxycodone/acetaminophen': g('opioid', 'oxycodone', 'acetaminophen'),
  percocet: b('opioid', 'oxycodone', 'acetaminophen'), endocet: b('opioid', 'oxycodone', 'acetaminophen'),
  roxicodone: b('opioid', 'oxycodone'), oxycontin: b('opioid', 'oxycodone'), xtampza: b('opioid', 'oxycodone'),
  tramadol: g('opioid', 'tramadol'), ultram: b('opioid', 'tramadol'), 'ultram er': b('opioid', 'tramadol'),
  ultracet: b('opioid', 'tramadol', 'acetaminophen'), 'tramadol/apap': g('opioid', 'tramadol', 'acetaminophen'),
  synapryn: b('opioid', 'tramadol'), conzip: b('opioid', 'tramadol'),
  tapentadol: g('opioid', 'tapentadol'), nucynta: b('opioid', 'tapentadol'), 'nucynta er': b('opioid', 'tapentadol'),
  morphine: g('opioid', 'morphine'), 'ms contin': b('opioid', 'morphine'), kadian: b('opioid', 'morphine'), avinza: b('opioid', 'morphine'),
  oxymorphone: g('opioid', 'oxymorphone'), opana: b('opioid', 'oxymorphone'), 'opana er': b('opioid', 'oxymorphone'),
  hydromorphone: g('opioid', 'hydromorphone'), dilaudid: b('opioid', 'hydromorphone'), exalgo: b('opioid', 'hydromorphone'),
  fentanyl: g('opioid', 'fentanyl'), duragesic: b('opioid', 'fentanyl'), methadone: g('opioid', 'methadone'),
  buprenorphine: g('opioid', 'buprenorphine'), butrans: b('opioid', 'buprenorphine'), suboxone: b('opioid', 'buprenorphine', 'naloxone'),
  belbuca: b('opioid', 'buprenorphine'), codeine: g('opioid', 'codeine'),
  'tylenol #3': b('opioid', 'acetaminophen', 'codeine'), 'tylenol with codeine': b('opioid', 'acetaminophen', 'codeine'),
  trezix: b('opioid', 'acetaminophen', 'caffeine', 'dihydrocodeine'), dihydrocodeine: g('opioid', 'dihydrocodeine'),
  // Muscle relaxants
  baclofen: g('muscle-relaxant', 'baclofen'), lioresal: b('muscle-relaxant', 'baclofen'),
  cyclobenzaprine: g('muscle-relaxant', 'cyclobenzaprine'), flexeril: b('muscle-relaxant', 'cyclobenzaprine'),
  fexmid: b('muscle-relaxant', 'cyclobenzaprine'), amrix: b('muscle-relaxant', 'cyclobenzaprine'), tabradol: b('muscle-relaxant', 'cyclobenzaprine'),
  tizanidine: g('muscle-relaxant', 'tizanidine'), zanaflex: b('muscle-relaxant', 'tizanidine'),
  carisoprodol: g('muscle-relaxant', 'carisoprodol'), soma: b('muscle-relaxant', 'carisoprodol'),
  metaxalone: g('muscle-relaxant', 'metaxalone'), skelaxin: b('muscle-relaxant', 'metaxalone'),
  methocarbamol: g('muscle-relaxant', 'methocarbamol'), robaxin: b('muscle-relaxant', 'methocarbamol'),
  orphenadrine: g('muscle-relaxant', 'orphenadrine'), norflex: b('muscle-relaxant', 'orphenadrine'),
  chlorzoxazone: g('muscle-relaxant', 'chlorzoxazone'), 'parafon forte': b('muscle-relaxant', 'chlorzoxazone'),
  dantrolene: g('muscle-relaxant', 'dantrolene'),
  // Benzodiazepines
  alprazolam: g('benzodiazepine', 'alprazolam'), xanax: b('benzodiazepine', 'alprazolam'),
  diazepam: g('benzodiazepine', 'diazepam'), valium: b('benzodiazepine', 'diazepam'),
  clonazepam: g('benzodiazepine', 'clonazepam'), klonopin: b('benzodiazepine', 'clonazepam'),
  lorazepam: g('benzodiazepine', 'lorazepam'), ativan: b('benzodiazepine', 'lorazepam'),
  temazepam: g('benzodiazepine', 'temazepam'), restoril: b('benzodiazepine', 'temazepam'),
  // NSAIDs
  ibuprofen: g('nsaid', 'ibuprofen'), motrin: b('nsaid', 'ibuprofen'), advil: b('nsaid', 'ibuprofen'),
  naproxen: g('nsaid', 'naproxen'), 'naproxen sodium': g('nsaid', 'naproxen'), naprosyn: b('nsaid', 'naproxen'),
  anaprox: b('nsaid', 'naproxen'), 'anaprox ds': b('nsaid', 'naproxen'), aleve: b('nsaid', 'naproxen'),
  meloxicam: g('nsaid', 'meloxicam'), mobic: b('nsaid', 'meloxicam'), celecoxib: g('nsaid', 'celecoxib'), celebrex: b('nsaid', 'celecoxib'),
  diclofenac: g('nsaid', 'diclofenac'), 'voltaren xr': b('nsaid', 'diclofenac'), arthrotec: b('nsaid', 'diclofenac', 'misoprostol'),
  etodolac: g('nsaid', 'etodolac'), lodine: b('nsaid', 'etodolac'), nabumetone: g('nsaid', 'nabumetone'), relafen: b('nsaid', 'nabumetone'),
  ketorolac: g('nsaid', 'ketorolac'), toradol: b('nsaid', 'ketorolac'), indomethacin: g('nsaid', 'indomethacin'), indocin: b('nsaid', 'indomethacin'),
  duexis: b('nsaid', 'ibuprofen', 'famotidine'), vimovo: b('nsaid', 'naproxen', 'esomeprazole'), aspirin: g('nsaid', 'aspirin'),
  // Anticonvulsants
  gabapentin: g('anticonvulsant', 'gabapentin'), neurontin: b('anticonvulsant', 'gabapentin'), gralise: b('anticonvulsant', 'gabapentin'),
  horizant: b('anticonvulsant', 'gabapentin'), fanatrex: b('anticonvulsant', 'gabapentin'),
  pregabalin: g('anticonvulsant', 'pregabalin'), lyrica: b('anticonvulsant', 'pregabalin'),
  topiramate: g('anticonvulsant', 'topiramate'), topamax: b('anticonvulsant', 'topiramate'),
  carbamazepine: g('anticonvulsant', 'carbamazepine'), tegretol: b('anticonvulsant', 'carbamazepine'),
  oxcarbazepine: g('anticonvulsant', 'oxcarbazepine'), lamotrigine: g('anticonvulsant', 'lamotrigine'),
  // Antidepressants
  duloxetine: g('antidepressant', 'duloxetine'), cymbalta: b('antidepressant', 'duloxetine'),
  amitriptyline: g('antidepressant', 'amitriptyline'), elavil: b('antidepressant', 'amitriptyline'), nortriptyline: g('antidepressant', 'nortriptyline'),
  pamelor: b('antidepressant', 'nortriptyline'), venlafaxine: g('antidepressant', 'venlafaxine'), effexor: b('antidepressant', 'venlafaxine'),
  trazodone: g('antidepressant', 'trazodone'), desyrel: b('antidepressant', 'trazodone'), bupropion: g('antidepressant', 'bupropion'),
  wellbutrin: b('antidepressant', 'bupropion'), escitalopram: g('antidepressant', 'escitalopram'), lexapro: b('antidepressant', 'escitalopram'),
  sertraline: g('antidepressant', 'sertraline'), zoloft: b('antidepressant', 'sertraline'), fluoxetine: g('antidepressant', 'fluoxetine'),
  prozac: b('antidepressant', 'fluoxetine'), citalopram: g('antidepressant', 'citalopram'), celexa: b('antidepressant', 'citalopram'),
  paroxetine: g('antidepressant', 'paroxetine'), paxil: b('antidepressant', 'paroxetine'), mirtazapine: g('antidepressant', 'mirtazapine'),
  remeron: b('antidepressant', 'mirtazapine'), doxepin: g('antidepressant', 'doxepin'),
  // Gastric protection
  omeprazole: g('ppi', 'omeprazole'), prilosec: b('ppi', 'omeprazole'), pantoprazole: g('ppi', 'pantoprazole'), protonix: b('ppi', 'pantoprazole'),
  esomeprazole: g('ppi', 'esomeprazole'), nexium: b('ppi', 'esomeprazole'), lansoprazole: g('ppi', 'lansoprazole'), prevacid: b('ppi', 'lansoprazole'),
  dexlansoprazole: g('ppi', 'dexlansoprazole'), dexilant: b('ppi', 'dexlansoprazole'), rabeprazole: g('ppi', 'rabeprazole'),
  famotidine: g('h2-blocker', 'famotidine'), pepcid: b('h2-blocker', 'famotidine'), ranitidine: g('h2-blocker', 'ranitidine'),
  zantac: b('h2-blocker', 'ranitidine'), deprizine: b('h2-blocker', 'ranitidine'), misoprostol: g('other', 'misoprostol'),
  // Sleep aids
  zolpidem: g('sleep-aid', 'zolpidem'), ambien: b('sleep-aid', 'zolpidem'), 'ambien cr': b('sleep-aid', 'zolpidem'),
  eszopiclone: g('sleep-aid', 'eszopiclone'), lunesta: b('sleep-aid', 'eszopiclone'), zaleplon: g('sleep-aid', 'zaleplon'), sonata: b('sleep-aid', 'zaleplon'),
  suvorexant: g('sleep-aid', 'suvorexant'), belsomra: b('sleep-aid', 'suvorexant'), ramelteon: g('sleep-aid', 'ramelteon'),
  diphenhydramine: g('sleep-aid', 'diphenhydramine'), dicopanol: b('sleep-aid', 'diphenhydramine'), melatonin: g('supplement', 'melatonin'),
  // Topical analgesics
  lidocaine: g('topical-analgesic', 'lidocaine'), lidoderm: b('topical-analgesic', 'lidocaine'), lidopro: b('topical-analgesic', 'capsaicin', 'lidocaine', 'menthol', 'methyl salicylate'),
  terocin: b('topical-analgesic', 'capsaicin', 'lidocaine', 'menthol', 'methyl salicylate'), flector: b('topical-analgesic', 'diclofenac'),
  pennsaid: b('topical-analgesic', 'diclofenac'), 'voltaren gel': b('topical-analgesic', 'diclofenac'), voltaren: b('nsaid', 'diclofenac'),
  capsaicin: g('topical-analgesic', 'capsaicin'), menthol: g('topical-analgesic', 'menthol'), 'methyl salicylate': g('topical-analgesic', 'methyl salicylate'),
  menthoderm: b('topical-analgesic', 'methyl salicylate', 'menthol'), ketoprofen: g('topical-analgesic', 'ketoprofen'),
  flurbiprofen: g('topical-analgesic', 'flurbiprofen'), dextromethorphan: g('other', 'dextromethorphan'), camphor: g('topical-analgesic', 'camphor'),
  // Antiemetics, laxatives and others
  ondansetron: g('antiemetic', 'ondansetron'), zofran: b('antiemetic', 'ondansetron'), promethazine: g('antiemetic', 'promethazine'),
  phenergan: b('antiemetic', 'promethazine'), metoclopramide: g('antiemetic', 'metoclopramide'),
  senna: g('laxative', 'senna'), senokot: b('laxative', 'senna'), 'senokot-s': b('laxative', 'senna', 'docusate'), docusate: g('laxative', 'docusate'),
  colace: b('laxative', 'docusate'), lactulose: g('laxative', 'lactulose'), movantik: b('laxative', 'naloxegol'), amitiza: b('laxative', 'lubiprostone'),
  acetaminophen: g('analgesic', 'acetaminophen'), tylenol: b('analgesic', 'acetaminophen'), fioricet: b('analgesic', 'butalbital', 'acetaminophen', 'caffeine'),
  sumatriptan: g('migraine', 'sumatriptan'), imitrex: b('migraine', 'sumatriptan'), 'medrol dosepak': b('other', 'methylprednisolone'),
  methylprednisolone: g('other', 'methylprednisolone'), prednisone: g('other', 'prednisone'),
  theramine: b('supplement', 'medical food'), sentradine: b('supplement', 'medical food'), gabadone: b('supplement', 'medical food'),
  'vitamin d': g('supplement', 'vitamin d'), glucosamine: g('supplement', 'glucosamine'),
  modafinil: g('stimulant', 'modafinil'), provigil: b('stimulant', 'modafinil'), methylphenidate: g('stimulant', 'methylphenidate'),
  quetiapine: g('antipsychotic', 'quetiapine'), seroquel: b('antipsychotic', 'quetiapine'), aripiprazole: g('antipsychotic', 'aripiprazole'),
  hydroxyzine: g('other', 'hydroxyzine'), cialis: b('other', 'tadalafil'), viagra: b('other', 'sildenafil'), testosterone: g('other', 'testosterone'),
};

/** Escapes a key into a pattern that allows any whitespace between words. */
function keyPattern(key: string): string {
  return key.replace(/[.*+?^${}()|[\]\\#/]/g, (c) => (c === '#' || c === '/' ? c : `\\${c}`)).replace(/ /g, '\\s+');
}

/** Every drug name, longest first so "Vicodin ES" wins over "Vicodin". */
export const DRUG_PATTERN = new RegExp(
  `(?<![A-Za-z])(${Object.keys(DRUGS).sort((x, y) => y.length - x.length).map(keyPattern).join('|')})(?![A-Za-z])`,
  'gi',
);

/**
 * The names again, indexed by their first run of letters ("tylenol #3" under
 * "tylenol"), each with a sticky pattern, longest name first. Scanning a
 * request's words and trying only the names that start with that word finds
 * the same names as DRUG_PATTERN at a fraction of the cost of trying several
 * hundred alternatives at every position.
 */
const BY_FIRST_WORD = new Map<string, RegExp[]>();
for (const key of Object.keys(DRUGS).sort((x, y) => y.length - x.length)) {
  const first = /^[a-z]+/.exec(key)?.[0];
  if (!first) throw new Error(`drug lexicon: name "${key}" must start with a letter`);
  const list = BY_FIRST_WORD.get(first) ?? [];
  list.push(new RegExp(`${keyPattern(key)}(?![A-Za-z])`, 'iy'));
  BY_FIRST_WORD.set(first, list);
}

/** Every drug name in `text`, leftmost first, with its offset; a name never overlaps the one before. */
export function drugNames(text: string): { name: string; index: number }[] {
  const out: { name: string; index: number }[] = [];
  let end = 0;
  for (const word of text.matchAll(/[A-Za-z]+/g)) {
    if (word.index < end) continue;
    const candidates = BY_FIRST_WORD.get(word[0].toLowerCase());
    if (!candidates) continue;
    for (const re of candidates) {
      re.lastIndex = word.index;
      const m = re.exec(text);
      if (m) {
        out.push({ name: m[0], index: word.index });
        end = word.index + m[0].length;
        break;
      }
    }
  }
  return out;
}

/** Looks a matched name up (case and spacing insensitive). */
export function drugEntry(name: string): DrugEntry | undefined {
  return DRUGS[name.toLowerCase().replace(/\s+/g, ' ')];
}
