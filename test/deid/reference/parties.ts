/**
 * The case's own parties found in every form the text may give them: whole
 * names and each of their parts alone (given or family name, each part of
 * a hyphenated name), "Lastname, Firstname", initials, capitals, diacritics
 * folded, possessives, and organisations with or without their legal
 * suffix. Matching is on folded words, so "LOPEZ", "López" and "Lopez's"
 * are the same word; a sequence is looked up by its first word, so the scan
 * is linear in the text for a given case.
 */
import type { Hit, RedactionCategory } from './hits.js';
import { lexicons } from '../../../src/letters/deid/lexicons.js';
import { gapIs, wordKey, words as toWords, type Word } from './tokens.js';

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
  /** Phone and fax numbers as the case gives them. */
  phones?: string[];
  /** ISO dates of birth. */
  datesOfBirth?: string[];
}

interface Sequence {
  keys: string[];
  category: RedactionCategory;
  /** A single word that is also an English or clinical word: matched only when capitalised. */
  capitalOnly: boolean;
}

const LEGAL = new Set(['inc', 'llc', 'llp', 'lp', 'corp', 'corporation', 'co', 'company', 'ltd', 'pc', 'group', 'services', 'insurance', 'the', 'and', 'of']);
const HONORIFICS = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'md', 'do', 'dc', 'phd', 'pa', 'np', 'rn', 'jr', 'sr', 'ii', 'iii', 'iv']);

/** Party matcher built once per case. */
export class PartyMatcher {
  private readonly byFirst = new Map<string, Sequence[]>();

  constructor(parties: KnownParties) {
    const person = (names: string[] | undefined, category: RedactionCategory) => {
      for (const name of names ?? []) this.addPerson(name, category);
    };
    person(parties.worker, 'worker');
    person(parties.people, 'person');
    for (const p of parties.providers ?? []) {
      this.addOrganisation(p, 'provider');
      // A provider named as a person ("Dr. Jane Roe, MD") is found by the parts of the name too.
      if (!p.split(/\s+/).some((w) => LEGAL.has(wordKey(w)) || /clinic|hospital|center|medical|health|therapy|imaging|associates/i.test(w))) this.addPerson(p, 'provider');
    }
    for (const e of parties.employers ?? []) this.addOrganisation(e, 'employer');
    for (const c of parties.claimsAdministrators ?? []) this.addOrganisation(c, 'claims-administrator');
    for (const a of parties.addresses ?? []) {
      // The whole address, and each of its comma-separated parts that is more than a state or ZIP.
      this.add(keysOf(a), 'address', false);
      for (const part of a.split(',')) {
        const k = keysOf(part);
        if (k.length >= 2 || (k.length === 1 && k[0]!.length >= 4 && !lexicons().common.has(k[0]!))) this.add(k, 'address', k.length === 1);
      }
    }
  }

  private add(keys: string[], category: RedactionCategory, capitalOnly: boolean): void {
    if (!keys.length) return;
    const list = this.byFirst.get(keys[0]!) ?? [];
    if (!list.some((s) => s.keys.join(' ') === keys.join(' '))) list.push({ keys, category, capitalOnly });
    this.byFirst.set(keys[0]!, list);
  }

  private addPerson(name: string, category: RedactionCategory): void {
    // A title before and credentials after are not the name; "Do" or "Ng" inside it is.
    let parts = toWords(name);
    while (parts.length > 1 && HONORIFICS.has(parts[0]!.key) && parts[0]!.case !== 'lower') parts = parts.slice(1);
    while (parts.length > 1 && HONORIFICS.has(parts[parts.length - 1]!.key) && parts[parts.length - 1]!.case === 'upper' && /,/.test(name)) parts = parts.slice(0, -1);
    if (!parts.length) return;
    const keys = parts.map((w) => w.key);
    this.add(keys, category, false);
    // "Lopez-Hernandez, Maria" as records write it.
    if (keys.length >= 2) this.add([keys[keys.length - 1]!, ...keys.slice(0, -1)], category, false);
    const lx = lexicons();
    for (const k of keys) {
      if (k.length < 2) continue;
      // A part that is also a word ("Rose", "Will", "Norco") is taken only when written with a capital.
      const ordinary = lx.common.has(k) || lx.clinical.has(k);
      this.add([k], category, ordinary || k.length === 2);
    }
    // Initials run together ("MLH", "M.L.H."), three letters or more.
    if (keys.length >= 2) {
      const initials = keys.map((k) => k[0]!).join('');
      if (initials.length >= 3) this.add([initials], category, true);
    }
  }

