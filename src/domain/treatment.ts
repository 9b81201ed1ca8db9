import { z } from 'zod';

/** Broad treatment category used for statistics and reviewer matching. */
export const TreatmentCategory = z.enum([
  'medication',
  'physical-medicine',
  'injection',
  'imaging',
  'diagnostic',
  'surgery',
  'dme',
  'psych',
  'evaluation',
  'other',
]);
export type TreatmentCategory = z.infer<typeof TreatmentCategory>;

/** Pharmacological class of a disputed medication. */
export const DrugClass = z.enum([
  'opioid',
  'muscle-relaxant',
  'benzodiazepine',
  'nsaid',
  'anticonvulsant',
  'antidepressant',
  'ppi',
  'h2-blocker',
  'sleep-aid',
  'topical-analgesic',
  'compounded',
  'antiemetic',
  'stimulant',
  'antipsychotic',
  'laxative',
  'analgesic',
  'migraine',
  'supplement',
  'other',
]);
export type DrugClass = z.infer<typeof DrugClass>;

export const Laterality = z.enum(['left', 'right', 'bilateral']);
export type Laterality = z.infer<typeof Laterality>;

/** A disputed medication, normalised from the request line ("Percocet 5/325 #120"). */
export const MedicationTreatment = z.object({
  kind: z.literal('medication'),
  category: z.literal('medication'),
  /** Generic ingredient names, lower case, in the order of the strengths. */
  generic: z.array(z.string()),
  /** Brand name as written, if the request used one. */
  brand: z.string().nullable(),
  drugClass: DrugClass,
  /** Strength of each ingredient in mg (5/325 → [5, 325]). */
  strengthMg: z.array(z.number()),
  /** Topical percentage strengths ("Lidocaine 5%" → [5]). */
  strengthPercent: z.array(z.number()).optional(),
  quantity: z.number().nullable(),
  refills: z.number().int().nullable(),
  dosesPerDay: z.number().nullable(),
  route: z.string().nullable().optional(),
  form: z.string().nullable().optional(),
  retrospective: z.boolean().optional(),
});
export type MedicationTreatment = z.infer<typeof MedicationTreatment>;

/** A disputed procedure, service, test or device. */
export const ProcedureTreatment = z.object({
  kind: z.literal('procedure'),
  category: TreatmentCategory,
  /** Canonical lower-case name ("facet joint diagnostic block", "physical therapy", "mri"). */
  name: z.string(),
  laterality: Laterality.nullable(),
  /** Spinal levels, normalised ("L2-L3"); single levels stay as written ("L5"). */
  levels: z.array(z.string()),
  bodyParts: z.array(z.string()).optional(),
  /** Number of sessions or visits requested (e.g. "2 times a week for 6 weeks" → 12). */
  sessions: z.number().nullable().optional(),
  retrospective: z.boolean().optional(),
});
export type ProcedureTreatment = z.infer<typeof ProcedureTreatment>;

/** A normalised disputed treatment. */
export const Treatment = z.discriminatedUnion('kind', [MedicationTreatment, ProcedureTreatment]);
export type Treatment = z.infer<typeof Treatment>;
