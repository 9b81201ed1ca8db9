import type { DrugClass, MedicationTreatment } from '../../domain/index.js';
import { drugEntry, drugNames } from './drug-lexicon.js';
import { NUMBER, countOrNull, toNumber } from '../numbers.js';

/** Dates in a request ("DOS: 11/14/16", "per 12/07/2016 order") are not strengths. */
const DATE_LIKE = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{1,2}-\d{1,2}-\d{4}\b/g;
const RETRO = /\bretro(?:spective)?\b|\bDOS\b|date of service/i;
/**
 * "5/325", "7.5 mg-300 mg", "30.5/30/16mg": a combination strength, ingredients in label order.
 * This and the strength patterns below start only where a digit run starts:
 * tried from inside a long run of digits they backtracked over the rest of
 * it from every position (quadratic time).
 */
const COMBO = /(?<!\d)(\d+(?:\.\d+)?)\s*(mg|mcg)?\s*[/-]\s*(\d+(?:\.\d+)?)\s*(mg|mcg)?(?:\s*[/-]\s*(\d+(?:\.\d+)?)\s*(mg|mcg)?)?(?!\s*(?:%|ml\b|g\b|gm\b|times|x\b|weeks?|days?))/i;
const SINGLE = /(?<!\d)(\d+(?:\.\d+)?)\s*(mg|mcg|milligrams?)(?![A-Za-z])/gi;
const PERCENT = /(?<!\d)(\d+(?:\.\d+)?)\s*%/g;
const QUANTITY = /(?:#\s*(\d+)|\b(?:qty|quantity)\s*[:#]?\s*(\d+)|\b(\d+)\s+(?:tablets|tabs|capsules|caps|patches|pills)\b)/i;
const REFILLS = new RegExp(`(?:\\b(${NUMBER})\\s+refills?\\b|\\brefills?\\s*[:x#]?\\s*(${NUMBER})\\b|\\bx\\s*(\\d+)\\s+refills?\\b)`, 'i');
const ROUTE = /\b(oral(?:ly)?|by mouth|po|topical(?:ly)?|transdermal|intramuscular|injection|injectable|sublingual|nasal|rectal)\b/i;
const FORM = /\b(tablets?|tabs?|capsules?|caps?|patch(?:es)?|cream|gel|ointment|lotion|suspension|solution|spray|powder|film|liquid|elixir|syrup|suppositor(?:y|ies))\b/i;

/** Something every sig pattern below needs: a cheap test before trying them. */
const SIG_WORDS = /da(?:y|ily)|every|q|t\.?i\.?d|b\.?i\.?d|bedtime|night/;
const TIMES_A_DAY = new RegExp(`\\b(${NUMBER})\\s*(?:x|times)\\s*(?:a|per|each|/)?\\s*(?:day|daily)\\b`);

/** Doses per day from a sig, e.g. "3 times a day", "TID", "q8h", "every 6 hours", "twice daily"; null when none is stated or the figure is not a positive number. */
export function dosesPerDay(text: string): number | null {
  const n = sigDosesPerDay(text);
  return n !== null && Number.isFinite(n) && n > 0 ? n : null;
}

function sigDosesPerDay(text: string): number | null {
  const t = text.toLowerCase();
  if (!SIG_WORDS.test(t)) return null;
  let m = TIMES_A_DAY.exec(t);
  if (m) return toNumber(m[1]!);
  m = /\b(?:every|q)\s*(\d+(?:\.\d+)?)\s*(?:-\s*\d+\s*)?(?:h|hrs?|hours?)\b/.exec(t);
  if (m && Number(m[1]) > 0) return Math.round((24 / Number(m[1])) * 100) / 100;
  if (/\b(?:q\.?i\.?d\.?|four times (?:a |per )?da(?:y|ily))(?![a-z])/.test(t)) return 4;
  if (/\b(?:t\.?i\.?d\.?|three times (?:a |per )?da(?:y|ily))(?![a-z])/.test(t)) return 3;
  if (/\b(?:b\.?i\.?d\.?|twice (?:a |per )?da(?:y|ily)|two times (?:a |per )?da(?:y|ily))(?![a-z])/.test(t)) return 2;
  if (/\b(?:q\.?d\.?|q\.?h\.?s\.?|once (?:a |per )?da(?:y|ily)|daily|every day|at bedtime|nightly|each night)(?![a-z])/.test(t)) return 1;
  return null;
}

function mg(value: string, unit: string | undefined): number {
  const n = Number(value);
  return unit?.toLowerCase() === 'mcg' ? n / 1000 : n;
}

/** Strengths in mg, in the order written; a combination strength gives one value per ingredient. Digits too many to be a number are left out. */
export function strengthsMg(text: string): number[] {
  const t = text.replace(DATE_LIKE, ' ');
  const combo = COMBO.exec(t);
  if (combo && (combo[2] || combo[4] || combo[6] || /[/]/.test(combo[0]))) {
    const out = [mg(combo[1]!, combo[2] ?? combo[4] ?? combo[6]), mg(combo[3]!, combo[4] ?? combo[6])];
    if (combo[5]) out.push(mg(combo[5], combo[6]));
    return out.filter(Number.isFinite);
  }
  return [...t.matchAll(SINGLE)].map((m) => mg(m[1]!, m[2])).filter(Number.isFinite);
}

/** A drug mentioned in a request: its normalised generic names and class. */
export interface DrugMention {
  name: string;
  generic: string[];
  drugClass: DrugClass;
  brand: boolean;
}

/** Every known drug named in `text`, in order. */
export function findDrugs(text: string): DrugMention[] {
  const out: DrugMention[] = [];
  for (const { name } of drugNames(text)) {
    const e = drugEntry(name);
    if (e) out.push({ name, generic: e.generic, drugClass: e.drugClass, brand: !!e.brand });
  }
  return out;
}

/**
 * Normalises a medication request ("Percocet 5/325 #120", "Pantoprazole 40mg,
 * one by mouth, twice a day #60 with one refill"). `drugs` are the drugs
 * found in it; an unknown drug-like request passes its first word as `fallbackName`.
 */
export function parseMedication(request: string, drugs: DrugMention[], fallbackName?: string): MedicationTreatment {
  const generic = [...new Set(drugs.flatMap((d) => d.generic))];
  if (generic.length === 0 && fallbackName) generic.push(fallbackName.toLowerCase());
  const percents = [...request.matchAll(PERCENT)].map((m) => Number(m[1])).filter(Number.isFinite);
  const distinct = new Set(drugs.map((d) => d.generic.join('+')));
  // Several separately named ingredients with percentages: a compounded topical.
  const drugClass: DrugClass = distinct.size > 1 && percents.length > 1 ? 'compounded' : (drugs[0]?.drugClass ?? 'other');
  // "Tylenol #3" names a product, not a quantity.
  const withoutNames = request.replace(/tylenol\s*#\s*\d/gi, ' ');
  const q = QUANTITY.exec(withoutNames);
  const r = /refill/i.test(request) ? REFILLS.exec(request) : null;
  const route = ROUTE.exec(request)?.[1]?.toLowerCase() ?? null;
  const brand = drugs.find((d) => d.brand)?.name ?? null;
  const med: MedicationTreatment = {
    kind: 'medication',
    category: 'medication',
    generic,
    brand,
    drugClass,
    strengthMg: strengthsMg(request),
    quantity: q ? countOrNull(Number(q[1] ?? q[2] ?? q[3])) : null,
    refills: r ? countOrNull(toNumber(r[1] ?? r[2] ?? r[3]!), true) : null,
    dosesPerDay: dosesPerDay(request),
    route: route === 'by mouth' || route === 'po' || route === 'orally' ? 'oral' : route === 'topically' ? 'topical' : route,
    form: FORM.exec(request)?.[1]?.toLowerCase() ?? null,
  };
  if (percents.length) med.strengthPercent = percents;
  if (RETRO.test(request)) med.retrospective = true;
  return med;
}
