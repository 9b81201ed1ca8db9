/**
 * The PHI-injection corpus: the real letters (already de-identified by the
 * DWC) and the synthetic case file, with identifiers of every kind injected
 * into every text field of the published model, each injected token
 * labelled with its kind. The identifiers come from @faker-js/faker (seeded,
 * so the corpus is the same on every run), never from the name lists the
 * detector uses, so recall is not measured with the detector's own list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Faker, en, en_US } from '@faker-js/faker';
import type { Determination } from '../../src/domain/index.js';
import { parseLetterText } from '../../src/letters/index.js';
import type { KnownParties } from '../../src/letters/deid/redact.js';
import { realLetterTexts } from '../sample-letters.js';

/** What an injected token is. */
export const KINDS = ['name', 'unlisted-name', 'organisation', 'address', 'phone', 'ssn', 'email', 'record-number', 'dob', 'age'] as const;
export type Kind = (typeof KINDS)[number];

/** An injected identifier: where it is in its field's text, and what it is. */
export interface Span {
  start: number;
  end: number;
  kind: Kind;
}

/** One letter with identifiers injected into its fields, and the parties its case would list. */
export interface InjectedLetter {
  name: string;
  determination: Determination;
  parties: KnownParties;
  /** Injected spans by field path ("clinicalSummary", "items.0.rationale", "items.0.imrGuidelines.0.raw"). */
  spans: Record<string, Span[]>;
  /** Where the field's own (real, clinical) text is, by field path. */
  base: Record<string, { start: number; end: number }>;
}

type Piece = string | { text: string; kind: Kind };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The synthetic parties of one letter and the sentences that mention them and others. */
class Injector {
  readonly parties: KnownParties;
  private readonly f: Faker;
  private readonly worker: { first: string; middle: string; last: string; lastParts: string[] };
  private readonly employer: string;
  private readonly administrator: string;
  private readonly doctor: { first: string; last: string };
  private readonly clinic: string;
  private readonly address: string;
  private readonly dob: { y: number; m: number; d: number };
  private readonly claim: string;

  constructor(seed: number) {
    this.f = new Faker({ locale: [en_US, en] });
    this.f.seed(seed);
    const f = this.f;
    // Some workers have hyphenated, apostrophe'd, accented or two-letter family names.
    const style = seed % 5;
    let last = f.person.lastName();
    if (style === 1) last = `${last}-${f.person.lastName()}`;
    if (style === 2) last = `O'${last}`;
    if (style === 3) last = f.helpers.arrayElement(['Peña', 'Muñoz', 'Nuñez', 'Ibáñez', 'Gómez', 'Pérez']);
    if (style === 4) last = f.helpers.arrayElement(['Ng', 'Wu', 'Ly', 'Vo', 'Do', 'Yu', 'Le', 'Ho']);
    this.worker = { first: f.person.firstName(), middle: f.person.firstName(), last, lastParts: last.split('-') };
    this.employer = f.company.name();
    this.administrator = `${f.company.name()} Claims Services, LLC`;
    this.doctor = { first: f.person.firstName(), last: f.person.lastName() };
    this.clinic = `${f.location.city()} Orthopedic Medical Group, Inc.`;
    this.address = `${f.location.streetAddress()}, ${f.location.city()}, ${f.location.state({ abbreviated: true })} ${f.location.zipCode('#####')}`;
    const born = f.date.birthdate({ mode: 'age', min: 30, max: 70, refDate: new Date('2017-01-01T00:00:00Z') });
    this.dob = { y: born.getUTCFullYear(), m: born.getUTCMonth() + 1, d: born.getUTCDate() };
    this.claim = `${f.string.alpha({ length: 4, casing: 'upper' })}-${f.string.numeric(8)}`;
    this.parties = {
      worker: [`${this.worker.first} ${this.worker.middle} ${this.worker.last}`],
      providers: [`Dr. ${this.doctor.first} ${this.doctor.last}`, this.clinic],
      employers: [this.employer],
      claimsAdministrators: [this.administrator],
      addresses: [this.address],
      claimNumbers: [this.claim],
      datesOfBirth: [`${this.dob.y}-${pad(this.dob.m)}-${pad(this.dob.d)}`],
    };
  }

