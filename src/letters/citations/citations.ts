/**
 * Parses the guideline paragraphs of IMR letters ("Claims Administrator
 * guideline:", "MAXIMUS guideline:") into structured citations.
 *
 * A paragraph is a run of "Decision based on ..." clauses, each naming one or
 * more documents: "Decision based on MTUS ACOEM Chapter 12 Low Back Complaints
 * Page(s): 309,Chronic Pain Treatment Guidelines." cites two MTUS documents;
 * "Decision based on Non-MTUS Citation Official Disability Guidelines (ODG)
 * Low Back Chapter, Facet joint diagnostic block." cites one ODG chapter.
 * Document names are canonicalised by the tables in guideline-documents.ts.
 */
import type { GuidelineCitation, GuidelineSource } from '../../domain/index.js';
import { extractPages, normalisePages } from './citation-pages.js';
import { splitSections, splitTopics, trimEnds } from './citation-sections.js';
import {
  MTUS_DOCUMENTS,
  MTUS_DOCUMENT_PATTERN,
  MTUS_WHOLE,
  ODG_CHAPTERS,
  ODG_CHAPTER_PATTERN,
  ODG_WHOLE,
  matchedIndex,
} from './guideline-documents.js';

/** Starts every citation clause in current letters. */
const CLAUSE_START = /\bDecision based on\s?/gi;

/**
 * Older letters write the citation as a sentence: "The Claims Administrator
 * based its decision on the MTUS ...". Used only when no "Decision based on"
 * clause is present.
 */
const SENTENCE_START =
  /\b(?:based (?:its|their|his\/her|his|her) decision on|relied (?:up)?on)\s(?:the following guidelines?(?: for (?:its|their|his\/her) decision)?:?\s?)?(?:the\s)?(?!recommendation)/gi;

/** The older letters' own MTUS flag: "..., which are part of the MTUS." / "which is not part of the MTUS". */
const MTUS_MEMBERSHIP = /,?\s?which (?:is|are) (not )?(?:a )?part of the MTUS\b[^.]{0,40}\.?\s?$/i;

/** Sentences that say there is no citation or introduce non-MTUS ones. */
const PREAMBLES: readonly RegExp[] = [
  /\bThe [A-Za-z ]{2,40}? did not cite any medical evidence[^.]{0,80}\.?/gi,
  /\bThe [A-Za-z ]{2,40}? based (?:its|their|his\/her|his|her) decision on recommendation\(?s?\)? outside of the MTUS(?: Guidelines)?\.?/gi,
];

/** "Non-MTUS Citation", "Non -MTUS Citation:", "non-MTUS". */
const NON_MTUS = /^(?:the\s)?Non\s?-?\s?MTUS\b(?:\s?Citations?)?\s?[:-]?\s?/i;
const STARTS_MTUS = /^(?:the\s)?(?:CA\s)?(?:MTUS|ACOEM)\b/i;
const MENTIONS_ODG = /\bODG\b|Official Disability Guidelines?/i;

/** Where a non-MTUS clause moves on to another source: "... and Other Medical Treatment Guidelines ...". */
const SOURCE_JOIN = /\s(?:and|&)\s(?=(?:the\s)?(?:Official Disability Guidelines?|ODG\b|Other Medical Treatment Guidelines))/gi;

/** Longest document name kept for a non-MTUS, non-ODG citation (a journal reference can be long). */
const MAX_OTHER_DOCUMENT = 300;

/**
 * Undoes PDF-extraction damage that would hide a document name: Markdown
 * bold marks, whitespace runs, and years split by a stray space
 * ("Acupuncture Treatment 200 7"). Years are joined only after a word, so a
 * page list such as "Page(s): 20 21" is left alone.
 */
function normalise(text: string): string {
  // Each pass runs only when its target is present: most paragraphs are
  // already clean, single-spaced text joined from letter lines.
  let t = text;
  if (t.includes('*') || t.includes('__')) t = t.replace(/\*+|_{2,}/g, ' ');
  if (MESSY_WHITESPACE.test(t)) t = t.replace(/\s+/g, ' ');
  if (SPLIT_DIGITS.test(t)) t = t.replace(/(?<=[A-Za-z] )(?:1 ?9|2 ?0) ?\d ?\d\b/g, (y) => (y.includes(' ') ? y.replace(/ /g, '') : y));
  return t.trim();
}

