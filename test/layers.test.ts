import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', 'src');

/** What each layer may import: lower layers never import higher ones. */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  clinical: ['domain'],
  letters: ['domain', 'clinical'],
  guidelines: ['domain', 'clinical', 'letters'],
  engine: ['domain', 'clinical', 'letters', 'guidelines'],
  store: ['domain'],
  workflow: ['domain', 'clinical', 'letters', 'guidelines', 'engine', 'store'],
  api: ['domain', 'clinical', 'letters', 'guidelines', 'engine', 'store', 'workflow'],
  cli: ['domain', 'clinical', 'letters', 'guidelines', 'engine', 'store', 'workflow', 'api'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Whether a source file imports nothing at run time (no package, no other file; types only, which compiling erases). */
function importFree(file: string): boolean {
  return !/^\s*(?:import|export)(?!\s+type\b)\b[^;]*?\bfrom\s+['"]|^\s*import\s*['"(]/m.test(readFileSync(file, 'utf8'));
}

describe('layering', () => {
  it('every import between src layers points downwards', () => {
    const violations: string[] = [];
    const files = sourceFiles(SRC).filter((f) => !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const layer = relative(SRC, file).split(/[\\/]/)[0]!;
      const allowed = ALLOWED[layer];
      if (!allowed) {
        violations.push(`${relative(SRC, file)}: unknown layer "${layer}"`);
        continue;
      }
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = relative(SRC, resolve(dirname(file), m[1]!)).split(/[\\/]/)[0]!;
        if (target !== layer && !allowed.includes(target)) violations.push(`${relative(SRC, file)} imports ${target} (${m[1]})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the web UI talks to the server only over HTTP: it imports its own files, its browser packages, only types from the server, and domain definitions that import nothing', () => {
    const WEB = resolve(import.meta.dirname, '..', 'web', 'src');
    const files = readdirSync(WEB, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name))
      .map((e) => join(e.parentPath, e.name));
    expect(files.length).toBeGreaterThan(10);
    const violations: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^(import|export)(\s+type)?\b[^'"]*?from\s+['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]/gm)) {
        const target = m[3] ?? m[4]!;
        const typeOnly = !!m[2];
        const where = relative(WEB, file);
        if (target.startsWith('.')) {
          const inside = !relative(WEB, resolve(dirname(file), target)).startsWith('..');
          // A file of the domain that imports nothing (the letter formats, the case-number pattern) is a
          // definition, not server code: the UI takes it as the server does instead of restating it.
          const definition = !typeOnly && /\/src\/domain\/(?:[\w-]+\/)*[\w-]+\.js$/.test(target) && importFree(resolve(dirname(file), target).replace(/\.js$/, '.ts'));
          if (!inside && !definition && !(typeOnly && /\/src\/(domain|api\/schemas)/.test(target))) violations.push(`${where} imports ${target}${typeOnly ? '' : ' (not type-only)'}`);
        } else if (!['preact', 'preact/hooks', 'chart.js', 'pdfjs-dist'].includes(target) && !(typeOnly && target === 'zod')) violations.push(`${where} imports package ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
