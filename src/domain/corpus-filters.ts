import { z } from 'zod';
import { Decision } from './determination.js';
import { CORPUS_FILTER_LABELS } from './corpus-filter-labels.js';
import { ValidationError, type Issue } from './errors.js';
import { TreatmentCategory } from './treatment.js';

/**
 * The corpus filters of search and statistics, defined once: the CLI's
 * options (cli/options.ts), the API's query schema (api/schemas.ts), the
 * store's conditions (store/filters.ts, typed by CorpusFilters) and the web
 * form's fields all derive from this table, so a filter added here is a
 * filter everywhere.
 */
export interface CorpusFilterSpec {
  /** What the filter tests, for help texts and the API document. */
  description: string;
  /** The command-line flag (`--case-number`), without dashes. */
  flag: string;
  /** The flag's argument name in help. */
  arg: string;
  /** The web form's label and placeholder (corpus-filter-labels.ts). */
  label: string;
  placeholder?: string;
  /** Whether it is a condition on each item (all such must hold for the same item) or on the letter. */
  level: 'item' | 'letter';
}

/** A real calendar date, `YYYY-MM-DD` (2016-02-30 is refused). */
const CalendarDate = z
  .string()
  .trim()
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a date (use YYYY-MM-DD)');

/** Each filter's value schema: what a valid value is, whatever reads it. */
export const CorpusFilterFields = z.object({
  decision: Decision.optional().describe('only items with this decision'),
  drug: z.string().trim().max(100).optional().describe('generic drug name or drug class (e.g. baclofen, opioid)'),
  category: TreatmentCategory.optional().describe(`treatment category (${TreatmentCategory.options.join(', ')})`),
  guideline: z.string().trim().max(200).optional().describe('cited guideline document or source (e.g. "Low Back", ODG)'),
  specialty: z.string().trim().max(200).optional().describe("reviewer's board certification or subspecialty"),
  from: CalendarDate.optional().describe('decision date on or after (YYYY-MM-DD)'),
  to: CalendarDate.optional().describe('decision date on or before (YYYY-MM-DD)'),
  caseNumber: z
    .string()
    .trim()
    .max(20, 'is not a case number or its beginning (CM16-0230548)')
    .regex(/^[A-Za-z0-9-]*$/, 'is not a case number or its beginning (CM16-0230548)')
    .optional()
    .describe('the case number, or its beginning (CM16-023)'),
});

/**
 * Conditions on the corpus. Item-level conditions (decision, drug,
 * category, guideline) must all hold for the same item: decision=overturned
 * with drug=baclofen means a letter with an overturned baclofen item, not a
 * letter with some overturned item and some baclofen item. Letter-level:
 * specialty (substring of a board certification or subspecialty), the
 * decision-date range (letters without a decision date are left out) and
 * the case number or its beginning.
 */
export type CorpusFilters = z.infer<typeof CorpusFilterFields>;

/** Every filter's name, in the order forms and help list them. */
export type CorpusFilterName = keyof CorpusFilters;

/** How each filter is shown and where it applies. */
export const CORPUS_FILTERS: { readonly [K in CorpusFilterName]: CorpusFilterSpec } = {
  decision: { ...CORPUS_FILTER_LABELS.decision, description: CorpusFilterFields.shape.decision.description!, flag: 'decision', arg: 'decision', level: 'item' },
  drug: { ...CORPUS_FILTER_LABELS.drug, description: CorpusFilterFields.shape.drug.description!, flag: 'drug', arg: 'name', level: 'item' },
  category: { ...CORPUS_FILTER_LABELS.category, description: CorpusFilterFields.shape.category.description!, flag: 'category', arg: 'category', level: 'item' },
  guideline: { ...CORPUS_FILTER_LABELS.guideline, description: CorpusFilterFields.shape.guideline.description!, flag: 'guideline', arg: 'text', level: 'item' },
  specialty: { ...CORPUS_FILTER_LABELS.specialty, description: CorpusFilterFields.shape.specialty.description!, flag: 'specialty', arg: 'text', level: 'letter' },
  from: { ...CORPUS_FILTER_LABELS.from, description: CorpusFilterFields.shape.from.description!, flag: 'from', arg: 'date', level: 'letter' },
  to: { ...CORPUS_FILTER_LABELS.to, description: CorpusFilterFields.shape.to.description!, flag: 'to', arg: 'date', level: 'letter' },
  caseNumber: { ...CORPUS_FILTER_LABELS.caseNumber, description: CorpusFilterFields.shape.caseNumber.description!, flag: 'case-number', arg: 'number', level: 'letter' },
};

export const CORPUS_FILTER_NAMES = Object.keys(CORPUS_FILTERS) as CorpusFilterName[];

/** The choices of a filter with a fixed set of values (decision, category), else null. */
export function filterChoices(name: CorpusFilterName): readonly string[] | null {
  const schema = CorpusFilterFields.shape[name].unwrap();
  return schema instanceof z.ZodEnum ? (schema.options as readonly string[]) : null;
}

/**
 * Filters from raw values (query parameters, flags): empty values dropped,
 * every value checked, and a date range that ends before it starts refused.
 * Throws ValidationError whose issues name each bad filter (`path: [name]`)
 * with the reason (`"2017-02-30" is not a date (use YYYY-MM-DD)`).
 */
export function parseCorpusFilters(raw: Partial<Record<CorpusFilterName, string | undefined>>): CorpusFilters {
  const present: Record<string, string> = {};
  for (const name of CORPUS_FILTER_NAMES) {
    const v = raw[name];
    if (v !== undefined && v.trim() !== '') present[name] = v;
  }
  const parsed = CorpusFilterFields.safeParse(present);
  if (!parsed.success) {
    const issues: Issue[] = parsed.error.issues.map((i) => {
      const name = String(i.path[0]) as CorpusFilterName;
      return { path: [name], message: `"${present[name]}" ${i.code === 'invalid_value' ? `is not one of ${filterChoices(name)?.join(', ')}` : i.message}` };
    });
    throw new ValidationError(`${CORPUS_FILTERS[issues[0]!.path[0] as CorpusFilterName].flag}: ${issues[0]!.message}`, issues);
  }
  const f = parsed.data;
  if (f.from && f.to && f.from > f.to) throw new ValidationError(`from ${f.from} is after to ${f.to}`, [{ path: ['from'], message: `${f.from} is after to ${f.to}` }]);
  const out: CorpusFilters = {};
  for (const name of CORPUS_FILTER_NAMES) if (f[name] !== undefined && f[name] !== '') (out as Record<string, unknown>)[name] = f[name];
  return out;
}
