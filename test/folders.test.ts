import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** Every folder under src/, and its source files that are not tests. */
function folders(dir: string = SRC): { dir: string; sources: string[]; subfolders: string[] }[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const sources = entries.filter((e) => e.isFile() && /\.(ts|tsx|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)).map((e) => e.name);
  // Folders of data beside the code (SQL snapshots) hold no source.
  const subfolders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('__')).map((e) => e.name);
  return [{ dir, sources, subfolders }, ...subfolders.flatMap((s) => folders(join(dir, s)))];
}

/** Layers grouped by feature: each sub-folder is a feature whose index.ts is all other layers see of it. */
const FEATURE_LAYERS = ['store', 'workflow', 'cli'];

describe('folders by feature', () => {
  const all = folders();

  it('no folder in src/ holds more than 12 loose source files', () => {
    const crowded = all.filter((f) => f.sources.length > 12).map((f) => `${relative(ROOT, f.dir)}: ${f.sources.length}`);
    expect(all.length).toBeGreaterThan(20);
    expect(crowded).toEqual([]);
  });

  it('no test fixture or test helper lives in src/ (they are under test/)', () => {
    const fixtures = all.flatMap((f) => f.sources.filter((s) => /^test-|fixture/i.test(s)).map((s) => relative(ROOT, join(f.dir, s))));
    expect(fixtures).toEqual([]);
  });

  it('every feature folder of store, workflow and cli has an index.ts, and code of other layers imports the feature only through it', () => {
    const features = FEATURE_LAYERS.flatMap((layer) =>
      readdirSync(join(SRC, layer), { withFileTypes: true })
        .filter((e) => e.isDirectory() && e.name !== 'migrations' && !e.name.startsWith('__'))
        .map((e) => join(SRC, layer, e.name)),
    );
    expect(features.length).toBeGreaterThanOrEqual(12);
    expect(features.filter((f) => !existsSync(join(f, 'index.ts'))).map((f) => relative(ROOT, f))).toEqual([]);
    const layerOf = (abs: string) => relative(SRC, abs).split(/[\\/]/)[0];
    const bypass: string[] = [];
    for (const f of all) {
      for (const name of f.sources) {
        const file = join(f.dir, name);
        for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/gm)) {
          const target = resolve(dirname(file), m[1]!);
          const feature = features.find((d) => target.startsWith(d + '/'));
          if (!feature || layerOf(file) === layerOf(feature)) continue;
          if (relative(feature, target) !== 'index.js') bypass.push(`${relative(ROOT, file)} imports ${m[1]}`);
        }
      }
    }
    expect(bypass).toEqual([]);
  });
});
