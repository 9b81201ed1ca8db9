/**
 * The OpenAPI 3.1 document, generated from the routes' own zod schemas
 * (route.ts): request bodies as their input types (defaults optional),
 * responses as their output types.
 */
import { z } from 'zod';
import { rolesWith } from './roles.js';
import { errorResponses, type RouteDoc } from './route.js';
import { apiSchemas, ErrorBody } from './schemas/index.js';
import { SESSION_COOKIE, CSRF_HEADER } from './middleware/session.js';

type Json = Record<string, unknown>;

const ref = (id: string, io: 'input' | 'output') => `#/components/schemas/${id}${io === 'input' ? 'Input' : ''}`;

function clean(schema: Json): Json {
  // Components live inside the document: no $schema or $id of their own.
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function componentsFor(io: 'input' | 'output'): Record<string, Json> {
  const { schemas } = z.toJSONSchema(apiSchemas, { io, unrepresentable: 'any', uri: (id) => ref(id, io) }) as { schemas: Record<string, Json> };
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [`${id}${io === 'input' ? 'Input' : ''}`, clean(s)]));
}

/** Component ids reachable by $ref from the given roots. */
function reachable(roots: string[], all: Record<string, Json>): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id) || !all[id]) return;
    seen.add(id);
    JSON.stringify(all[id], (k, v) => {
      if (k === '$ref' && typeof v === 'string') visit(v.replace('#/components/schemas/', ''));
      return v;
    });
  };
  roots.forEach(visit);
  return seen;
}

function idOf(schema: z.ZodType): string {
  const meta = apiSchemas.get(schema);
  if (!meta) throw new Error('a request or response schema is not named');
  return meta.id;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) };
  });
}

/** Builds the document for the given routes. */
export function openApiDocument(routes: readonly RouteDoc[], info: { version: string }): Json {
  const output = componentsFor('output');
  const input = componentsFor('input');
  const requestRoots = routes.filter((r) => r.body).map((r) => `${idOf(r.body!)}Input`);
  const usedInput = reachable(requestRoots, input);
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, Json> = {};
    for (const [status, spec] of Object.entries({ ...r.responses, ...errorResponses(r) })) {
      const content: Json = {};
      // Every failure has the one error shape, documented or not.
      const schema = spec.schema ?? (Number(status) >= 400 && !spec.contentTypes ? ErrorBody : undefined);
      if (schema) content['application/json'] = { schema: { $ref: ref(idOf(schema), 'output') } };
      for (const t of spec.contentTypes ?? []) content[t] = { schema: t === 'application/pdf' ? { type: 'string', format: 'binary' } : { type: 'string' } };
      responses[status] = { description: spec.description, ...(Object.keys(content).length ? { content } : {}) };
    }
    const unsafe = r.method !== 'get';
    const params = [...parameters(r.params, 'path'), ...parameters(r.query, 'query')];
    if (unsafe && r.access !== 'anyone') params.push({ name: CSRF_HEADER, in: 'header', required: true, schema: { type: 'string' }, description: 'the csrfToken of the session' });
    (paths[path] ??= {})[r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: ref(idOf(r.body), 'input') } } } } } : {}),
      ...(r.upload
        ? {
            requestBody: {
              required: true,
              description: r.upload.description,
              content: Object.fromEntries(r.upload.contentTypes.map((t) => [t, { schema: t === 'application/pdf' ? { type: 'string', format: 'binary' } : { type: 'string' } }])),
            },
            'x-max-bytes': r.upload.maxBytes,
          }
        : {}),
      responses,
      security: r.access === 'anyone' ? [] : [{ session: [] }],
      'x-roles': r.access === 'anyone' ? ['anyone'] : r.access === 'session' ? ['any signed-in user'] : [...rolesWith(r.access)],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OpenIMR API',
      version: info.version,
      description: [
        'Independent Medical Review of California workers\' compensation treatment disputes: the published corpus, cases and their lifecycle, reviewers, the determination engine and letters.',
        `Sign in with POST /api/auth/login; the session is an HttpOnly cookie (${SESSION_COOKIE}). Every POST, PUT, PATCH and DELETE made with the session must carry the session's csrfToken in the ${CSRF_HEADER} header and a JSON body (a letter upload carries the file itself as the body instead).`,
        'Errors are always { error, code, issues: [{ path, message }] }. Listings are pages: { items, total, totalExact, limit, offset, nextOffset }, with ?limit= (1-200) and ?offset=.',
        'Writes to a case name the version read ({ "version": N }; GET answers with it and an ETag); a stale version is refused with 409 CONFLICT, so two reviewers cannot overwrite each other.',
        'A reviewer sees only the cases assigned to them: any other case answers 404, exactly as a case that does not exist.',
      ].join('\n\n'),
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { ...output, ...Object.fromEntries(Object.entries(input).filter(([id]) => usedInput.has(id))) },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
    },
  };
}