  private pick<T>(xs: readonly T[]): T {
    return this.f.helpers.arrayElement(xs);
  }

  /** The worker's name in one of the forms records use. */
  private workerForm(): Piece[] {
    const w = this.worker;
    const n = (text: string): Piece => ({ text, kind: 'name' });
    const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '');
    return this.pick<Piece[]>([
      [n(w.first), ' ', n(w.last)],
      [n(w.last), ', ', n(w.first)],
      [this.pick(['Mr. ', 'Ms. ', 'Mrs. ']), n(w.lastParts[0]!)],
      [n(w.last.toUpperCase()), ', ', n(w.first.toUpperCase())],
      [n(w.first)],
      [n(`${w.last}'s`)],
      [n(w.first[0]!), '. ', n(w.last)],
      [n(fold(w.first)), ' ', n(fold(w.last))],
      ['Ms. ', n(w.lastParts[w.lastParts.length - 1]!)],
      [n(w.first), ' ', n(w.middle), ' ', n(w.last)],
    ]);
  }

  private unlistedPerson(): Piece[] {
    const f = this.f;
    const first = f.person.firstName();
    const last = f.person.lastName();
    const p = (text: string): Piece => ({ text, kind: 'unlisted-name' });
    const relation = this.pick(['husband', 'wife', 'daughter', 'son', 'mother', 'brother', 'sister', 'attorney', 'adjuster', 'case manager', 'interpreter', 'supervisor']);
    return this.pick<Piece[]>([
      [`her ${relation}, `, p(first), ' ', p(last), ', attended the visit.'],
      [`The ${relation} `, p(first), ' reported the fall.'],
      ['The worker was seen by Dr. ', p(last), ' for a second opinion.'],
      ['Follow-up with ', p(first), ' ', p(last), ', PA-C, was advised.'],
      ['Dr. ', p(first), ' ', p(last), ' reviewed the imaging.'],
      ['Electronically signed by ', p(first), ' ', p(last), ', MD.'],
      ['Mr. ', p(last), ' from the employer called.'],
      ['Notes by ', p(first), ' ', p(last), ', NP, were reviewed.'],
      ['Ms. ', p(last.toUpperCase()), ' translated.'],
      [`Her ${relation} `, p(first), ' drives her to therapy.'],
    ]);
  }

  private organisation(): Piece[] {
    const f = this.f;
    const o = (text: string): Piece => ({ text, kind: 'organisation' });
    const listedBare = this.employer.replace(/\s(?:Inc|LLC|Group|and Sons)\.?$/, '');
    return this.pick<Piece[]>([
      ['The worker is employed by ', o(this.employer), '.'],
      ['Her employer, ', o(listedBare), ', offered modified duty.'],
      ['The claims administrator, ', o(this.administrator.replace(/, LLC$/, '')), ', denied it.'],
      ['She treats at ', o(this.clinic.replace(/, Inc\.$/, '')), '.'],
      ['Therapy was given at ', o(`${f.location.city()} Physical Therapy`), '.'],
      ['Imaging was done at ', o(`${f.location.city()} Community Hospital`), '.'],
      ['She was referred to ', o(`${f.person.lastName()} Chiropractic Clinic`), '.'],
      ['Records came from ', o(f.company.name()), ' Inc.'],
      ['An MRI at ', o(`${f.location.city()} Imaging Center`), ' was reviewed.'],
    ]);
  }

  private addressForm(): Piece[] {
    const f = this.f;
    const a = (text: string): Piece => ({ text, kind: 'address' });
    const street = this.address.split(',')[0]!;
    return this.pick<Piece[]>([
      ['She lives at ', a(this.address), '.'],
      ['Mail to ', a(`${f.location.streetAddress()}, ${f.location.secondaryAddress()}, ${f.location.city()}, ${f.location.state({ abbreviated: true })} ${f.location.zipCode()}`), '.'],
      ['The clinic is at ', a(`${f.location.streetAddress()}, ${f.location.city()}, ${f.location.state()} ${f.location.zipCode('#####')}`), '.'],
      ['Her home at ', a(street), ' has stairs.'],
      ['Send to ', a(`P.O. Box ${f.string.numeric(4)}, ${f.location.city()}, ${f.location.state({ abbreviated: true })} ${f.location.zipCode('#####')}`), '.'],
    ]);
  }

  private phoneForm(): Piece[] {
    const f = this.f;
    const p = (text: string): Piece => ({ text, kind: 'phone' });
    const digits = f.string.numeric({ length: 10, allowLeadingZeros: false });
    return this.pick<Piece[]>([
      ['Call ', p(f.phone.number({ style: 'national' })), ' to schedule.'],
      ['Phone: ', p(f.phone.number({ style: 'human' })), '.'],
      ['Fax ', p(f.phone.number({ style: 'international' })), ' for records.'],
      ['Reach her at ', p(digits), '.'],
      ['Fax: ', p(`${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`), '.'],
    ]);
  }

  private ssnForm(): Piece[] {
    const f = this.f;
    const d = `${f.number.int({ min: 100, max: 899 })}${f.string.numeric(6)}`;
    const s = (text: string): Piece => ({ text, kind: 'ssn' });
    return this.pick<Piece[]>([
      ['SSN ', s(`${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`), ' on file.'],
      ['Social security number ', s(d), '.'],
      ['SSN: ', s(`${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`), '.'],
    ]);
  }

  private emailForm(): Piece[] {
    return [this.pick(['Email ', 'Records were sent to ', 'Contact: ']), { text: this.f.internet.email(), kind: 'email' }, '.'];
  }

  private recordNumber(): Piece[] {
    const f = this.f;
    const r = (text: string): Piece => ({ text, kind: 'record-number' });
    return this.pick<Piece[]>([
      ['MRN: ', r(f.string.numeric(8)), '.'],
      ['Claim number ', r(this.claim), '.'],
      ['Claim # ', r(`${f.string.numeric(3)}-${f.string.numeric(6)}-${f.string.numeric(2)}`), '.'],
      ['Policy number ', r(f.string.alphanumeric({ length: 10, casing: 'upper' }).replace(/^(.{4})/, '$1') + f.string.numeric(2)), '.'],
      ['WCAB case ', r(`ADJ${f.string.numeric(7)}`), '.'],
      ['Medical record number ', r(f.string.numeric(7)), '.'],
      ['Member ID ', r(`${f.string.alpha({ length: 3, casing: 'upper' })}${f.string.numeric(9)}`), '.'],
    ]);
  }

  private dobForm(): Piece[] {
    const { y, m, d } = this.dob;
    const b = (text: string): Piece => ({ text, kind: 'dob' });
    const forms = [`${pad(m)}/${pad(d)}/${y}`, `${m}/${d}/${String(y).slice(2)}`, `${y}-${pad(m)}-${pad(d)}`, `${MONTHS[m - 1]} ${d}, ${y}`, `${d} ${MONTHS[m - 1]} ${y}`, `${pad(m)}-${pad(d)}-${y}`];
    const form = this.pick(forms);
    return this.pick<Piece[]>([
      ['DOB: ', b(form), '.'],
      ['Date of birth ', b(form), '.'],
      ['She was born on ', b(form), '.'],
      ['(', b(form), ')'],
    ]);
  }

  private ageForm(): Piece[] {
    const n = String(this.f.number.int({ min: 90, max: 104 }));
    return this.pick<Piece[]>([
      ['The claimant is a ', { text: n, kind: 'age' }, '-year-old.'],
      ['At age ', { text: n, kind: 'age' }, ' she still walks.'],
      ['A ', { text: n, kind: 'age' }, ' year old relative helps.'],
    ]);
  }

  /** One sentence mentioning an identifier of the kind given. */
  sentence(kind: Kind): Piece[] {
    switch (kind) {
      case 'name':
        return [...this.workerForm(), this.pick([' reported ongoing pain.', ' was seen in follow-up.', ' returned to modified duty.'])];
      case 'unlisted-name':
        return this.unlistedPerson();
      case 'organisation':
        return this.organisation();
      case 'address':
        return this.addressForm();
      case 'phone':
        return this.phoneForm();
      case 'ssn':
        return this.ssnForm();
      case 'email':
        return this.emailForm();
      case 'record-number':
        return this.recordNumber();
      case 'dob':
        return this.dobForm();
      case 'age':
        return this.ageForm();
    }
  }

  /** `text` with sentences of the given kinds added (after it, or before it when `before`), and their spans. */
  inject(text: string, kinds: readonly Kind[], before = false): { text: string; spans: Span[]; base: { start: number; end: number } } {
    const pieces: Piece[] = [];
    for (const k of kinds) pieces.push(' ', ...this.sentence(k));
    let added = '';
    const spans: Span[] = [];
    const offset = before ? 0 : text.length;
    for (const p of pieces) {
      if (typeof p === 'string') added += p;
      else {
        spans.push({ start: offset + added.length, end: offset + added.length + p.text.length, kind: p.kind });
        added += p.text;
      }
    }
    if (before) {
      added = added.trimStart();
      for (const s of spans) {
        s.start -= 1;
        s.end -= 1;
      }
      return { text: `${added} ${text}`, spans, base: { start: added.length + 1, end: added.length + 1 + text.length } };
    }
    return { text: text + added, spans, base: { start: 0, end: text.length } };
  }
}

