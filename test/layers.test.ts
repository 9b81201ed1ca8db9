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
});
