/**
 * What the fuzz sandbox runs, on its worker thread: each operation takes one
 * fuzzed input and answers with the value or with the error it threw, told
 * apart by class here (classes do not survive the message to the test).
 */
import { parentPort } from 'node:worker_threads';
import { ImrError, LetterParseError } from '../../src/domain/index.js';
import { dosesPerDay, findDrugs, parseMedication, strengthsMg } from '../../src/clinical/treatments/index.js';
import { parseProcedure } from '../../src/clinical/treatments/index.js';
import { normalizeTreatment } from '../../src/clinical/treatments/index.js';
import { parseCitations } from '../../src/letters/citations/index.js';
import { parseLetterText, readLetterBytes } from '../../src/letters/index.js';
import { redactText } from '../../src/letters/deid/redact.js';
import { openStore, parseTextQuery, toFts5Exclusion, toFts5Match, type SearchOptions, type Store } from '../../src/store/index.js';
import { sql } from 'kysely';
import type { SandboxError, SandboxRequest, SandboxResponse } from './sandbox.js';

const stores = new Map<string, Promise<Store>>();
function storeAt(path: string): Promise<Store> {
  let s = stores.get(path);
  if (!s) {
    s = openStore({ path });
    stores.set(path, s);
  }
  return s;
}

async function run(op: string, input: any): Promise<unknown> {
  switch (op) {
    case 'letter-text':
      return parseLetterText(input.text, input.name);
    case 'letter-bytes': {
      const file = await readLetterBytes(input.bytes, input.name);
      return parseLetterText(file.text, input.name);
    }
    case 'treatment': {
      const text: string = input;
      return {
        treatment: normalizeTreatment(text),
        medication: parseMedication(text, findDrugs(text)),
        procedure: parseProcedure(text),
        dosesPerDay: dosesPerDay(text),
        strengthsMg: strengthsMg(text),
      };
    }
    case 'citations':
      return parseCitations(input);
    case 'search': {
      const store = await storeAt(input.db);
      const q = parseTextQuery(input.query);
      const match = toFts5Match(q);
      const exclusion = toFts5Exclusion(q);
      // The translated expressions straight into FTS5, then the whole search path.
      const counts: number[] = [];
      for (const expr of [match, exclusion]) {
        if (expr === null) continue;
        const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM letters_fts WHERE letters_fts MATCH ${expr}`.execute(store.db);
        counts.push(Number(rows[0]!.n));
      }
      const page = await store.determinations.search(input.query, input.options as SearchOptions);
      return { query: q, match, exclusion, counts, page };
    }
    case 'redaction':
      return redactText(input.text, input.parties);
    case 'api-request':
      // Loaded on first use: the other fuzzers' workers need none of the server.
      return (await import('./api-target.js')).apiRequest(input);
    default:
      throw new Error(`unknown sandbox operation ${op}`);
  }
}

function describe(err: unknown): SandboxError {
  const e = err as Error;
  return {
    className: e?.constructor?.name ?? typeof err,
    isLetterParseError: err instanceof LetterParseError,
    isImrError: err instanceof ImrError,
    message: e?.message ?? String(err),
    ...(err instanceof LetterParseError ? { file: err.file } : {}),
    stack: e?.stack ?? '',
  };
}

/** Largest result sent back (as JSON): a parse this large is itself the failure, and must not exhaust the test's memory on its way there. */
const MAX_RESULT_CHARS = 200 * 1024 * 1024;

/** The result's size as JSON, or Infinity when it is too large to be one string. */
function jsonSize(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

parentPort!.on('message', (req: SandboxRequest) => {
  void (async () => {
    let res: SandboxResponse;
    try {
      const value = await run(req.op, req.input);
      const size = jsonSize(value);
      res =
        size > MAX_RESULT_CHARS
          ? { id: req.id, ok: false, error: { className: 'ResultTooLarge', isLetterParseError: false, isImrError: false, message: `the result is ${Number.isFinite(size) ? `${(size / 1048576).toFixed(0)} MB` : 'too large for one string'} as JSON`, stack: '' } }
          : { id: req.id, ok: true, value, size };
    } catch (err) {
      res = { id: req.id, ok: false, error: describe(err) };
    }
    parentPort!.postMessage(res);
  })();
});
