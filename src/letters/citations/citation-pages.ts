/**
 * Page references in guideline citations: "Page(s): 63-66", "Pages 127, 156",
 * "page 24", "pp. 74-96". Every page of every range is listed, so a question
 * such as "was page 64 cited?" is a membership test.
 */

/** A page or range: "63", "63-66", "309-10", "74 to 96". */
const RANGE = String.raw`\d{1,4}(?:\s?(?:[-–]|to)\s?\d{1,4})?`;

/**
 * "Page(s):" and friends, then a list of pages and ranges. Every repetition
 * needs a separator, so the list cannot backtrack catastrophically.
 */
export const PAGE_REFERENCE = new RegExp(
  String.raw`\b(?:pages?\s?(?:\(s\))?|pp?\.)\s?[:.#]?\s?(` + RANGE + String.raw`(?:\s?(?:,|&|and)\s?` + RANGE + `)*)`,
  'gi',
);

/** A range wider than this is a typo, not a citation: only its ends are kept. */
const MAX_RANGE = 300;

/** Expands one "a-b" range; "309-10" means 309-310. */
function expandRange(text: string): number[] {
  const [a, b] = text.split(/\s?(?:[-–]|to)\s?/i);
  const start = Number(a);
  if (b === undefined) return [start];
  let end = Number(b);
  // Abbreviated end page: keep the start's leading digits.
  if (end < start && b.length < a!.length) end = Number(a!.slice(0, a!.length - b.length) + b);
  if (end < start) return [start, end];
  if (end - start > MAX_RANGE) return [start, end];
  const pages: number[] = [];
  for (let p = start; p <= end; p++) pages.push(p);
  return pages;
}

/** Every page in a page list such as "63-66, 68 and 70", in the order written. */
export function expandPageList(list: string): number[] {
  return list.split(/\s?(?:,|&|\band\b)\s?/i).filter((s) => /\d/.test(s)).flatMap((s) => expandRange(s.trim()));
}

/** Sorted, unique, positive pages. */
export function normalisePages(pages: Iterable<number>): number[] {
  return [...new Set([...pages].filter((p) => Number.isInteger(p) && p > 0))].sort((x, y) => x - y);
}

/**
 * Pulls the page references out of a citation fragment.
 * @returns the pages (ascending, unique) and the text with the references removed.
 */
export function extractPages(text: string): { pages: number[]; rest: string } {
  const pages: number[] = [];
  const rest = text.replace(PAGE_REFERENCE, (_m, list: string) => {
    pages.push(...expandPageList(list));
    return ' ';
  });
  return { pages: normalisePages(pages), rest };
}
