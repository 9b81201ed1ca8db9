/**
 * Requests for the API fuzzer: fast-check arbitraries that mutate the valid
 * request of each operation (api-valid-requests.ts): bodies (wrong types,
 * missing and extra fields, prototype keys, huge strings, deep nesting, odd
 * numbers, invalid JSON, bad uploads), query strings (hostile values, unknown
 * and repeated keys, broken percent-encoding), path parameters, headers
 * (content types, session cookie, CSRF token, origin), methods and senders.
 * Tokens in paths and bodies are resolved by the worker (api-target.ts).
 */
import fc from 'fast-check';
import { CASE_NUMBER_SOURCE } from '../../src/domain/index.js';
import type { FuzzRequest, Who } from './api-target.js';
import type { Fixture, Json } from './api-valid-requests.js';

// ---- hostile values ----

const HOSTILE_STRINGS = [
  '', ' ', 'null', 'true', '0', '-0', '-1', '1.5', 'NaN', 'Infinity', '1e309', '0x10', '2017-02-30', '12/05/2016', 'CM16-0230548', 'cm16-0230548',
  "'; DROP TABLE cases; --", '" OR 1=1 --', "x' OR '1'='1", '%', '_', '\\', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}',
  '\u0000', 'a\u0000b', '\ud800', '\udfff', '🙂', '👩‍⚕️', '\u202e', '\u2028', '\r\n', 'R-002', 'admin', 'upheld', 'overturned', 'in-review', 'issued', '__proto__', 'constructor',
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'id', 'state', 'role', 'version', 'caseNumber', 'reviewerId', 'issuedVersion', 'passwordHash', 'mustChangePassword', 'disabled', 'createdAt', '', ' ', '\u0000', 'a'.repeat(300)];
/** Fields the API's schemas know, added where they do not belong or with values they do not take. */
const SCHEMA_KEYS = ['facts', 'documents', 'ties', 'items', 'decisions', 'guidelines', 'overrideReason', 'electronic', 'reason', 'displayName', 'available', 'hoursPerWeek', 'injuryDates', 'patient', 'priority'];

/** JSON text of `value` nested `depth` deep in arrays or objects. */
function nestedText(depth: number, kind: 'array' | 'object', inner = '1'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}

/** Characters that text fields must survive or refuse: NUL, line breaks, escapes, lone surrogates, overrides. */
const HOSTILE_CHARS = ['\u0000', '\n', '\r', '\u001b', '\ud800', '\u202e', '\u2028', '\ufeff', "'", '"', '\\', '%'];

const leafArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, Number.MAX_VALUE, 5e-324, -1e300, ...HOSTILE_STRINGS) },
  // Plausible text with a hostile character inside.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('ana', 'R-003', 'MTUS Chronic Pain', 'Dr. New', 'baclofen', 'PR-2'), fc.constantFrom(...HOSTILE_CHARS), fc.nat()).map(([t, c, at]) => t.slice(0, at % (t.length + 1)) + c + t.slice(at % (t.length + 1))) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(10_000, 100_000, 1_000_000).map((n) => 'x'.repeat(n)) },
);

/** Values that replace a field: leaves, and containers of the wrong kind, large or deep. */
const hostileArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: leafArb },
  { weight: 1, arbitrary: fc.array(leafArb, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...HOSTILE_KEYS, 'x', 'title', 'index'), leafArb, { maxKeys: 4 }).map((o) => JSON.parse(JSON.stringify(o)) as Json) },
  // Deeper nesting is made in the text (textMutationArb): values this deep are still walked and copied here.
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 300 }).map((d) => JSON.parse(nestedText(d, d % 2 ? 'array' : 'object')) as Json) },
  { weight: 1, arbitrary: fc.constantFrom(1000, 20_000).map((n) => Array.from({ length: n }, () => 1) as Json) },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__": {"role": "admin", "isAdmin": true, "state": "issued"}}') as Json) },
  // Engine facts: unknown names, prototype names, values of the wrong kind.
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__": true, "constructor": 1, "functional-improvement": "yes", "morphine-equivalent-dose": 1e308, "no-such-fact": true, "": false}') as Json) },
);

type Path = (string | number)[];

function allPaths(v: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) allPaths(v[k]!, [...at, k], out);
  return out;
}

