/**
 * Import of a case from a FHIR R4 Bundle: Patient (age at the request date,
 * sex; the name only as a party, for redaction), Condition (diagnoses and
 * onset as the date of injury), MedicationRequest and ServiceRequest (the
 * disputed items), DocumentReference (records, base64 text attachments).
 * FHIR carries no IMR application, employer or claims administrator: those
 * come with the call. Other resource types are ignored.
 */
import { z } from 'zod';
import { formatIssues, isIsoDate, issuesFrom, ValidationError, type Issue, type NewCaseInput } from '../../domain/index.js';

const Coding = z.looseObject({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });
const CodeableConcept = z.looseObject({ text: z.string().optional(), coding: z.array(Coding).optional() });
// A FHIR date or dateTime: its day must be one the calendar has, as every date of a case (domain/dates.ts).
const FhirDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, { message: 'a FHIR date (YYYY-MM-DD...)', abort: true })
  .refine((s) => isIsoDate(s.slice(0, 10)), 'not a date the calendar has');

const HumanName = z.looseObject({ text: z.string().optional(), family: z.string().optional(), given: z.array(z.string()).optional() });
const Address = z.looseObject({ text: z.string().optional(), line: z.array(z.string()).optional(), city: z.string().optional(), state: z.string().optional(), postalCode: z.string().optional() });

const Patient = z.looseObject({
  resourceType: z.literal('Patient'),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date YYYY-MM-DD', abort: true }).refine(isIsoDate, 'not a date the calendar has').optional(),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
  name: z.array(HumanName).optional(),
  address: z.array(Address).optional(),
  telecom: z.array(z.looseObject({ system: z.string().optional(), value: z.string().optional() })).optional(),
});
const Condition = z.looseObject({ resourceType: z.literal('Condition'), code: CodeableConcept, onsetDateTime: FhirDate.optional(), bodySite: z.array(CodeableConcept).optional() });
const MedicationRequest = z.looseObject({
  resourceType: z.literal('MedicationRequest'),
  medicationCodeableConcept: CodeableConcept,
  authoredOn: FhirDate.optional(),
  dosageInstruction: z.array(z.looseObject({ text: z.string().optional() })).optional(),
  dispenseRequest: z.looseObject({ quantity: z.looseObject({ value: z.number().positive() }).optional(), numberOfRepeatsAllowed: z.number().int().min(0).optional() }).optional(),
});
const ServiceRequest = z.looseObject({
  resourceType: z.literal('ServiceRequest'),
  code: CodeableConcept,
  authoredOn: FhirDate.optional(),
  quantityQuantity: z.looseObject({ value: z.number().positive() }).optional(),
  bodySite: z.array(CodeableConcept).optional(),
});
const DocumentReference = z.looseObject({
  resourceType: z.literal('DocumentReference'),
  description: z.string().optional(),
  date: FhirDate.optional(),
  type: CodeableConcept.optional(),
  content: z.array(z.looseObject({ attachment: z.looseObject({ contentType: z.string().optional(), data: z.string().optional(), title: z.string().optional() }) })).min(1),
});

const RESOURCES = { Patient, Condition, MedicationRequest, ServiceRequest, DocumentReference } as const;

const Bundle = z.looseObject({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.looseObject({ resource: z.looseObject({ resourceType: z.string() }) })).min(1, 'the bundle has no entries'),
});

/** What the bundle cannot say: the application and the parties besides the worker and providers. */
export interface FhirImportContext {
  application: NewCaseInput['application'];
  employer: string;
  claimsAdministrator: string;
  claimNumber?: string | null;
  priority?: 'standard' | 'expedited';
}

function textOf(c: z.infer<typeof CodeableConcept> | undefined): string {
  return (c?.text ?? c?.coding?.find((x) => x.display)?.display ?? c?.coding?.find((x) => x.code)?.code ?? '').trim();
}

/** Whole years from `birth` to `on`. */
export function ageOn(birth: string, on: string): number {
  let age = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5, 10) < birth.slice(5, 10)) age--;
  return age;
}

function decodeBase64Text(data: string, path: (string | number)[], issues: Issue[]): string {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(data)) {
    issues.push({ path, message: 'attachment data is not base64' });
    return '';
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(data, 'base64'));
  } catch {
    issues.push({ path, message: 'attachment data is not UTF-8 text' });
    return '';
  }
}

/** Does `value` look like a FHIR Bundle (rather than an OpenIMR case)? */
export function isFhirBundle(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { resourceType?: unknown }).resourceType === 'Bundle';
}

/**
 * Maps a FHIR R4 Bundle to a new case. Throws ValidationError listing every
 * problem with its path in the bundle (`entry.2.resource.code`).
 */