/** Whitespace other than single spaces. */
const MESSY_WHITESPACE = /[^\S ]|  /;
/** Two digits with a space between: the only place a split year can be. */
const SPLIT_DIGITS = /\d \d/;

/** Trims separators and a closing period from a citation fragment. */
function trimFragment(s: string): string {
  let t = trimEnds(s, ' ,.;:');
  // A dangling "and" before the next document: "Special Studies, and".
  while (endsWithWordAnd(t)) t = trimEnds(t.slice(0, -3), ' ,.;:');
  return t;
}

function endsWithWordAnd(t: string): boolean {
  return t.slice(-3).toLowerCase() === 'and' && (t.length === 3 || ' ,'.includes(t[t.length - 4]!));
}

/**
 * Bounds on what one citation keeps, far above any real one (the longest
 * clause of the real letters is ~600 characters, the longest page list a few
 * dozen pages): a damaged or hostile paragraph repeating a chapter name
 * thousands of times must not make a letter's parse hundreds of times its
 * size (each citation of a clause carries the clause's pages and text).
 */
const MAX_RAW = 2000;
const MAX_PAGES = 1000;
/** Most page numbers a clause's chapters may carry between them when its pages are shared out (see parseOdg). */
const SHARED_PAGES = 10_000;

function citation(source: GuidelineSource, document: string, sections: string[], pages: number[], raw: string): GuidelineCitation {
  const text = trimFragment(raw);
  return { source, document, sections: [...new Set(sections)], pages: normalisePages(pages).slice(0, MAX_PAGES), raw: text.length > MAX_RAW ? `${text.slice(0, MAX_RAW - 1)}…` : text };
}

/** Sections and pages from the text after a document name. */
function readTail(tail: string): { sections: string[]; pages: number[] } {
  const { pages, rest } = extractPages(tail);
  // Edition notes are not sections: "(Effective July 18, 2009)".
  let t = rest.replace(/\((?:effective|eff\.|rev(?:ised)?\.?)?[^()]{0,40}\b(?:19|20)\d\d\)/gi, ' ');
  t = t.replace(/\bSections?\s?(?:\(s\))?\s?:/gi, ',');
  return { sections: splitSections(trimFragment(t)), pages };
}

/**
 * An MTUS clause: one citation per document named. Text between two
 * document names (sections, pages) belongs to the first.
 */
function parseMtus(clause: string): GuidelineCitation[] {
  const matches = [...clause.matchAll(MTUS_DOCUMENT_PATTERN)];
  if (matches.length === 0) {
    // An MTUS document we do not know: keep what the letter calls it.
    const name = trimFragment(
      clause.replace(/^(?:the\s)?(?:CA\s)?MTUS\b\s?/i, '').split(/,|\bSections?\s?\(s\)|\bPages?\b/i)[0]!.replace(/\b(?:19|20)\d\d\b/g, ''),
    );
    const { sections, pages } = readTail(clause.slice(clause.indexOf(name) + name.length));
    const document = name && !/^(?:guidelines?|chapter)$/i.test(name) ? name : MTUS_WHOLE;
    return [citation('MTUS', document, sections, pages, clause)];
  }
  return matches.map((m, i) => {
    const start = i === 0 ? 0 : m.index;
    const end = i + 1 < matches.length ? matches[i + 1]!.index : clause.length;
    const tail = clause.slice(m.index + m[0].length, end);
    const { sections, pages } = readTail(tail);
    const doc = MTUS_DOCUMENTS[matchedIndex(m, 'd')];
    return citation('MTUS', doc?.name ?? MTUS_WHOLE, sections, pages, clause.slice(start, end));
  });
}

/** Removes ODG's own name, edition notes and update dates, leaving chapters and topics. */
function stripOdgNoise(text: string): string {
  return text
    .replace(/\(\s?updated[^()]{0,40}\)/gi, ' ')
    .replace(/\((?:\s|,|and|&|acute|chronic|thoracic|lumbar|online version|web edition)+\)/gi, ' ')
    .replace(/(?:the\s)?Official Disability Guidelines?(?:\s?\(ODG\))?/gi, ',')
    .replace(/\(ODG\)|\bODG\b/g, ',')
    .replace(/\s+/g, ' ');
}

