/**
 * Declaring a route once: the Hono handler, its request validation and its
 * entry in the OpenAPI document all come from one spec, so a route cannot
 * be served undocumented or documented with a shape it does not accept.
 */
import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AuthenticationError, formatIssues, issuesFrom, PermissionError, ValidationError, type Issue } from '../domain/index.js';
import type { AppContext, AppEnv, Principal } from './context.js';
import { PasswordChangeRequiredError } from './errors.js';
import { readJson, readUpload } from './request-body.js';
import { can, rolesWith, type Permission } from './roles.js';
import { apiSchemas, ErrorBody, named } from './schemas/index.js';

/**
 * Who may call a route: anyone; any signed-in user, even one who must
 * still change their password (`session`); or the holders of a permission.
 */
export type Access = 'anyone' | 'session' | Permission;

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One documented response. `schema` for JSON; `contentTypes` for anything else (letters, PDFs). */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentTypes?: string[];
}

/**
 * A route that takes a file as its raw request body instead of JSON: the
 * media types it accepts (others are refused with 415) and the most bytes it
 * reads (more is refused with 413, without reading further).
 */
export interface UploadSpec {
  contentTypes: readonly string[];
  maxBytes: number;
  description: string;
}

/** The file a request to an upload route carried. */
export interface UploadedBody {
  bytes: Uint8Array;
  /** The media type sent, lower-cased, without parameters. */
  contentType: string;
}

/** A JSON answer from a handler; the router serialises it (and in tests checks it against the documented schema). */
export interface Reply {
  status: ContentfulStatusCode;
  body: unknown;
  headers?: Record<string, string>;
}

/** A JSON reply. */
export function reply(body: unknown, status: ContentfulStatusCode = 200, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

type Empty = z.ZodObject<{}>;

export interface RouteInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends Access> {
  c: AppContext;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** The uploaded file, on upload routes; null on the others. */
  file: UploadedBody | null;
  /** Null only on routes anyone may call. */
  principal: A extends 'anyone' ? Principal | null : Principal;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends Access> {
  method: Method;
  /** Hono path with `:param` segments. */
  path: string;
  /** Unique, camelCase: the operationId. */
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** A file as the raw body (not with `body`). */
  upload?: UploadSpec;
  /** Largest JSON body taken, in bytes, when smaller than the app's limit (a sign-in is a few hundred bytes). */
  maxBodyBytes?: number;
  /** Successful responses by status; error responses are added from the access rule and the validators. */
  responses: Record<number, ResponseSpec>;
  handler: (input: RouteInput<P, Q, B, A>) => Promise<Reply | Response>;
}

/** What the document needs of a route. */
export interface RouteDoc {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  upload?: UploadSpec;
  maxBodyBytes?: number;
  responses: Record<number, ResponseSpec>;
}

/**
 * Paths of the strings (and keys) holding U+0000 in a validated value.
 * PostgreSQL cannot store or even compare text with it, and no field has a
 * use for it. Walked without recursion: a body may be nested very deep.
 */
function nulPaths(value: unknown): (string | number)[][] {
  const found: (string | number)[][] = [];
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length && found.length < 20) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) found.push(path);
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes('\u0000')) found.push([...path, k]);
        else stack.push({ v: x, path: [...path, k] });
      }
    }
  }
  return found;
}

function refuse(where: 'path' | 'query' | 'body', issues: Issue[]): never {
  throw new ValidationError(`the request ${where === 'body' ? 'body' : `${where} parameters`} ${issues.length === 1 ? 'has a problem' : `have ${issues.length} problems`}: ${formatIssues(issues, { whole: '(body)' })}`, issues);
}

function validate<S extends z.ZodType>(schema: S | undefined, value: unknown, where: 'path' | 'query' | 'body'): z.output<S> {
  if (!schema) return {} as z.output<S>;
  const r = schema.safeParse(value);
  const prefix = where === 'body' ? [] : [where];
  if (!r.success) refuse(where, issuesFrom(r.error, prefix));
  const nul = nulPaths(r.data);
  if (nul.length) refuse(where, nul.map((p) => ({ path: [...prefix, ...p], message: 'contains the NUL character (U+0000), which no text may' })));
  return r.data;
}

/** Throws unless the principal may call a route with this access rule. */
export function authorize(access: Access, principal: Principal | null): void {
  if (access === 'anyone') return;
  if (!principal) throw new AuthenticationError('sign in first');
  if (access === 'session') return;
  if (principal.user.mustChangePassword) throw new PasswordChangeRequiredError();
  if (!can(principal.user.role, access)) throw new PermissionError(`a ${principal.user.role} may not do this (needs ${access}: ${rolesWith(access).join(', ')})`);
}

