/**
 * The HTTP API: a Hono app over the store and the workflow's services.
 * Everything is under /api (JSON in and out); the OpenAPI document is at
 * /openapi.json; other paths serve the web UI.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { printable } from '../domain/index.js';
import { MAX_LETTER_BYTES } from '../letters/index.js';
import type { Store } from '../store/index.js';
import { CorpusService } from '../workflow/corpus/index.js';
import { CaseService } from '../workflow/cases/index.js';
import { systemClock, type Clock } from '../workflow/deadlines/index.js';
import type { Assessor } from '../workflow/cases/index.js';
import { JobPool, type JobPoolOptions } from '../workflow/jobs/index.js';
import { ServerBusyError } from '../workflow/jobs/index.js';
import type { ScryptCost } from '../workflow/accounts/index.js';
import { UserService } from '../workflow/accounts/index.js';
import type { AppContext, AppEnv } from './context.js';
import { errorResponse, PayloadTooLargeError, RateLimitError } from './errors.js';
import { LoginThrottle, type LoginThrottleOptions, type ThrottleRule } from './middleware/rate-limit.js';
import { hostCheck } from './middleware/host-check.js';
import { DEFAULT_PUBLIC_RATE, publicRateLimit } from './middleware/public-rate-limit.js';
import { securityHeaders } from './middleware/security-headers.js';
import { csrfMiddleware, sessionMiddleware } from './middleware/session.js';
import { openApiDocument } from './openapi.js';
import { ApiRouter, reply, type RouteDoc } from './route.js';
import { registerAuditRoutes } from './routes/admin/index.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerCaseActionRoutes } from './routes/cases/index.js';
import { registerCaseSearchRoute } from './routes/cases/index.js';
import { registerCaseRoutes } from './routes/cases/index.js';
import { registerCorpusRoutes } from './routes/corpus.js';
import { registerEngineRoutes } from './routes/cases/index.js';
import { registerLetterRoutes } from './routes/letters.js';
import { registerLetterUploadRoute } from './routes/letter-upload.js';
import { registerPublishedRoutes } from './routes/published.js';
import { registerReviewerRoutes } from './routes/admin/index.js';
import { registerUserRoutes } from './routes/admin/index.js';
import { Health } from './schemas/index.js';
import type { ApiServices } from './services.js';
import { mountWebUi } from './static.js';

export const API_VERSION = '0.1.0';

/** Largest JSON request body accepted (a case file with its records). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Largest letter file an upload may be by default: the reader's own limit, so that what `imr ingest` reads, an upload takes. */
export const DEFAULT_MAX_UPLOAD_BYTES = MAX_LETTER_BYTES;

export interface AppOptions {
  store: Store;
  clock?: Clock;
  /** The engine's drafting function; default the determination engine, null for none. */
  assessor?: Assessor | null;
  /** scrypt cost of new password hashes (default: the OWASP setting in passwords.ts). */
  passwordCost?: ScryptCost;
  /** Session lifetime in ms (default 8 hours). */
  sessionTtlMs?: number;
  loginThrottle?: LoginThrottleOptions;
  /** Requests per window and address for callers without a session (default 300 a minute); null: none. */
  publicRateLimit?: ThrottleRule | null;
  /** Let requests without a session act as the public role. */
  publicAccess?: boolean;
  /** Secure flag on the session cookie: true, false, or (default) when the request came over HTTPS. */
  secureCookies?: boolean;
  /** Host names the server answers for besides IP addresses and localhost (DNS rebinding protection); null: any. */
  allowedHosts?: string[] | null;
  /** Origins besides this site's own that may make state-changing requests (a UI served from elsewhere). */
  allowedOrigins?: string[];
  /** The client's address for login throttling (default: the socket's remote address). */
  clientAddress?: (c: AppContext) => string;
  /** The built web UI (`web/dist`); null or missing: a page saying it is not built. */
  webRoot?: string | null;
  /** Check every JSON reply against its documented schema (tests). */
  validateResponses?: boolean;
  /** Largest letter file an upload may be, in bytes (default and most: the reader's limit, 10 MB). */
  maxUploadBytes?: number;
  /** The worker pool for CPU-heavy work, or options for a new one (default: one worker, the default limits). Closed by ApiApp.close(). */
  jobs?: JobPool | JobPoolOptions;
  /** Where unexpected errors are reported (default: stderr). */
  onInternalError?: (err: unknown, c: AppContext) => void;
}

export interface ApiApp {
  app: Hono<AppEnv>;
  routes: readonly RouteDoc[];
  services: ApiServices;
  /** The OpenAPI document. */
  document(): Record<string, unknown>;
  /** Stops the app's worker threads (the store stays the caller's). */
  close(): Promise<void>;
}