/** Every kind once per summary and rationale; fewer in the short fields. */
function kindsFor(field: string, i: number): Kind[] {
  if (field === 'clinicalSummary') return [...KINDS, ...KINDS];
  if (field.endsWith('rationale')) return [...KINDS];
  return [KINDS[i % KINDS.length]!, KINDS[(i + 3) % KINDS.length]!];
}

/** Injects identifiers into every text field of a determination. */
function injectDetermination(det: Determination, inj: Injector): { determination: Determination; spans: Record<string, Span[]>; base: Record<string, { start: number; end: number }> } {
  const spans: Record<string, Span[]> = {};
  const base: Record<string, { start: number; end: number }> = {};
  let counter = 0;
  const field = (path: string, text: string, before = false): string => {
    const r = inj.inject(text, kindsFor(path, counter++), before);
    spans[path] = r.spans;
    base[path] = r.base;
    return r.text;
  };
  const citations = (path: string, cs: Determination['items'][number]['imrGuidelines']) =>
    cs.map((c, k) => ({ ...c, raw: field(`${path}.${k}.raw`, c.raw), sections: c.sections.map((s, j) => field(`${path}.${k}.sections.${j}`, s)) }));
  const determination: Determination = {
    ...det,
    clinicalSummary: field('clinicalSummary', det.clinicalSummary),
    items: det.items.map((item, i) => ({
      ...item,
      request: field(`items.${i}.request`, item.request, true),
      rationale: field(`items.${i}.rationale`, item.rationale),
      claimsAdministratorGuidelines: citations(`items.${i}.claimsAdministratorGuidelines`, item.claimsAdministratorGuidelines),
      imrGuidelines: citations(`items.${i}.imrGuidelines`, item.imrGuidelines),
    })),
  };
  return { determination, spans, base };
}

/** The base letters: the 70 real letters and the synthetic case file's summary as a letter. */
function baseDeterminations(): { name: string; determination: Determination }[] {
  const letters = realLetterTexts().map(({ name, text }) => ({ name, determination: parseLetterText(text, name) }));
  const caseFile = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'samples', 'cases', 'case.json'), 'utf8'));
  // The case file's own parties are named in its summary; the injection adds other ones, so its summary is used without them.
  const summary = String(caseFile.file.clinicalSummary).replace(/ Mr\. Gonzalez.*$/, '');
  const first = letters[0]!.determination;
  letters.push({ name: 'samples/cases/case.json', determination: { ...first, source: 'case.json', clinicalSummary: summary } });
  return letters;
}

let cached: InjectedLetter[] | null = null;

/** Builds the corpus afresh: seeded per letter, so every build is the same. */
export function buildInjectionCorpus(): InjectedLetter[] {
  return baseDeterminations().map(({ name, determination }, i) => {
    const inj = new Injector(1000 + i);
    return { name, parties: inj.parties, ...injectDetermination(determination, inj) };
  });
}

/** The corpus, built once per process. */
export function injectionCorpus(): InjectedLetter[] {
  cached ??= buildInjectionCorpus();
  return cached;
}