/** A copy of `v` with `fn` applied to the value at `path` (undefined from fn deletes it); own keys only, so `__proto__` stays a key. */
function edit(v: Json, path: Path, fn: (old: Json) => Json | undefined): Json | undefined {
  if (path.length === 0) return fn(v);
  const [head, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = [...v];
    const next = edit(copy[head as number]!, rest, fn);
    if (next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy: Record<string, Json> = {};
  for (const k of Object.keys(v as object)) {
    const value = k === head ? edit((v as Record<string, Json>)[k]!, rest, fn) : (v as Record<string, Json>)[k]!;
    if (value !== undefined) define(copy, k, value);
  }
  return copy;
}

type ValueMutation = { kind: 'replace' | 'delete' | 'add' | 'wrap' | 'inject'; pick: number; value: Json; key: string; char: string; at: number };

const valueMutationArb: fc.Arbitrary<ValueMutation> = fc.record({
  kind: fc.constantFrom('replace', 'replace', 'delete', 'add', 'add', 'wrap', 'inject', 'inject'),
  pick: fc.nat(),
  value: hostileArb,
  key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.constantFrom(...SCHEMA_KEYS), fc.string({ maxLength: 12 })),
  char: fc.constantFrom(...HOSTILE_CHARS),
  at: fc.nat(),
});

/** Inserts `char` into `text` at `at` (modulo its length). */
function inject(text: string, char: string, at: number): string {
  const i = at % (text.length + 1);
  return text.slice(0, i) + char + text.slice(i);
}

/** Sets an own key (so that `__proto__` is a key, not the prototype). */
function define(o: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function applyValueMutation(body: Json, m: ValueMutation): Json {
  const paths = allPaths(body);
  const path = paths[m.pick % paths.length]!;
  // A copy: generated values are shared between runs, and must never end up inside themselves.
  const value = JSON.parse(JSON.stringify(m.value)) as Json;
  let out: Json | undefined;
  if (m.kind === 'replace') out = edit(body, path, () => value);
  else if (m.kind === 'delete') out = path.length ? edit(body, path, () => undefined) : null;
  else if (m.kind === 'wrap') out = edit(body, path, (old) => [old]);
  else if (m.kind === 'inject') {
    // A hostile character inside one of the request's own strings, the rest left valid.
    const strings = paths.filter((p) => typeof p.reduce<Json | undefined>((v, k) => (v as Record<string, Json>)?.[k as string], body) === 'string');
    const target = strings.length ? strings[m.pick % strings.length]! : path;
    out = edit(body, target, (old) => (typeof old === 'string' ? inject(old, m.char, m.at) : old));
  }
  else
    out = edit(body, path, (old) => {
      if (!old || typeof old !== 'object' || Array.isArray(old)) return old;
      const copy: Record<string, Json> = {};
      for (const k of Object.keys(old)) define(copy, k, old[k]!);
      define(copy, m.key, value);
      return copy;
    });
  return out === undefined ? null : out;
}

const NUMBERS = ['1e309', '-1e309', '-0', '1e-400', '0.0000000000000000000001', '123456789012345678901234567890', '1E2', '01', '+1', '0x10', 'NaN', 'Infinity', '-Infinity', '1.', '.5'];
const JUNK = [',', '}', ']', '"', '\\', '\u0000', '\n', 'undefined', '/*', '//', '\ufeff', "'", '\ud800'];

type TextMutation =
  | { kind: 'number'; pick: number; to: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; junk: string }
  | { kind: 'duplicate-key'; key: string; value: string }
  | { kind: 'bom' }
  | { kind: 'replace'; text: string };

const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('number' as const), pick: fc.nat(), to: fc.constantFrom(...NUMBERS) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), junk: fc.constantFrom(...JUNK) }),
  fc.record({ kind: fc.constant('duplicate-key' as const), key: fc.constantFrom('version', 'username', 'decisions', 'role', '__proto__'), value: fc.constantFrom('"x"', 'null', '999', '[]', '{}') }),
  fc.constant({ kind: 'bom' as const }),
  fc.record({
    kind: fc.constant('replace' as const),
    text: fc.oneof(
      fc.constantFrom('', ' ', 'null', '[]', '{}', '"string"', '0', 'true', '{"a":1}{"a":2}', '\u0000'),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.integer({ min: 1000, max: 100_000 }).map((d) => nestedText(d, d % 2 ? 'array' : 'object')),
      // Over the 8 MB JSON limit.
      fc.constant(`{"x":"${'a'.repeat(8 * 1024 * 1024)}"}`),
    ),
  }),
);

function applyTextMutation(text: string, m: TextMutation): string {
  switch (m.kind) {
    case 'number': {
      const spots = [...text.matchAll(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)];
      if (spots.length === 0) return text;
      const s = spots[m.pick % spots.length]!;
      return text.slice(0, s.index) + m.to + text.slice(s.index! + s[0].length);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.junk + text.slice(at);
    }
    case 'duplicate-key':
      return text.startsWith('{') ? `{${JSON.stringify(m.key)}:${m.value},${text.slice(1)}` : text;
    case 'bom':
      return `\ufeff${text}`;
    case 'replace':
      return m.text;
  }
}