function socketAddress(c: AppContext): string {
  // Set by @hono/node-server; absent for in-process requests.
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

/** Builds the app. The store stays the caller's to close. */
export function createApp(options: AppOptions): ApiApp {
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  // Above the reader's limit an upload would be read in full only to be refused.
  if (!Number.isInteger(maxUploadBytes) || maxUploadBytes < 1 || maxUploadBytes > MAX_LETTER_BYTES) throw new RangeError(`maxUploadBytes must be a whole number from 1 to ${MAX_LETTER_BYTES}`);
  const clock = options.clock ? { clock: options.clock } : {};
  const jobs = options.jobs instanceof JobPool ? options.jobs : new JobPool(options.jobs);
  // The default engine drafts in the job pool (a posted summary may be megabytes, and a case's
  // draft is made as it enters review); one plugged in runs as given.
  const assess: ApiServices['assess'] =
    options.assessor === undefined ? (file) => jobs.assessCase(file) : options.assessor ? async (file) => options.assessor!(file) : null;
  const services: ApiServices = {
    store: options.store,
    corpus: new CorpusService(options.store.determinations),
    cases: new CaseService(options.store, { ...clock, assessor: assess }),
    users: new UserService(options.store, {
      ...clock,
      ...(options.passwordCost ? { passwordCost: options.passwordCost } : {}),
      ...(options.sessionTtlMs ? { sessionTtlMs: options.sessionTtlMs } : {}),
    }),
    throttle: new LoginThrottle(options.loginThrottle),
    clientAddress: options.clientAddress ?? socketAddress,
    clock: options.clock ?? systemClock,
    maxUploadBytes,
    secureCookies: options.secureCookies,
    jobs,
    assess,
  };

  const app = new Hono<AppEnv>();
  const router = new ApiRouter(app, { validateResponses: !!options.validateResponses });
  const limiter = (max: number) => bodyLimit({ maxSize: max, onError: () => { throw new PayloadTooLargeError(max); } });
  const jsonLimit = limiter(MAX_BODY_BYTES);
  const smallLimits = new Map<number, ReturnType<typeof limiter>>();
  app.use('*', securityHeaders());
  if (options.allowedHosts !== null) {
    // The hosts of the origins allowed to write are served too.
    const originHosts = (options.allowedOrigins ?? []).flatMap((o) => {
      try {
        return [new URL(o).hostname];
      } catch {
        return [];
      }
    });
    app.use('*', hostCheck([...(options.allowedHosts ?? []), ...originHosts]));
  }
  // An upload route reads and limits its file itself, as it arrives; a route with a smaller limit (signing in) gets it.
  app.use('/api/*', (c, next) => {
    if (router.isUpload(c.req.method, c.req.path)) return next();
    const own = router.bodyLimitOf(c.req.method, c.req.path);
    if (own === undefined) return jsonLimit(c, next);
    if (!smallLimits.has(own)) smallLimits.set(own, limiter(own));
    return smallLimits.get(own)!(c, next);
  });
  app.use('/api/*', sessionMiddleware(services.users, { publicAccess: !!options.publicAccess }));
  const publicRate = options.publicRateLimit === undefined ? DEFAULT_PUBLIC_RATE : options.publicRateLimit;
  if (publicRate) app.use('/api/*', publicRateLimit(publicRate, services.clientAddress));
  app.use('/api/*', csrfMiddleware(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}));

  router.add({
    method: 'get',
    path: '/api/health',
    operationId: 'health',
    summary: 'The server is up',
    tag: 'meta',
    access: 'anyone',
    responses: { 200: { description: 'up', schema: Health } },
    handler: async () => reply({ status: 'ok', version: API_VERSION }),
  });
  registerAuthRoutes(router, services);
  registerUserRoutes(router, services);
  registerCorpusRoutes(router, services);
  registerLetterRoutes(router, services);
  registerLetterUploadRoute(router, services);
  registerPublishedRoutes(router, services);
  registerCaseRoutes(router, services);
  registerCaseActionRoutes(router, services);
  registerCaseSearchRoute(router, services);
  registerReviewerRoutes(router, services);
  registerEngineRoutes(router, services);
  registerAuditRoutes(router, services);

  let doc: Record<string, unknown> | null = null;
  const document = () => (doc ??= openApiDocument(router.routes, { version: API_VERSION }));
  router.add({
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'This document',
    tag: 'meta',
    access: 'anyone',
    responses: { 200: { description: 'the OpenAPI 3.1 document', contentTypes: ['application/json'] } },
    handler: async ({ c }) => c.json(document()),
  });

  const noSuchEndpoint = (c: AppContext) => c.json({ error: `no such endpoint: ${c.req.method} ${printable(c.req.path)} (see /openapi.json)`, code: 'NOT_FOUND', issues: [] }, 404);
  app.all('/api/*', noSuchEndpoint);
  // The document is the API's too: another method on it is answered as any unknown endpoint, not by the web UI.
  app.all('/openapi.json', noSuchEndpoint);
  mountWebUi(app, options.webRoot ?? null);

  const report = options.onInternalError ?? ((err: unknown, c: AppContext) => process.stderr.write(`internal error on ${c.req.method} ${c.req.path}: ${(err as Error)?.stack ?? String(err)}\n`));
  app.onError((err, c) => {
    const { status, body } = errorResponse(err);
    // A full disk or a damaged database is the operator's to know at once, as is any unexpected failure.
    // A read stopped at its time budget is an answer the client was given, not a fault: one line, no stack.
    if (body.code === 'STORE_TIMEOUT') {
      if (!options.onInternalError) process.stderr.write(`read stopped at its time budget: ${c.req.method} ${printable(c.req.path)}\n`);
    } else if (status === 500 || body.code.startsWith('STORE_')) report(err, c);
    if (err instanceof RateLimitError || err instanceof ServerBusyError) c.header('Retry-After', String(err.retryAfterSeconds));
    if (status === 401) c.header('WWW-Authenticate', 'Cookie realm="openimr"');
    return c.json(body, status as 500);
  });
  return { app, routes: router.routes, services, document, close: () => services.jobs.close() };
}