  private addOrganisation(name: string, category: RedactionCategory): void {
    const keys = keysOf(name);
    this.add(keys, category, false);
    // Without legal and generic words at the end, then each distinctive word alone.
    let bare = keys.slice();
    // Every shortening is kept: text may say "Valley Orthopedic Medical Group" or "Valley Orthopedic Medical".
    while (bare.length > 1 && LEGAL.has(bare[bare.length - 1]!)) {
      bare = bare.slice(0, -1);
      this.add(bare, category, false);
    }
    const lx = lexicons();
    for (const k of keys) if (!LEGAL.has(k) && k.length >= 4 && !lx.common.has(k) && !lx.clinical.has(k)) this.add([k], category, true);
  }

  /** Every party found in the text's words. */
  find(text: string, words: readonly Word[], hits: Hit[]): void {
    for (let i = 0; i < words.length; i++) {
      const cands = this.byFirst.get(words[i]!.key);
      if (!cands) continue;
      let best: { end: number; category: RedactionCategory } | null = null;
      for (const s of cands) {
        const end = matchAt(text, words, i, s);
        if (end !== null && (!best || end > best.end)) best = { end, category: s.category };
      }
      if (best) {
        let start = words[i]!.start;
        // A title or an initial before a surname belongs to the name ("Ms. Lopez", "M. Lopez").
        const prev = words[i - 1];
        if (prev && (HONORIFICS.has(prev.key) || prev.end - prev.start === 1) && prev.case !== 'lower' && gapIs(text, prev.end, start, '.')) start = prev.start;
        hits.push({ category: best.category, start, end: best.end });
      }
    }
  }
}

function keysOf(s: string): string[] {
  return toWords(s).map((w) => w.key);
}

/** The end offset when the sequence matches at word i, else null. Digits in the sequence (addresses) are compared on the text. */
function matchAt(text: string, words: readonly Word[], i: number, s: Sequence): number | null {
  if (i + s.keys.length > words.length) return null;
  for (let k = 0; k < s.keys.length; k++) {
    const w = words[i + k]!;
    if (w.key !== s.keys[k]) return null;
    if (k > 0 && w.start - words[i + k - 1]!.end > 6) return null;
  }
  const first = words[i]!;
  if (s.capitalOnly && first.case === 'lower') return null;
  if (s.keys.length === 1 && first.key.length === 2 && first.case === 'lower') return null;
  return words[i + s.keys.length - 1]!.end;
}

/** Formats a date of birth is written in, for finding it anywhere in the text. */
export function dateForms(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return [];
  const [, y, mm, dd] = m as unknown as [string, string, string, string];
  const M = String(Number(mm));
  const D = String(Number(dd));
  const yy = y.slice(2);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const name = months[Number(mm) - 1]!;
  const short = name.slice(0, 3);
  const forms = new Set<string>();
  for (const sep of ['/', '-', '.']) {
    for (const [a, b] of [[mm, dd], [M, D]] as const) {
      forms.add(`${a}${sep}${b}${sep}${y}`);
      forms.add(`${a}${sep}${b}${sep}${yy}`);
    }
    forms.add(`${y}${sep}${mm}${sep}${dd}`);
  }
  for (const n of [name, short, `${short}.`]) {
    forms.add(`${n} ${D}, ${y}`);
    forms.add(`${n} ${D} ${y}`);
    forms.add(`${D} ${n} ${y}`);
    forms.add(`${n} ${dd}, ${y}`);
  }
  forms.add(`${mm}${dd}${y}`);
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Hits for literal strings (dates of birth in every format, claim and phone numbers as given), case-insensitive. */
export function findLiterals(text: string, literals: readonly string[], category: RedactionCategory, hits: Hit[]): void {
  if (!literals.length) return;
  const lower = text.toLowerCase();
  for (const lit of literals) {
    const l = lit.toLowerCase().trim();
    if (l.length < 4) continue;
    for (let at = lower.indexOf(l); at !== -1; at = lower.indexOf(l, at + 1)) {
      const before = lower[at - 1];
      const after = lower[at + l.length];
      // Whole tokens only: "3/14/1961" is not inside "13/14/19612".
      if ((before && /[a-z0-9]/.test(before)) || (after && /[a-z0-9]/.test(after))) continue;
      hits.push({ category, start: at, end: at + l.length });
    }
  }
}

/** Digits of a phone or claim number, for finding it written with other separators. */
export function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}