/**
 * An ODG citation: one per chapter named ("Shoulder Chapter, Hand Chapter,
 * Physical therapy" → two). Topics before the first chapter belong to it.
 */
function parseOdg(piece: string): GuidelineCitation[] {
  const { pages, rest } = extractPages(piece);
  const text = stripOdgNoise(rest);
  const matches = [...text.matchAll(ODG_CHAPTER_PATTERN)];
  if (matches.length === 0) return [citation('ODG', ODG_WHOLE, splitTopics(text), pages, piece)];
  // The clause's pages go to each chapter it names, unless that would repeat
  // a long page list over many chapters (a damaged clause): then to the first.
  const shared = matches.length * pages.length <= SHARED_PAGES;
  return matches.map((m, i) => {
    const from = i === 0 ? 0 : m.index;
    const end = i + 1 < matches.length ? matches[i + 1]!.index : text.length;
    const topics = text.slice(from, m.index) + ',' + text.slice(m.index + m[0].length, end);
    const chapter = ODG_CHAPTERS[matchedIndex(m, 'c')];
    // Several chapters: each keeps its own part of the text, not the whole piece again.
    return citation('ODG', chapter?.name ?? ODG_WHOLE, splitTopics(topics), shared || i === 0 ? pages : [], matches.length === 1 ? piece : text.slice(from, end));
  });
}

/** A non-MTUS, non-ODG reference: a journal article, a web page, the newer ACOEM guidelines. */
function parseOther(piece: string): GuidelineCitation {
  const { pages, rest } = extractPages(piece);
  let t = trimFragment(rest)
    .replace(/^(?:the\s)?Other Medical Treatment Guidelines\s?:?\s?(?=\S)/i, '')
    .replace(/American College of Occupational and Environmental Medicine\s?(?:\(ACOEM\))?/gi, 'ACOEM');
  const chapter = /^(ACOEM\b[^/,:]{0,80}?\bChapter)\b\s?[/,:\-–]?\s?(.*)$/i.exec(t);
  if (chapter) return citation('OTHER', chapter[1]!, splitTopics(chapter[2]!), pages, piece);
  if (/^ACOEM(?: Practice)? Guidelines?$/i.test(t)) t = 'ACOEM Practice Guidelines';
  return citation('OTHER', t.slice(0, MAX_OTHER_DOCUMENT).trim() || 'Non-MTUS citation', [], pages, piece);
}

/** A starts-with-an-ODG-chapter test, for "Non-MTUS Citation Low Back (Hyperstimulation analgesia)". */
function startsWithOdgChapter(piece: string): boolean {
  ODG_CHAPTER_PATTERN.lastIndex = 0;
  const m = ODG_CHAPTER_PATTERN.exec(piece);
  ODG_CHAPTER_PATTERN.lastIndex = 0;
  return m !== null && m.index === 0;
}

/** A non-MTUS clause, which may join ODG and another source with "and". */
function parseNonMtus(body: string): GuidelineCitation[] {
  const pieces = body.split(SOURCE_JOIN).map(trimFragment).filter((p) => p.length > 0);
  return pieces.flatMap((piece) =>
    MENTIONS_ODG.test(piece) || startsWithOdgChapter(piece) ? parseOdg(piece) : [parseOther(piece)],
  );
}

/** One "Decision based on" clause, without that lead-in. */
function parseClause(clause: string): GuidelineCitation[] {
  let body = trimFragment(clause);
  if (!body) return [];
  const membership = MTUS_MEMBERSHIP.exec(body);
  if (membership) {
    body = trimFragment(body.slice(0, membership.index));
    if (membership[1]) return parseNonMtus(body.replace(NON_MTUS, ''));
  }
  const nonMtus = NON_MTUS.exec(body);
  if (nonMtus) return parseNonMtus(body.slice(nonMtus[0].length));
  if (STARTS_MTUS.test(body)) return parseMtus(body);
  if (MENTIONS_ODG.test(body)) return parseNonMtus(body);
  MTUS_DOCUMENT_PATTERN.lastIndex = 0;
  const mtus = MTUS_DOCUMENT_PATTERN.test(body);
  MTUS_DOCUMENT_PATTERN.lastIndex = 0;
  return mtus ? parseMtus(body) : parseNonMtus(body);
}