function queryObject(c: AppContext): Record<string, string> {
  // Repeated keys: the last one wins; lists are comma-separated values.
  return Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v[v.length - 1] ?? '']));
}

export interface RouterOptions {
  /** Check every JSON reply against its documented schema (tests): a mismatch is a 500. */
  validateResponses?: boolean;
}

/** Registers routes on a Hono app and keeps their documentation. */
export class ApiRouter {
  readonly routes: RouteDoc[] = [];

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly options: RouterOptions = {},
  ) {}

  /** True when the request is for an upload route, which limits its body itself (the JSON limit does not apply). */
  isUpload(method: string, path: string): boolean {
    return this.routes.some((r) => r.upload && r.method.toUpperCase() === method && r.path === path);
  }

  /** The smaller body limit of the route a request is for, if it has one (routes with one have no path parameters). */
  bodyLimitOf(method: string, path: string): number | undefined {
    return this.routes.find((r) => r.maxBodyBytes !== undefined && r.method.toUpperCase() === method && r.path === path)?.maxBodyBytes;
  }

  add<P extends z.ZodType = Empty, Q extends z.ZodType = Empty, B extends z.ZodType = Empty, A extends Access = Access>(spec: RouteSpec<P, Q, B, A>): void {
    if (this.routes.some((r) => r.operationId === spec.operationId)) throw new Error(`duplicate operationId ${spec.operationId}`);
    if (spec.upload && (spec.body || spec.path.includes(':'))) throw new Error(`${spec.operationId}: an upload route takes no JSON body and no path parameters`);
    if (spec.maxBodyBytes !== undefined && spec.path.includes(':')) throw new Error(`${spec.operationId}: a route with its own body limit takes no path parameters`);
    // Request and response bodies are components of the document: name those not named yet.
    if (spec.body && !apiSchemas.has(spec.body)) named(`${spec.operationId}Request`, spec.body);
    for (const [status, r] of Object.entries(spec.responses)) if (r.schema && !apiSchemas.has(r.schema)) named(`${spec.operationId}${status}`, r.schema);
    const { handler, ...doc } = spec;
    this.routes.push(doc as RouteDoc);
    const check = this.options.validateResponses;
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const principal = c.get('principal');
      authorize(spec.access, principal);
      const params = validate(spec.params, c.req.param(), 'path');
      const query = validate(spec.query, queryObject(c), 'query');
      const body = spec.body ? validate(spec.body, await readJson(c), 'body') : ({} as z.output<B>);
      const file = spec.upload ? await readUpload(c, spec.upload) : null;
      const out = await handler({ c, params, query, body, file, principal: principal as RouteInput<P, Q, B, A>['principal'] });
      if (out instanceof Response) return out;
      if (check) {
        const documented = spec.responses[out.status]?.schema;
        if (!documented) throw new Error(`${spec.operationId} answered ${out.status}, which is not documented`);
        const r = documented.safeParse(out.body);
        if (!r.success) throw new Error(`${spec.operationId} ${out.status} does not match its documented schema: ${JSON.stringify(issuesFrom(r.error))}`);
      }
      return c.json(out.body as object, out.status, out.headers);
    });
  }
}

/** The error responses a route can give, from its access rule and what it validates. */
export function errorResponses(r: RouteDoc): Record<number, ResponseSpec> {
  const out: Record<number, ResponseSpec> = {};
  const e = (description: string) => ({ description, schema: ErrorBody });
  out[421] = e('the Host header names a host this server does not answer for (DNS rebinding protection)');
  if (r.params || r.query || r.body) out[400] = e('invalid request: `issues` names each bad field');
  if (r.access !== 'anyone') out[401] = e('not signed in, or the session expired');
  if (r.access !== 'anyone' && r.access !== 'session') out[403] = e('the role may not do this, the password must be changed first, or a CSRF check failed');
  else if (r.method !== 'get') out[403] = e('a CSRF check failed');
  if (r.params) out[404] = e('not found, or not visible to this user');
  if (r.body) {
    out[413] = e('request body too large');
    out[415] = e('the body is not application/json');
  }
  if (r.upload) {
    out[413] = e(`the file is larger than the upload limit (${r.upload.maxBytes} bytes)`);
    out[415] = e(`the body is not one of ${r.upload.contentTypes.join(', ')}`);
  }
  return out;
}
