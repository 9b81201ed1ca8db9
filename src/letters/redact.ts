/**
 * Redaction of letter text for publication. The published letters carry no
 * names, addresses, claim or phone numbers, dates of birth, or provider and
 * employer names; the case's own parties are known, so they are found by
 * name, and the rest by the shapes such identifiers take. Pure: text in,
 * redacted text and a report out.
 */
import type { Determination } from '../domain/index.js';
import { findDates } from './dates.js';

/** What kind of identifier was removed. */
export type RedactionCategory = 'worker' | 'person' | 'provider' | 'employer' | 'claims-administrator' | 'address' | 'phone' | 'claim-number' | 'dob' | 'email' | 'ssn';

/** The case's parties as far as they are known; every field is optional. */
export interface KnownParties {
  /** The injured worker's names (full name, and any aliases). */
  worker?: string[];
  /** Providers: physicians, clinics, facilities. */
  providers?: string[];
  employers?: string[];
  claimsAdministrators?: string[];
  /** Other people named in the case (attorneys, relatives). */
  people?: string[];
  addresses?: string[];
  claimNumbers?: string[];
  /** ISO dates of birth. */
  datesOfBirth?: string[];
}

/** One removal. Internal: it holds the removed text, so it is never published. */
export interface Redaction {
  category: RedactionCategory;
  /** The text that was removed. */
  original: string;
  replacement: string;
  /** Offsets into the input text. */
  start: number;
  end: number;
  /** Where the text came from when redacting a structure ("clinicalSummary", "items.0.rationale"). */
  field?: string;
}

export interface RedactionResult {
  text: string;
  report: Redaction[];
}

const REPLACEMENT: Record<RedactionCategory, string> = {
  worker: '[INJURED WORKER]',
  person: '[NAME]',
  provider: '[PROVIDER]',
  employer: '[EMPLOYER]',
  'claims-administrator': '[CLAIMS ADMINISTRATOR]',
  address: '[ADDRESS]',
  phone: '[PHONE]',
  'claim-number': '[CLAIM NUMBER]',
  dob: '[DATE OF BIRTH]',
  email: '[EMAIL]',
  ssn: '[SSN]',
};

const ORG_SUFFIX = /[,\s]+(?:inc|llc|l\.l\.c|corp|corporation|co|company|ltd|lp|llp|pc|p\.c|group|services|insurance)\.?$/i;
const HONORIFIC = String.raw`(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+`;
const STREET = String.raw`(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Terrace|Ter)\b\.?`;

/** Regex source matching `phrase` with any whitespace between its words, on word boundaries. */
function phrasePattern(phrase: string): string {
  const words = phrase.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return String.raw`(?<![A-Za-z0-9])` + words.join(String.raw`[\s,]+`) + String.raw`(?![A-Za-z0-9])`;
}

interface Hit {
  category: RedactionCategory;
  start: number;
  end: number;
}

function collect(text: string, re: RegExp, category: RedactionCategory, hits: Hit[], group = 0): void {
  for (const m of text.matchAll(re)) {
    const g = m[group];
    if (!g) continue;
    const start = m.index + (group ? m[0].indexOf(g) : 0);
    hits.push({ category, start, end: start + g.length });
  }
}

/**
 * A person's name is found whole, as "Dr. Surname", and by each of its
 * words of three letters or more written with a capital (a surname alone is
 * common in clinical notes: "Smith reported ...").
 */
