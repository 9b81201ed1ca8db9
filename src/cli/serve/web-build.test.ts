import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleReason } from './web-build.js';

describe('when the web UI is built again', () => {
  const root = mkdtempSync(join(tmpdir(), 'imr-web-'));
  const web = join(root, 'web');
  mkdirSync(join(web, 'src'), { recursive: true });
  writeFileSync(join(root, 'package-lock.json'), '{}');
  writeFileSync(join(web, 'src', 'app.tsx'), 'export {}');
  writeFileSync(join(web, 'src', 'app.test.ts'), 'export {}');
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('builds a checkout never built, and one whose sources or lockfile changed since; not one built after them, nor for a changed test', () => {
    expect(staleReason(web)).toMatch(/not built/);
    mkdirSync(join(web, 'dist'));
    writeFileSync(join(web, 'dist', 'index.html'), '<!DOCTYPE html>');
    at(join(root, 'package-lock.json'), 1000);
    at(join(web, 'src', 'app.tsx'), 1000);
    at(join(web, 'dist', 'index.html'), 2000);
    at(join(web, 'src', 'app.test.ts'), 3000);
    expect(staleReason(web)).toBeNull();
    at(join(web, 'src', 'app.tsx'), 3000);
    expect(staleReason(web)).toMatch(/changed since/);
    at(join(web, 'src', 'app.tsx'), 1000);
    at(join(root, 'package-lock.json'), 3000);
    expect(staleReason(web)).toMatch(/changed since/);
  });
});
