/**
 * Start-up time of the `imr` command as users run it (bin/imr.mjs, the
 * compiled program in dist/): `imr --help` against `node -e 0`, the least a
 * node program costs, both spawned the same way, interleaved, median of each.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Milliseconds one spawn of `node ARGS` takes, to its exit; throws with its message when it fails. */
function timeRun(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr.trim().split('\n')[0] ?? ''}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median start-up of `imr --help` and of `node -e 0` over `runs` interleaved runs each, after one warm-up of each. */
export function measureStartup(runs = 15): { imrMs: number; nodeMs: number; ratio: number } {
  const imr = [join(ROOT, 'bin', 'imr.mjs'), '--help'];
  const bare = ['-e', '0'];
  timeRun(imr);
  timeRun(bare);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(timeRun(imr));
    b.push(timeRun(bare));
  }
  const imrMs = median(a);
  const nodeMs = median(b);
  return { imrMs, nodeMs, ratio: imrMs / nodeMs };
}

/** Prints the start-up line: `imr --help` against `node -e 0`, held to 4x. */
export function benchStartup(line: import('./report.js').Line): void {
  const { imrMs, nodeMs, ratio } = measureStartup();
  line('imr --help start-up (median)', `${imrMs.toFixed(0)} ms`, `${nodeMs.toFixed(0)} ms (node -e 0)`, ratio, '<= 4x node -e 0', ratio <= 4);
}