// ---- query strings, paths, headers ----

const QUERY_VALUES = ['', '%0A', 'a%0D%0Ab', '%1B%5B31m', '%ZZ', '%', '%00', '%E0%A4%A', '%C0%AF', '%F0%9F%99%82', '+', '++', '%2B', '&', '=', '==', 'a%26b%3Dc', '1e2', '1e309', '-1', '0', '201', '9999999999999999999', '1.5', ' 5', 'true', 'TRUE', 'yes', 'upheld,overturned', 'in-review,,lost', 'CM16-0230548', "'%20OR%20'1'%3D'1", '%27%3B%20DROP%20TABLE%20letters%3B%20--', 'NEAR(a%20b)', 'summary%3Ax', '%22unclosed', 'x'.repeat(5000), '%F0', '%ED%A0%80'];
const QUERY_KEYS = ['q', 'limit', 'offset', 'decision', 'drug', 'category', 'guideline', 'specialty', 'from', 'to', 'by', 'format', 'version', 'redacted', 'state', 'flagged', 'caseId', 'name', '__proto__', 'constructor', 'constructor[prototype][x]', 'q[]', 'limit[$gt]', '', '%00', 'a'.repeat(500)];
const PATH_VALUES = ['%0A', 'R-%0D%0A1', '%1B%5B31m', '0', '-1', '1.5', '1e3', '0x10', '999999999999', '99999999999999999999', '1%20', '%201', 'CM16-0000000', 'cm16-0230548', 'CM16-02305480', '%00', '%2e%2e', '..', '.', '%2F', 'a%2Fb', '%ZZ', 'x'.repeat(3000), '%F0%9F%99%82', '%20', "'%3B%20DROP%20TABLE%20cases%3B--", 'R-002', 'R-001', 'NaN', 'null', 'undefined', '__proto__', 'constructor', 'toString', '%E0%A4%A', '1;2', '1,2', '*'];

type QueryPair = [key: string, value: string, raw: boolean];

type QueryMutation = { kind: 'set' | 'delete' | 'add' | 'repeat' | 'inject'; pick: number; key: string; value: string; raw: boolean };

/** Percent-encoded characters a value must survive or refuse. */
const ENCODED_CHARS = ['%00', '%0A', '%0D', '%1B', '%E2%80%AE', '%ED%A0%80', '%25', '%27', '%22', '%5C'];

const queryMutationArb: fc.Arbitrary<QueryMutation> = fc.record({
  kind: fc.constantFrom('set', 'set', 'delete', 'add', 'repeat', 'inject', 'inject'),
  pick: fc.nat(),
  key: fc.constantFrom(...QUERY_KEYS),
  value: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...QUERY_VALUES) },
    { weight: 1, arbitrary: fc.constantFrom('%00', 'a%00b', '%0A', '%1B', '%ED%A0%80', '%E2%80%AE').map((c) => `baclofen${c}`) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  ),
  raw: fc.boolean(),
});

function queryString(pairs: QueryPair[]): string {
  return pairs.map(([k, v, raw]) => (raw ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join('&');
}

function applyQueryMutation(pairs: QueryPair[], m: QueryMutation): QueryPair[] {
  const out = [...pairs];
  const i = out.length ? m.pick % out.length : -1;
  // Raw values stay ASCII without `#` (which would end the query): the URL is built from them as they are.
  const value = m.raw ? m.value.replace(/[^\x21-\x7e]|#/g, '') : m.value;
  if (m.kind === 'inject' && i >= 0) {
    // One encoded character inside a value that was valid: the pair is sent raw, its other characters encoded.
    const [k, v, raw] = out[i]!;
    out[i] = [k, inject(raw ? v : encodeURIComponent(v), ENCODED_CHARS[m.pick % ENCODED_CHARS.length]!, m.pick >> 4), true];
  } else if (m.kind === 'set' && i >= 0) out[i] = [out[i]![0], value, m.raw];
  else if (m.kind === 'delete' && i >= 0) out.splice(i, 1);
  else if (m.kind === 'repeat' && i >= 0) out.push([out[i]![0], value, m.raw]);
  else out.push([m.key, value, m.raw]);
  return out;
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset=latin1', 'text/plain', 'text/html', 'text/markdown', 'application/pdf', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json, text/plain', ';;;', 'x', ''];

const headerArb: fc.Arbitrary<[string, string | null]> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constant('content-type'), fc.oneof(fc.constantFrom<string | null>(...CONTENT_TYPES), fc.constant(null))) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('x-csrf-token'), fc.constantFrom<string | null>(null, '', 'A'.repeat(43), 'null', 'x'.repeat(5000))) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('origin'), fc.constantFrom<string | null>('http://localhost', 'https://evil.example', 'null', 'not a url', '', 'http://localhost.evil.example', 'HTTP://LOCALHOST')) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('sec-fetch-site'), fc.constantFrom<string | null>('same-origin', 'cross-site', 'none', 'same-site')) },
  {
    weight: 2,
    arbitrary: fc.tuple(
      fc.constant('cookie'),
      fc.constantFrom<string | null>(null, '', 'imr_session=', 'imr_session=garbage', 'imr_session="quoted"', 'imr_session=%ZZ', 'imr_session=a; imr_session=b', `imr_session=${'A'.repeat(4000)}`, 'other=1'),
    ),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('host', 'x-forwarded-for', 'x-forwarded-host', 'accept', 'accept-encoding', 'if-none-match', 'range', 'x-http-method-override', 'transfer-encoding'), fc.constantFrom('', 'evil.example', '127.0.0.1, 10.0.0.1', '*/*', 'gzip', '"1"', 'bytes=0-1', 'DELETE', 'x'.repeat(2000))) },
);

