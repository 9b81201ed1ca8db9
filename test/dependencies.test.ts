import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Packages used as programs or by the compiler, never imported by name. */
const TOOLS = new Set(['typescript', 'tsx']);

function codeFiles(dir: string, tests = true): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs|js)$/.test(e.name) && !e.parentPath.includes('node_modules') && !e.parentPath.includes('/dist'))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => tests || !/(\.test\.tsx?|[\\/]test-[^\\/]*\.ts)$/.test(f));
}

/** The packages a file imports by name (static, dynamic and side-effect imports). */
function importedPackages(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const names: string[] = [];
  const re = /^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\bresolve\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(re)) {
    const spec = (m[1] ?? m[2] ?? m[3] ?? m[4])!;
    if (spec.startsWith('.') || spec.startsWith('/')) continue;
    if (spec.startsWith('node:')) continue;
    const parts = spec.split('/');
    names.push(spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
  }
  return names;
}

const uses = (dirs: string[], tests = true) => new Set(dirs.flatMap((d) => codeFiles(d, tests)).flatMap(importedPackages));

describe('package.json matches what runs', () => {
  const program = uses(['src', 'bin'], false);
  const everything = uses(['src', 'bin', 'test', 'bench', 'scripts', 'web']);
  for (const f of readdirSync(ROOT).filter((f) => /^(vitest|vite)\.config\./.test(f))) for (const p of importedPackages(join(ROOT, f))) everything.add(p);

  it('every run-time dependency is imported by the program (src/, bin/)', () => {
    expect(Object.keys(pkg.dependencies).filter((d) => !program.has(d))).toEqual([]);
  });

  it('every development dependency is imported somewhere, is a type package of a dependency, or is a tool', () => {
    const unused = Object.keys(pkg.devDependencies).filter((d) => {
      if (TOOLS.has(d) || everything.has(d)) return false;
      const typed = d.startsWith('@types/') ? d.slice('@types/'.length) : null;
      return !(typed && (typed === 'node' || typed in pkg.dependencies));
    });
    expect(unused).toEqual([]);
  });

  it('everything the program imports is a run-time dependency (vite only builds the UI on demand and is reported missing)', () => {
    const own = new Set(['vite', 'tsx']);
    const missing = [...program].filter((p) => !(p in pkg.dependencies) && !own.has(p));
    expect(missing).toEqual([]);
  });
});