function personPatterns(name: string): RegExp[] {
  const out = [new RegExp(phrasePattern(name), 'gi')];
  const words = name.split(/[\s,]+/).filter((w) => /^[A-Z][A-Za-z'-]{2,}$/.test(w));
  for (const w of words) out.push(new RegExp(String.raw`(?:${HONORIFIC})?` + phrasePattern(w), 'g'));
  // "Lastname, Firstname" as records often write it.
  if (words.length >= 2) out.push(new RegExp(phrasePattern(`${words[words.length - 1]} ${words[0]}`), 'gi'));
  return out;
}

/** An organisation is found whole and without its legal and generic suffixes ("Acme Widgets, Inc." → "Acme Widgets"). */
function organisationPatterns(name: string): RegExp[] {
  const names = new Set([name.trim()]);
  let bare = name.trim();
  // Every shortening is kept: text may say "Valley Orthopedic Medical Group"
  // or "Valley Orthopedic Medical"; at one position the longest match wins.
  while (ORG_SUFFIX.test(bare)) {
    bare = bare.replace(ORG_SUFFIX, '');
    if (bare.length >= 4) names.add(bare);
  }
  return [...names].map((n) => new RegExp(phrasePattern(n), 'gi'));
}

/** Finds every identifier in `text`; overlapping finds keep the longest. */
export function findIdentifiers(text: string, parties: KnownParties = {}): Hit[] {
  const hits: Hit[] = [];
  const named: [string[] | undefined, RedactionCategory, 'person' | 'org'][] = [
    [parties.worker, 'worker', 'person'],
    [parties.people, 'person', 'person'],
    [parties.providers, 'provider', 'org'],
    [parties.employers, 'employer', 'org'],
    [parties.claimsAdministrators, 'claims-administrator', 'org'],
  ];
  for (const [names, category, kind] of named) {
    for (const n of names ?? []) {
      if (!n.trim()) continue;
      // A provider may be a person ("Dr. Jane Roe") or a clinic: try both.
      const patterns = kind === 'person' ? personPatterns(n) : [...organisationPatterns(n), ...(/^(?:Dr\.?\s)?[A-Z][a-z]+(?:\s[A-Z]\.?)?\s[A-Z][a-z'-]+(?:,?\s(?:MD|DO|DC|PhD))?$/.test(n.trim()) ? personPatterns(n.replace(/^Dr\.?\s|,?\s(?:MD|DO|DC|PhD)$/g, '')) : [])];
      for (const re of patterns) collect(text, re, category, hits);
    }
  }
  for (const a of parties.addresses ?? []) {
    if (!a.trim()) continue;
    collect(text, new RegExp(phrasePattern(a), 'gi'), 'address', hits);
    // The street line alone, when the record writes the city elsewhere.
    const street = a.split(',')[0]!.trim();
    if (street.length >= 6 && street !== a.trim()) collect(text, new RegExp(phrasePattern(street), 'gi'), 'address', hits);
  }
  for (const c of parties.claimNumbers ?? []) if (c.trim()) collect(text, new RegExp(phrasePattern(c), 'gi'), 'claim-number', hits);
  const dobs = new Set(parties.datesOfBirth ?? []);
  if (dobs.size) {
    for (const d of findDates(text)) if (dobs.has(d.iso)) hits.push({ category: 'dob', start: d.start, end: d.end });
    for (const m of text.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)) if (dobs.has(m[0])) hits.push({ category: 'dob', start: m.index, end: m.index + 10 });
  }
  // Shapes, whoever they belong to.
  collect(text, /\b(?:DOB|D\.O\.B\.?|date of birth|born(?: on)?)\s*[:#-]?\s*((?:\d{1,2}[/-]\d{1,2}[/-]\d{2,4})|(?:[A-Z][a-z]+\.? \d{1,2},? \d{4}))/gi, 'dob', hits, 1);
  collect(text, /(?:\(\d{3}\)\s?|\b\d{3}[-.\s])\d{3}[-.\s]\d{4}\b/g, 'phone', hits);
  collect(text, /\b\d{3}-\d{2}-\d{4}\b/g, 'ssn', hits);
  collect(text, /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, 'email', hits);
  collect(text, /\bclaim\s*(?:no\.?|number|num\.?|#)\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{3,})/gi, 'claim-number', hits, 1);
  collect(text, new RegExp(String.raw`\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][A-Za-z0-9'-]*\s+){1,4}` + STREET + String.raw`(?:,?\s*(?:Suite|Ste\.?|Apt\.?|Unit|#)\s*[A-Za-z0-9-]+)?(?:,\s*[A-Z][A-Za-z .]+,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?)?`, 'g'), 'address', hits);
  collect(text, /\b[A-Z][A-Za-z .]+,\s*(?:CA|California)\s+9\d{4}(?:-\d{4})?\b/g, 'address', hits);

  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (last && h.start < last.end) {
      if (h.end > last.end) last.end = h.end;
      continue;
    }
    kept.push({ ...h });
  }
  return kept;
}

/** Redacts one text. The report lists each removal with its offsets in the input. */
export function redactText(text: string, parties: KnownParties = {}): RedactionResult {
  const hits = findIdentifiers(text, parties);
  let out = '';
  let at = 0;
  const report: Redaction[] = [];
  for (const h of hits) {
    const replacement = REPLACEMENT[h.category];
    out += text.slice(at, h.start) + replacement;
    report.push({ category: h.category, original: text.slice(h.start, h.end), replacement, start: h.start, end: h.end });
    at = h.end;
  }
  return { text: out + text.slice(at), report };
}

/**
 * The published version of a determination: the clinical summary, requests
 * and rationales redacted (the reviewer appears only by credentials already).
 * Requests are redacted too, since a request can name a provider ("follow-up
 * with Dr. Roe"); the report's `field` says where each removal was.
 */
export function redactDetermination(det: Determination, parties: KnownParties): { determination: Determination; report: Redaction[] } {
  const report: Redaction[] = [];
  const run = (text: string, field: string): string => {
    const r = redactText(text, parties);
    for (const x of r.report) report.push({ ...x, field });
    return r.text;
  };
  const determination: Determination = {
    ...det,
    clinicalSummary: run(det.clinicalSummary, 'clinicalSummary'),
    items: det.items.map((item, i) => ({
      ...item,
      request: run(item.request, `items.${i}.request`),
      rationale: run(item.rationale, `items.${i}.rationale`),
      originalRequest: item.originalRequest ? run(item.originalRequest, `items.${i}.originalRequest`) : item.originalRequest,
      authorizedPortion: item.authorizedPortion ? run(item.authorizedPortion, `items.${i}.authorizedPortion`) : item.authorizedPortion,
    })),
  };
  return { determination, report };
}
