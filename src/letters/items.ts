import type { Decision } from '../domain/index.js';
import { BODY_LABELS, anyOf, type BodyPart, type ItemShape } from './layouts/index.js';
import { joinLines } from './read/text.js';

/** One disputed item as it stands in the letter, before normalisation. */
export interface RawItem {
  request: string;
  originalRequest: string | null;
  authorizedPortion: string | null;
  decision: Decision;
  claimsAdministratorGuideline: string;
  imrGuideline: string;
  rationale: string;
}

type BodyLabel = BodyPart;

const DECISION_LINE = /^(.*?)\s*:\s*(Upheld|Overturned)\s*\.?$/i;

/** Cheap test before DECISION_LINE: the line ends in a decision word (lines are trimmed). */
function endsWithDecision(line: string): boolean {
  // "Upheld" and "Overturned" both end in d, perhaps followed by a period.
  // A prefilter, so more permissive than the patterns it guards.
  let end = line.length - 1;
  while (end > 0 && (line.charCodeAt(end) === 46 || line.charCodeAt(end) === 32 || line.charCodeAt(end) === 9)) end--;
  return (line.charCodeAt(end) | 0x20) === 100;
}
const LONE_DECISION = /^(Upheld|Overturned)\s*\.?$/i;
const PREAMBLE = /set forth below\s*:?$|^The Final Determination was based on/i;
const PARTIAL_CERT_TAIL = /(?:original request|Claims Administrator|authorized|certified|modified|eligible)\.$/i;

/** A numbered decision sentence of the older layouts: "1. Baclofen 10mg #60 is not medically necessary and appropriate." */
const LEGACY_DECISION = /^\(?\d{1,2}[.)]\s*(?:MAXIMUS Federal Services,? Inc\.? has determined (?:that )?the request for\s+)?(.+?)\s+(?:is|are|was|were)\s+(not\s*)?medically\s*necessary(?:\s+and\s+appropriate)?\s*\.?$/i;

/** Any label of any layout's item blocks (layouts/): lines that are none are passed over after one test. */
const ANY_LABEL = anyOf(BODY_LABELS.map((l) => l.pattern));

/** Which label of an item's block, if any, starts a line; and the text it leads. */
export function labelOf(line: string): { label: BodyLabel; rest: string } | null {
  if (!ANY_LABEL.test(line)) return null;
  for (const l of BODY_LABELS) {
    const m = l.pattern.exec(line);
    if (m) return { label: l.part, rest: l.keep ? line : line.slice(m[0].length) };
  }
  return null;
}

/**
 * Older letters cite in sentences ("The Expert Reviewer based his/her decision
 * on the MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 74-96,
 * which are part of the MTUS."). Restating each as the current "Decision
 * based on ..." clause lets one citation parser read every layout.
 */
export function legacyCitationsToClauses(text: string): string {
  // Current letters say "based their decision on recommendation(s) outside
  // of the MTUS" before their "Decision based on" clauses: leave those alone.
  if (text.includes('ecision based on') || text.includes('id not cite') || /Decision based on|did not cite/i.test(text)) return text;
  return text.replace(
    /The (?:Claims Administrator|Expert Reviewer) (?:based (?:its|their|his\/her) decision on|relied on)(?: the following guidelines?(?: for (?:its|his\/her) decision)?:?)?\s*(?:the\s+)?(.+?)(?:,?\s*which (?:is|are) (not )?(?:a )?part of the MTUS)?\.(?=\s|$)/gi,
    (_m, cited: string, notMtus: string | undefined) => {
      const body = cited.replace(/^MTUS\s+/i, '').replace(/\bpages?\s+(\d)/gi, 'Page(s): $1');
      return notMtus ? `Decision based on Non-MTUS Citation ${body}.` : `Decision based on MTUS ${body}.`;
    },
  );
}

/** Splits an item's body into its guideline paragraphs and rationale. */
function readBody(lines: readonly string[]): Pick<RawItem, 'claimsAdministratorGuideline' | 'imrGuideline' | 'rationale'> {
  const parts: Record<BodyLabel, string[]> = { claims: [], imr: [], rationale: [] };
  let current: BodyLabel | null = null;
  for (const line of lines) {
    // Once in the rationale, only another rationale-level label ends it: the
    // rationale itself may quote "the Claims Administrator based ...".
    const l: { label: BodyLabel; rest: string } | null = current === 'rationale' ? null : labelOf(line);
    if (l) {
      current = l.label;
      if (l.rest) parts[l.label].push(l.rest);
    } else if (current) parts[current].push(line);
  }
  return {
    claimsAdministratorGuideline: legacyCitationsToClauses(joinLines(parts.claims)),
    imrGuideline: legacyCitationsToClauses(joinLines(parts.imr)),
    rationale: joinLines(parts.rationale),
  };
}

/**
 * Partial certifications name the original request and what was authorised
 * before the IMR-eligible remainder: "Norco 10/325mg #60 was the original
 * request. Norco 10/325mg #25 was authorized by the Claims Administrator. The
 * remaining IMR eligible portion of the original request, Norco 10/325mg #35 is".
 */
