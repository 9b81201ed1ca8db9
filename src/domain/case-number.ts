/**
 * Case numbers: CM, the two-digit year of assignment and seven digits
 * (CM16-0230548), as the DWC numbers IMR cases and as OpenIMR numbers the
 * cases it opens. Every layer reads and writes them through this file; it
 * imports nothing, so the web UI uses it too. (The zod schemas built on it are
 * in determination.ts.)
 */

/** The body of the pattern, for patterns that embed a case number. */
export const CASE_NUMBER_SOURCE = String.raw`CM\d{2}-\d{7}`;

/** Exactly a case number, as stored (capital CM). */
export const CASE_NUMBER_FORMAT = new RegExp(`^${CASE_NUMBER_SOURCE}$`);

/** Exactly a case number, in capitals or not, as a person may type it. */
export const CASE_NUMBER_ANY_CASE = new RegExp(`^${CASE_NUMBER_SOURCE}$`, 'i');

/** A case number written in a letter, perhaps spaced as PDF extraction spaces it ("CM 16 - 0230548"); groups: year, sequence. */
export const CASE_NUMBER_IN_TEXT = /\bCM\s?(\d{2})\s?-\s?(\d{7})\b/;

/** Every case number in a text (for replacing them), written as stored. */
export function caseNumbersPattern(): RegExp {
  return new RegExp(String.raw`\b${CASE_NUMBER_SOURCE}\b`, 'g');
}

/** The case number of a two-digit year (or full year) and a sequence number: caseNumber(2016, 230548) is CM16-0230548. */
export function caseNumber(year: number | string, sequence: number | string): string {
  return `CM${String(Number(year) % 100).padStart(2, '0')}-${String(sequence).padStart(7, '0')}`;
}