type PathMutation = { kind: 'param' | 'inject' | 'segment' | 'append' | 'trailing' | 'case'; pick: number; value: string };

const pathMutationArb: fc.Arbitrary<PathMutation> = fc.record({
  kind: fc.constantFrom('param', 'param', 'param', 'inject', 'inject', 'segment', 'append', 'trailing', 'case'),
  pick: fc.nat(),
  value: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PATH_VALUES) },
    { weight: 1, arbitrary: fc.constantFrom('%00', '%0A', '%1B', '%E2%80%AE').map((c) => `R-00${c}3`) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent) },
  ),
});

function applyPathMutation(path: string, m: PathMutation): string {
  const segments = path.split('/');
  const params = segments.map((s, i) => (s.startsWith('{') || /^R-\d+$/.test(s) ? i : -1)).filter((i) => i >= 0);
  if (m.kind === 'param' && params.length) segments[params[m.pick % params.length]!] = m.value;
  else if (m.kind === 'inject') {
    // An encoded character inside a literal segment (a reviewer id, a route name); tokens are resolved later, so not into them.
    const literal = segments.map((x, i) => (i >= 2 && x && !x.startsWith('{') ? i : -1)).filter((i) => i >= 0);
    if (literal.length) {
      const i = literal[m.pick % literal.length]!;
      segments[i] = inject(segments[i]!, ENCODED_CHARS[m.pick % ENCODED_CHARS.length]!, m.pick >> 4);
    }
  }
  else if (m.kind === 'segment' && segments.length > 2) segments[2 + (m.pick % (segments.length - 2))] = m.value;
  else if (m.kind === 'append') segments.push(m.value);
  else if (m.kind === 'trailing') segments.push('');
  else if (m.kind === 'case') return path.toUpperCase().replace(/\{([A-Z:-]+)\}/g, (t) => t.toLowerCase());
  return segments.join('/');
}

// ---- uploads ----

type UploadMutation = { kind: 'truncate' | 'bytes' | 'empty' | 'html' | 'same' | 'known' | 'pdf'; at: number; bytes: Uint8Array; flips: [number, number][]; type: string };

const uploadMutationArb: fc.Arbitrary<UploadMutation> = fc.record({
  kind: fc.constantFrom('truncate', 'bytes', 'empty', 'html', 'same', 'known', 'pdf', 'pdf'),
  at: fc.nat(),
  bytes: fc.uint8Array({ maxLength: 2000 }),
  flips: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 4 }),
  type: fc.constantFrom('text/plain', 'text/markdown', 'text/html', 'application/pdf', 'text/plain; charset=utf-8', 'TEXT/HTML'),
});

