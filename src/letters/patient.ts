import type { Sex } from '../domain/index.js';
import { findDates } from '../clinical/dates.js';

const AGE_SEX = /\b(\d{1,3})\s*-?\s*(?:years?|yrs?|y\/o|yo)[- ]?(?:old)?\s*,?\s*(?:(?:injured|industrially injured)\s+)?(male|female|man|woman|gentleman|lady|boy|girl)?/i;

/** Patient age and sex from the clinical case summary ("a 72-year-old female"). */
export function parsePatient(summary: string): { age: number | null; sex: Sex | null } {
  const m = AGE_SEX.exec(summary);
  const age = m && Number(m[1]) > 0 && Number(m[1]) < 120 ? Number(m[1]) : null;
  let sex: Sex | null = null;
  const word = m?.[2]?.toLowerCase();
  if (word) sex = /^(male|man|gentleman|boy)$/.test(word) ? 'male' : 'female';
  else {
    // No noun after the age: fall back to the pronouns the summary uses.
    const she = (summary.match(/\b(she|her|hers|herself)\b/gi) ?? []).length;
    const he = (summary.match(/\b(he|him|his|himself)\b/gi) ?? []).length;
    if (she > he) sex = 'female';
    else if (he > she) sex = 'male';
  }
  return { age, sex };
}

/** Splits running text into rough sentences (enough to scope date look-ups). */
function roughSentences(text: string): string[] {
  return text.split(/(?<=[a-z)\]]\.)\s+(?=[A-Z])/);
}

const INJURY_WORD = /\binjur(?:y|ies)\b|date of injury|\bDOI\b|occupational claim|industrial claim/i;
const UR_DENIAL = /\b(?:utilization review|UR)\b[^.]*?\b(?:non-?\s?certif|denied|modified|not certif)|\b(?:non-?\s?certified|denied)\b[^.]*\b(?:utilization review|UR)\b/i;

/**
 * Dates of injury stated in the summary, for letters without a header table:
 * every date in the first sentence that speaks of an injury ("sustained back
 * injuries ... on 01/13/1999 and 04/11/2002, respectively").
 */
export function injuryDatesFromSummary(summary: string): string[] {
  for (const s of roughSentences(summary)) {
    if (!INJURY_WORD.test(s)) continue;
    const dates = findDates(s).map((d) => d.iso);
    if (dates.length) return [...new Set(dates)];
  }
  return [];
}

/** The utilization review denial date stated in the summary ("On December 14, 2014 Utilization Review non certified ..."). */
export function urDenialFromSummary(summary: string): string | null {
  for (const s of roughSentences(summary)) {
    if (!UR_DENIAL.test(s)) continue;
    const d = findDates(s)[0];
    if (d) return d.iso;
  }
  return null;
}
