/**
 * What every area of the API shares: the registry that names schemas in the
 * OpenAPI document (openapi.ts generates it from these same objects, so it
 * cannot drift from what the routes accept), the error shape, paging, record
 * versions, and the domain schemas the document names as they are.
 */
import { z } from 'zod';
import {
  Application,
  CaseAssessment,
  CaseDocument,
  CaseFile,
  CaseParties,
  Determination,
  GuidelineCitation,
  ImrCase,
  LetterFormat,
  Reviewer,
  ReviewerTie,
  User,
} from '../../domain/index.js';

/** Names under which schemas appear in the document's components. */
export const apiSchemas = z.registry<{ id: string }>();

const ids = new Map<string, z.ZodType>();

/** Registers `schema` as a named component and returns it. Two schemas may not share a name: the document would describe one of them wrongly. */
export function named<T extends z.ZodType>(id: string, schema: T): T {
  const taken = ids.get(id);
  if (taken && taken !== schema) throw new Error(`two API schemas are named ${id}`);
  if (!apiSchemas.has(schema)) apiSchemas.add(schema, { id });
  ids.set(id, schema);
  return schema;
}

for (const [id, s] of Object.entries({ Determination, ImrCase, CaseFile, CaseAssessment, CaseParties, Application, Reviewer, ReviewerTie, GuidelineCitation, User, CaseDocument })) {
  named(id, s as z.ZodType);
}

export const Issue = named('Issue', z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }));

export const ErrorBody = named(
  'Error',
  z.object({
    error: z.string().describe('one sentence a person can act on'),
    code: z.string().describe('stable code: VALIDATION, UNAUTHENTICATED, FORBIDDEN, CSRF, NOT_FOUND, CONFLICT, TRANSITION, RATE_LIMITED, ...'),
    issues: z.array(Issue).describe('per-field problems; query and path fields are prefixed with "query" or "path"'),
  }),
);

/**
 * A whole number in a query string or path: decimal digits only, as the
 * command line takes them. Plain coercion would read `0x10` as 16, `1e2` as
 * 100 and an empty value as 0, so that many spellings named one record.
 */
export function wholeNumber<T extends z.ZodType>(schema: T) {
  return z.preprocess((v, ctx) => {
    if (typeof v !== 'string') return v;
    if (/^\d{1,15}$/.test(v)) return Number(v);
    ctx.addIssue({ code: 'custom', message: 'not a whole number' });
    return z.NEVER;
  }, schema);
}

/** Query of every paged listing. */
export const PageQuery = z.object({
  limit: wholeNumber(z.number().int().min(1).max(200).default(20)),
  offset: wholeNumber(z.number().int().min(0).max(1_000_000).default(0)),
});

/** A page of a listing: the same shape everywhere. */
export function page<T extends z.ZodType>(id: string, item: T) {
  return named(
    id,
    z.object({
      items: z.array(item),
      /** Items in all, not only this page. */
      total: z.number().int(),
      /** False when `total` is a lower bound (corpus searches stop counting at the result window). */
      totalExact: z.boolean(),
      limit: z.number().int(),
      offset: z.number().int(),
      /** Offset of the next page; null on the last. */
      nextOffset: z.number().int().nullable(),
    }),
  );
}

/** Builds a page from a slice and the total. */
export function pageOf<T>(items: T[], total: number, q: { limit: number; offset: number }, totalExact = true) {
  const next = q.offset + items.length;
  return { items, total, totalExact, limit: q.limit, offset: q.offset, nextOffset: items.length > 0 && next < total ? next : null };
}

/** The version of the record the client read: a write to a record changed since is refused with 409. */
export const Version = z.number().int().positive().describe('the version you read; a stale one is refused with 409 CONFLICT');

const Ok = named('Ok', z.object({ ok: z.literal(true) }));
export { Ok };

export const Health = named('Health', z.object({ status: z.literal('ok'), version: z.string() }));

/** The format a letter is rendered in (every letter format), and which issued version. */
export const RenderFormat = LetterFormat;

export const LetterQuery = z.object({
  format: RenderFormat.default('html'),
  version: wholeNumber(z.number().int().positive().optional()).describe('default: the latest'),
});

/** Compile-time check that two types are the same: a schema here and the type its service returns. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile unless T is true. */
export type Assert<T extends true> = T;
