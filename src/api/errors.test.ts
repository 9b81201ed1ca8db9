import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseFile, ERROR_CODES, ImrError, issuesFrom, LetterParseError, NotFoundError } from '../domain/index.js';
import { InvalidCaseError } from '../engine/errors.js';
import { StoreError } from '../store/errors.js';
import { ERROR_STATUS, errorResponse } from './errors.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('error codes', () => {
  // The compiler already refuses a code outside ERROR_CODES (ImrError takes an ErrorCode) and a
  // status table missing one (satisfies Record<ErrorCode, number>); this reads what the code says
  // where no type reaches: bodies written by hand, and codes in the web UI.
  it('every code the source writes (an ImrError, a hand-written error body, a check in the web UI) is one of ERROR_CODES', () => {
    const known = new Set<string>([...ERROR_CODES, 'INTERNAL']);
    const found = new Map<string, string>();
    // In src, `code === 'ENOENT'` and the like are Node's and the drivers' codes; the web UI compares only the API's.
    const written = /\bsuper\(\s*'([A-Z_]+)'|new ImrError\(\s*'([A-Z_]+)'|\bcode:\s*'([A-Z][A-Z_]+)'/g;
    const compared = /\bcode\s*[!=]==?\s*'([A-Z][A-Z_]+)'/g;
    for (const [dir, patterns] of [[join(ROOT, 'src'), [written]], [join(ROOT, 'web', 'src'), [written, compared]]] as const) {
      for (const file of sources(dir)) {
        const text = readFileSync(file, 'utf8');
        for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.set(m.slice(1).find((g) => g !== undefined)!, relative(ROOT, file));
      }
    }
    expect(found.size).toBeGreaterThan(20);
    const unknown = [...found].filter(([code]) => !known.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(unknown).toEqual([]);
  });

  it('gives every code a status, and no status to anything else', () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('answers a case file the engine refuses with 400 and its issues, no longer a bare 500', () => {
    const parsed = CaseFile.safeParse({ clinicalSummary: 7, items: [] });
    expect(parsed.success).toBe(false);
    const { status, body } = errorResponse(new InvalidCaseError('case', issuesFrom(parsed.error!)));
    expect(status).toBe(400);
    expect(body.code).toBe('INVALID_CASE');
    expect(body.issues.map((i) => i.path[0])).toContain('clinicalSummary');
  });

  it('keeps the message of a failure the client can act on, and says only "internal error" for the store', () => {
    expect(errorResponse(new NotFoundError('case CM16-0230548'))).toEqual({ status: 404, body: { error: 'case CM16-0230548 not found', code: 'NOT_FOUND', issues: [] } });
    expect(errorResponse(new LetterParseError('x.pdf', 'not a PDF')).status).toBe(422);
    const write = errorResponse(new StoreError('write', 'INSERT INTO letters failed: SQLITE_BUSY'));
    expect(write).toEqual({ status: 500, body: { error: 'internal error', code: 'INTERNAL', issues: [] } });
    expect(errorResponse(new StoreError('full', 'the disk is full')).status).toBe(507);
    expect(errorResponse(new Error('boom')).body.code).toBe('INTERNAL');
    expect(new ImrError('BUSY', 'x').code).toBe('BUSY');
  });
});