/** The bytes of an upload and its Content-Type: the fixture's letter as new content, or mutated, or a real PDF cut or with bytes changed. */
function uploadBody(text: string, pdf: Uint8Array, type: string, m: UploadMutation | null): { bytes: Uint8Array; type: string } {
  const fresh = text.replaceAll(new RegExp(CASE_NUMBER_SOURCE, 'g'), 'CM99-FRESH00');
  const as = (bytes: Uint8Array) => ({ bytes, type: m?.type ?? type });
  if (!m || m.kind === 'same') return { bytes: new Uint8Array(Buffer.from(fresh)), type };
  if (m.kind === 'known') return as(new Uint8Array(Buffer.from(text)));
  if (m.kind === 'truncate') return as(new Uint8Array(Buffer.from(fresh.slice(0, m.at % fresh.length))));
  if (m.kind === 'empty') return as(new Uint8Array(0));
  if (m.kind === 'html') return as(new Uint8Array(Buffer.from(fresh.replace('CLINICAL CASE SUMMARY', 'CLINICAL CASE SUMMARY\n<script>alert(1)</script><img src=x onerror=alert(1)>'))));
  if (m.kind === 'pdf') {
    const bytes = pdf.slice(0, m.flips.length % 2 ? pdf.length : Math.max(5, m.at % pdf.length));
    for (const [at, value] of m.flips) bytes[at % bytes.length] = value;
    return { bytes, type: 'application/pdf' };
  }
  return as(m.bytes);
}

// ---- whole requests ----

const WHO: Who[] = ['admin', 'cora', 'rita', 'ana', 'pub', 'anonymous', 'bogus'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

/** How much of each kind of mutation a fuzzer makes. */
export interface Emphasis {
  /** Mutations of the body (JSON values, JSON text, uploaded files). */
  body: number;
  /** Mutations of the query, path, headers, method and sender. */
  request: number;
}

/** `arb` one time in `oneIn`, else null. */
function sometimes<T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

/** Requests made from the fixtures, mutated as `emphasis` says; fuzzing bodies, only the fixtures that have one. */
export function requestArb(fixtures: Fixture[], emphasis: Emphasis): fc.Arbitrary<FuzzRequest> {
  const all = emphasis.request === 0 ? fixtures.filter((f) => f.body !== undefined || f.upload) : fixtures;
  const few = (arb: fc.Arbitrary<unknown>, weight: number) => fc.array(arb, { maxLength: weight === 0 ? 0 : weight });
  return fc
    .record({
      fixture: fc.nat({ max: all.length - 1 }),
      values: few(valueMutationArb, emphasis.body),
      texts: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: few(textMutationArb, Math.min(2, emphasis.body)) }),
      upload: sometimes(uploadMutationArb, 2),
      uploadName: sometimes(fc.oneof(fc.constantFrom('../../etc/passwd', '/abs/x.txt', 'C:\\x\\y.pdf', 'a\u0000b.txt', '\u001b[31m.txt', 'x'.repeat(5000)), fc.string({ unit: 'binary', maxLength: 50 })), 3),
      queries: few(queryMutationArb, emphasis.request),
      paths: sometimes(pathMutationArb, emphasis.request ? 3 : 20),
      headers: few(headerArb, emphasis.request),
      method: sometimes(fc.constantFrom(...METHODS), emphasis.request ? 6 : 30),
      who: sometimes(fc.constantFrom(...WHO), emphasis.request ? 3 : 10),
      // Half the requests carry one kind of mutation only, the rest of them valid: a single hostile value then
      // gets past the checks that would refuse a request wrong in many ways, into the handlers and the store.
      focus: fc.constantFrom(...(emphasis.request ? ['all', 'all', 'all', 'values', 'queries', 'paths', 'headers'] : ['all', 'all', 'values', 'texts', 'upload'])),
    })
    .map((raw): FuzzRequest => {
      const g = raw.focus === 'all' ? raw : { ...raw, values: [], texts: [], queries: [], paths: null, headers: [], method: null, who: null, upload: null, uploadName: null, [raw.focus]: raw[raw.focus as keyof typeof raw] };
      const f = all[g.fixture]!;
      let path = f.path;
      if (g.paths) path = applyPathMutation(path, g.paths);
      let pairs: QueryPair[] = Object.entries(f.query ?? {}).map(([k, v]) => [k, v, false]);
      if (f.upload && g.uploadName !== null) pairs = [['name', g.uploadName, false]];
      for (const m of g.queries as QueryMutation[]) pairs = applyQueryMutation(pairs, m);
      const method = g.method ?? f.method;
      const headers: [string, string | null][] = [];
      let body: FuzzRequest['body'] = null;
      if (f.upload) {
        const file = uploadBody(f.upload.text, f.upload.pdf, f.upload.type, g.upload);
        body = { bytes: file.bytes };
        headers.push(['content-type', file.type]);
      } else if (f.body !== undefined) {
        let value = f.body;
        for (const m of g.values as ValueMutation[]) value = applyValueMutation(value, m);
        let text = JSON.stringify(value);
        for (const m of g.texts as TextMutation[]) text = applyTextMutation(text, m);
        body = { text };
      }
      headers.push(...(g.headers as [string, string | null][]));
      return { operationId: f.operationId, method, path, query: queryString(pairs), headers, who: g.who ?? f.who, body };
    });
}