function splitPartial(text: string): Pick<RawItem, 'request' | 'originalRequest' | 'authorizedPortion'> {
  let t = text.trim();
  let originalRequest: string | null = null;
  let authorizedPortion: string | null = null;
  const orig = /^(.+?)\s+(?:was|were) the original request\.\s*/i.exec(t);
  if (orig) {
    originalRequest = orig[1]!;
    t = t.slice(orig[0].length);
  }
  const auth = /^(.+?)\s+(?:was|were) (?:authorized|certified|approved|modified)(?: by the Claims Administrator)?\.\s*/i.exec(t);
  if (auth && (originalRequest || /Claims Administrator/i.test(auth[0]))) {
    authorizedPortion = auth[1]!;
    t = t.slice(auth[0].length);
  }
  const rest = /^(?:.*?\beligible\.\s*)?(?:The\s+)?(?:remaining\s+)?(?:IMR\s+)?(?:eligible\s+portion\s+of\s+the\s+)?original request,?\s*(.+)$/i.exec(t);
  if (rest && (originalRequest || /eligible|original request/i.test(t))) t = rest[1]!;
  if (originalRequest || rest) t = t.replace(/\s+(?:is|are)$/i, '');
  // List numbering ("1. ", "2) ") is layout, not part of the request; a bare
  // count ("1 PRESCRIPTION OF ...") is part of it and stays.
  const request = t.replace(/\s+/g, ' ').trim().replace(/^\(?\d{1,2}[.)]\s+/, '');
  return { request, originalRequest, authorizedPortion };
}

/**
 * One item, its fields named one by one: an object literal with spreads
 * (`{ ...partial, decision, ...body }`) copies properties through the
 * runtime and was the largest single cost of reading a letter's items.
 */
function rawItem(partial: ReturnType<typeof splitPartial>, decision: Decision, body: ReturnType<typeof readBody>): RawItem {
  return {
    request: partial.request,
    originalRequest: partial.originalRequest,
    authorizedPortion: partial.authorizedPortion,
    decision,
    claimsAdministratorGuideline: body.claimsAdministratorGuideline,
    imrGuideline: body.imrGuideline,
    rationale: body.rationale,
  };
}

/** Finds the start of the request text that ends on line `end` (the decision line). */
function requestStart(lines: readonly string[], end: number, floor: number): number {
  let start = end;
  for (let j = end - 1; j > floor && end - j <= 8; j--) {
    const line = lines[j]!;
    if (labelOf(line) || PREAMBLE.test(line)) break;
    if (/[.!?]["')]?$/.test(line) && !PARTIAL_CERT_TAIL.test(line)) break;
    start = j;
  }
  return start;
}

/**
 * Items of the current layouts: each begins with a line "<request>: Upheld"
 * (the request may wrap over lines above it, and the decision may sit alone
 * on the next line) followed by the guideline paragraphs and the rationale.
 */
function modernItems(input: readonly string[]): RawItem[] {
  const lines: string[] = [];
  for (const line of input) {
    if (endsWithDecision(line) && LONE_DECISION.test(line) && lines.length && lines[lines.length - 1]!.endsWith(':')) {
      lines[lines.length - 1] += ' ' + line;
    } else lines.push(line);
  }
  const decisionAt: number[] = [];
  lines.forEach((l, i) => {
    if (endsWithDecision(l) && DECISION_LINE.test(l) && !labelOf(l)) decisionAt.push(i);
  });
  const starts = decisionAt.map((d, k) => requestStart(lines, d, k === 0 ? -1 : decisionAt[k - 1]!));
  return decisionAt.map((d, k) => {
    const m = DECISION_LINE.exec(lines[d]!)!;
    const requestText = joinLines([...lines.slice(starts[k], d), m[1]!]);
    const bodyEnd = k + 1 < starts.length ? starts[k + 1]! : lines.length;
    return rawItem(splitPartial(requestText), m[2]!.toLowerCase() === 'upheld' ? 'upheld' : 'overturned', readBody(lines.slice(d + 1, bodyEnd)));
  });
}

/** Items of the 2013-14 layouts: numbered "1. X is (not) medically necessary and appropriate." sentences. */
function legacyItems(lines: readonly string[]): RawItem[] {
  // Join each numbered sentence that wraps onto following lines.
  const found: { at: number; end: number; request: string; decision: Decision }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\(?\d{1,2}[.)]\s/.test(lines[i]!)) continue;
    let text = lines[i]!;
    let j = i;
    while (!/\.\s*$/.test(text) && j + 1 < lines.length && j - i < 6) text = joinLines([text, lines[++j]!]);
    const m = LEGACY_DECISION.exec(text);
    if (!m) continue;
    found.push({ at: i, end: j, request: m[1]!.replace(/^(?:the\s+)?request\s+for\s+/i, ''), decision: m[2] ? 'upheld' : 'overturned' });
    i = j;
  }
  // Older letters list every decision once at the top and again before its
  // rationale; the last occurrence of each request is the one with the body.
  const byRequest = new Map<string, (typeof found)[number]>();
  for (const f of found) byRequest.set(f.request.toLowerCase(), f);
  const items = [...byRequest.values()].sort((a, b) => a.at - b.at);
  return items.map((f, k) => {
    const bodyEnd = k + 1 < items.length ? items[k + 1]!.at : lines.length;
    return rawItem(splitPartial(f.request), f.decision, readBody(lines.slice(f.end + 1, bodyEnd)));
  });
}

/** The readers of each item shape a layout may declare, in the order they are tried. */
const ITEM_READERS: Record<ItemShape, (lines: readonly string[]) => RawItem[]> = {
  'decision-lines': modernItems,
  'numbered-sentences': legacyItems,
};

/** Extracts the disputed items from the decisions section of a letter, in letter order: those of the first item shape that finds any. */
export function parseItems(lines: readonly string[]): RawItem[] {
  for (const read of Object.values(ITEM_READERS)) {
    const items = read(lines);
    if (items.length) return items;
  }
  return [];
}