/** A clause's extent: from after its lead-in to the next clause's lead-in. */
interface Span {
  leadIn: number;
  start: number;
}

/** The citation clauses' positions, in letter order. */
function clauseSpans(text: string): Span[] {
  const spans = (re: RegExp): Span[] => [...text.matchAll(re)].map((m) => ({ leadIn: m.index, start: m.index + m[0].length }));
  const clauses = spans(CLAUSE_START);
  if (clauses.length > 0) return clauses;
  const sentences = spans(SENTENCE_START);
  if (sentences.length > 0) return sentences;
  // A bare citation without lead-in ("MTUS Chronic Pain ... Page(s): 64").
  MTUS_DOCUMENT_PATTERN.lastIndex = 0;
  const bare = NON_MTUS.test(text) || STARTS_MTUS.test(text) || MENTIONS_ODG.test(text) || MTUS_DOCUMENT_PATTERN.test(text);
  MTUS_DOCUMENT_PATTERN.lastIndex = 0;
  return bare ? [{ leadIn: 0, start: 0 }] : [];
}

/**
 * Parses the body of a "Claims Administrator guideline:" or "MAXIMUS
 * guideline:" paragraph into citations, one per document named.
 *
 * "The Claims Administrator did not cite any medical evidence for its
 * decision." gives `[]`; the "based their decision on recommendation(s)
 * outside of the MTUS Guidelines" preamble is not a citation. Never throws;
 * runs in time linear in the text's length.
 *
 * @param text the paragraph after its label; line breaks may remain.
 * @returns citations in letter order, pages ascending and unique.
 */
export function parseCitations(text: string): GuidelineCitation[] {
  if (typeof text !== 'string') return [];
  const cached = memo.get(text);
  if (cached) return copyCitations(cached);
  const parsed = parseUncached(text);
  if (text.length <= MEMO_MAX_TEXT) {
    if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
    memo.set(text, parsed);
  }
  return copyCitations(parsed);
}

function parseUncached(text: string): GuidelineCitation[] {
  let t = normalise(text);
  const lower = t.toLowerCase();
  if (lower.includes('did not cite') || lower.includes('outside of the mtus')) for (const p of PREAMBLES) t = t.replace(p, ' ');
  t = t.trim();
  if (!t) return [];
  const spans = clauseSpans(t);
  return spans.flatMap((span, i) => parseClauseMemo(t.slice(span.start, spans[i + 1]?.leadIn ?? t.length)));
}

/** Paragraphs combine the same clauses differently ("MTUS ... Page(s): 64." with one ODG chapter or another): clauses are memoised too. */
function parseClauseMemo(clause: string): GuidelineCitation[] {
  const cached = clauseMemo.get(clause);
  if (cached) return copyCitations(cached);
  const parsed = parseClause(clause);
  if (clause.length <= MEMO_MAX_TEXT) {
    if (clauseMemo.size >= MEMO_ENTRIES) clauseMemo.delete(clauseMemo.keys().next().value!);
    clauseMemo.set(clause, parsed);
  }
  return copyCitations(parsed);
}

/**
 * Guideline paragraphs are template text: the same "Decision based on MTUS
 * Chronic Pain Treatment Guidelines Opioids Page(s): 74-96." recurs across
 * thousands of letters. Parsed paragraphs are kept in a bounded
 * first-in-first-out memo; callers get copies, so none can alter another's.
 */
const memo = new Map<string, GuidelineCitation[]>();
const clauseMemo = new Map<string, GuidelineCitation[]>();
const MEMO_ENTRIES = 4096;
const MEMO_MAX_TEXT = 2000;

function copyCitations(cites: readonly GuidelineCitation[]): GuidelineCitation[] {
  return cites.map((c) => ({ ...c, sections: [...c.sections], pages: [...c.pages] }));
}

/** Forgets memoised paragraphs (benchmarks measure parsing of text never seen before). */
export function clearCitationMemo(): void {
  memo.clear();
  clauseMemo.clear();
}