export function caseFromFhirBundle(input: unknown, ctx: FhirImportContext): NewCaseInput {
  const bundle = Bundle.safeParse(input);
  if (!bundle.success) {
    const issues = issuesFrom(bundle.error);
    throw new ValidationError(`not a FHIR R4 Bundle: ${formatIssues(issues, { whole: '(bundle)' })}`, issues);
  }

  const issues: Issue[] = [];
  const got: { [K in keyof typeof RESOURCES]: { at: number; r: z.infer<(typeof RESOURCES)[K]> }[] } = { Patient: [], Condition: [], MedicationRequest: [], ServiceRequest: [], DocumentReference: [] };
  bundle.data.entry.forEach((e, at) => {
    const type = e.resource.resourceType as keyof typeof RESOURCES;
    const schema = RESOURCES[type];
    if (!schema) return;
    const r = schema.safeParse(e.resource);
    if (!r.success) issues.push(...issuesFrom(r.error, ['entry', at, 'resource']));
    else (got[type] as { at: number; r: unknown }[]).push({ at, r: r.data });
  });
  // Counted over the entries as given, so an invalid Patient is reported once, by its own path.
  const count = (t: string) => bundle.data.entry.filter((e) => e.resource.resourceType === t).length;
  if (count('Patient') !== 1) issues.push({ path: ['entry'], message: `expected one Patient, found ${count('Patient')}` });
  if (count('MedicationRequest') + count('ServiceRequest') === 0) issues.push({ path: ['entry'], message: 'no MedicationRequest or ServiceRequest: nothing is disputed' });

  const items: NewCaseInput['file']['items'] = [];
  const requested: string[] = [];
  for (const { at, r } of got.MedicationRequest) {
    const name = textOf(r.medicationCodeableConcept);
    if (!name) {
      issues.push({ path: ['entry', at, 'resource', 'medicationCodeableConcept'], message: 'the medication has no text or coding display' });
      continue;
    }
    const qty = r.dispenseRequest?.quantity?.value;
    const refills = r.dispenseRequest?.numberOfRepeatsAllowed;
    const sig = r.dosageInstruction?.map((d) => d.text).filter(Boolean).join('; ');
    items.push({ index: items.length + 1, request: [`${name}${qty ? ` #${qty}` : ''}${refills ? ` with ${refills} refills` : ''}`, sig].filter(Boolean).join(', '), urAction: 'non-certified', claimsAdministratorGuidelines: [] });
    if (r.authoredOn) requested.push(r.authoredOn.slice(0, 10));
  }
  for (const { at, r } of got.ServiceRequest) {
    const name = textOf(r.code);
    if (!name) {
      issues.push({ path: ['entry', at, 'resource', 'code'], message: 'the service has no text or coding display' });
      continue;
    }
    const sites = (r.bodySite ?? []).map(textOf).filter(Boolean).join(', ');
    const qty = r.quantityQuantity?.value;
    items.push({ index: items.length + 1, request: `${name}${qty ? ` x${qty}` : ''}${sites && !name.toLowerCase().includes(sites.toLowerCase()) ? `, ${sites}` : ''}`, urAction: 'non-certified', claimsAdministratorGuidelines: [] });
    if (r.authoredOn) requested.push(r.authoredOn.slice(0, 10));
  }

  const documents = got.DocumentReference.flatMap(({ at, r }) =>
    r.content.flatMap((c, k) => {
      const p = ['entry', at, 'resource', 'content', k, 'attachment'];
      if (c.attachment.contentType && !/^text\//i.test(c.attachment.contentType)) {
        issues.push({ path: [...p, 'contentType'], message: `only text attachments can be read (got ${c.attachment.contentType})` });
        return [];
      }
      if (!c.attachment.data) {
        issues.push({ path: [...p, 'data'], message: 'no inline data (attachments by URL are not fetched)' });
        return [];
      }
      const text = decodeBase64Text(c.attachment.data, [...p, 'data'], issues);
      return [{ title: r.description || textOf(r.type) || c.attachment.title || `Document ${at}`, date: r.date?.slice(0, 10) ?? null, text }];
    }),
  );
  if (issues.length) throw new ValidationError(`the FHIR bundle cannot be imported: ${formatIssues(issues)}`, issues);

  const patient = got.Patient[0]!.r;
  const requestDate = requested.sort()[0] ?? ctx.application.urDecisionDate;
  const age = patient.birthDate ? ageOn(patient.birthDate, requestDate) : null;
  const sex = patient.gender === 'male' || patient.gender === 'female' ? patient.gender : null;
  const n = patient.name?.[0];
  const workerName = (n?.text ?? [...(n?.given ?? []), n?.family ?? ''].join(' ')).trim() || 'Unnamed worker';
  const a = patient.address?.[0];
  const address = a ? (a.text ?? [...(a.line ?? []), a.city, [a.state, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ')) : null;
  const diagnoses = got.Condition.map(({ r }) => [textOf(r.code), ...(r.bodySite ?? []).map(textOf)].filter(Boolean).join(', ')).filter(Boolean);
  const injuryDates = [...new Set(got.Condition.map(({ r }) => r.onsetDateTime?.slice(0, 10)).filter((d): d is string => !!d))].sort();
  const summaryDoc = documents.find((d) => /summary/i.test(d.title));
  const who = [age !== null ? `${age} year old` : null, sex].filter(Boolean).join(' ');
  const summary = [
    `The injured worker is a ${who || 'person'}${injuryDates.length ? ` injured on ${injuryDates.join(' and ')}` : ''}.`,
    diagnoses.length ? `Diagnoses: ${diagnoses.join('; ')}.` : '',
    `The request for authorization${requested.length ? ` of ${requestDate}` : ''} asked for: ${items.map((i) => i.request).join('; ')}.`,
    summaryDoc?.text ?? '',
  ].filter(Boolean).join(' ');

  return {
    priority: ctx.priority ?? 'standard',
    parties: {
      worker: { name: workerName, dateOfBirth: patient.birthDate ?? null, address, phone: patient.telecom?.find((t) => t.system === 'phone')?.value ?? null },
      employer: { name: ctx.employer },
      claimsAdministrator: { name: ctx.claimsAdministrator, claimNumber: ctx.claimNumber ?? null },
      providers: [],
    },
    application: ctx.application,
    file: {
      patient: { age, sex },
      injuryDates,
      requestDate: requested.length ? requestDate : null,
      urDenialDate: ctx.application.urDecisionDate,
      clinicalSummary: summary,
      documents,
      facts: diagnoses.length ? { diagnoses: diagnoses.join('; ') } : {},
      items,
    },
  };
}
