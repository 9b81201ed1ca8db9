/**
 * Splits the section or topic text of a citation into separate sections.
 *
 * Letters separate sections with ", " but topic names contain commas too
 * ("TENS, chronic pain (transcutaneous electrical nerve stimulation)"), so a
 * comma starts a new section only where the next piece starts with a capital
 * or a digit, and, in a numbered list ("1.4 Opioids for Acute Pain: ..., 3.2
 * ..."), only before the next number.
 */

/** Topic names whose inner commas are not section separators. */
const COMMA_PHRASES: readonly RegExp[] = [
  /NSAIDs, GI symptoms/gi,
  /NSAIDs, hypertension/gi,
  /Forearm, Wrist,? (?:and|&) Hand/gi,
  /Pain, Suffering, and the Restoration/gi,
];

/** Cheap test whether any of COMMA_PHRASES can occur. */
const HAS_COMMA_PHRASE = /NSAIDs,|Forearm,|Pain, Suffering/i;

/** Stands in for a protected comma while splitting. */
const KEPT_COMMA = '\u0001';

/** Words that carry no section meaning once the document is known. */
const NOISE = /^(?:chapters?|sections?|guidelines?|topic|and|the|odg|(?:19|20)\d\d)$/i;

/** A numbered section of the 2016 MTUS Opioid Treatment Guidelines: "3.3.1.2 ...", "3. ...". */
const NUMBERED = /^\d{1,2}(?:\.\d{1,2}){0,4}\.?\s/;

/** Splits at top-level (not parenthesised) occurrences of the separator characters. */
function splitTopLevel(text: string, separators: string, splitOnPeriodSpace: boolean): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (depth === 0 && (separators.includes(ch) || (splitOnPeriodSpace && ch === '.' && text[i + 1] === ' '))) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Removes the given characters from both ends. A loop rather than an
 * end-anchored regex, which would rescan long punctuation runs from every
 * position (quadratic time).
 */
export function trimEnds(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start]!)) start++;
  while (end > start && chars.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** Tidies one section: PDF hyphen breaks, stray punctuation, enclosing parentheses. */
export function cleanSection(section: string): string {
  let s = section;
  if (s.includes('- ')) s = s.replace(/(\w)- (?=[A-Za-z])/g, '$1-'); // "Anti- Spasticity" from a line-end hyphen
  if (/[^\S ]|  /.test(s)) s = s.replace(/\s+/g, ' ');
  s = trimEnds(s, ' ,.;:-–');
  if (s[0] === '(' && /^\((?:[^()]|\([^()]*\))*\)$/.test(s)) s = s.slice(1, -1).trim();
  return s;
}

function keepSection(s: string): boolean {
  return s.length > 0 && !NOISE.test(s) && /[A-Za-z0-9]/.test(s);
}

/**
 * Sections of an MTUS citation: "Special Studies, Summary" → two sections;
 * "TENS, chronic pain (...)" → one.
 */
export function splitSections(text: string): string[] {
  let t = text;
  if (HAS_COMMA_PHRASE.test(t)) for (const phrase of COMMA_PHRASES) t = t.replace(phrase, (m) => m.replace(/,/g, KEPT_COMMA));
  const pieces = splitTopLevel(t, ',;', false).map((p) => p.trim()).filter((p) => p.length > 0);
  const numbered = pieces.some((p) => NUMBERED.test(p));
  const merged: string[] = [];
  for (const piece of pieces) {
    const starts = numbered ? NUMBERED.test(piece) : /^[A-Z0-9]/.test(piece);
    if (starts || merged.length === 0) merged.push(piece);
    else merged[merged.length - 1] += ', ' + piece;
  }
  return merged.map((s) => cleanSection(s.replaceAll(KEPT_COMMA, ','))).filter(keepSection);
}

/**
 * Topics of an ODG or other non-MTUS citation, which list topics with commas,
 * semicolons, slashes and sentences: "Low Back chapter/ x-ray".
 */
export function splitTopics(text: string): string[] {
  return splitTopLevel(text, ',;/', true).map(cleanSection).filter(keepSection);
}
