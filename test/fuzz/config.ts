/**
 * How many cases each fuzzer runs, with which seed, and how long one input
 * may take. `npm test` runs every fuzzer with its own small, fixed count and
 * a seed derived from its name, so CI is quick and repeatable; `npm run fuzz`
 * (scripts/fuzz.mjs) sets these variables to run many more cases from a
 * fresh seed:
 *
 *   IMR_FUZZ_SCALE    multiplies every fuzzer's CI count (default 1)
 *   IMR_FUZZ_RUNS     exact count for every fuzzer (overrides the scale)
 *   IMR_FUZZ_SEED     seed (default: fixed per fuzzer)
 *   IMR_FUZZ_PATH     fast-check replay path printed with a failure
 *   IMR_FUZZ_TIMEOUT_MS  time bound per input (default 10000): longer is a hang
 *   IMR_FUZZ_NO_SHRINK   report the first failing input as found
 *   IMR_FUZZ_ONLY     run only the fuzzer of this name (the others pass at once)
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';

export interface FuzzSettings {
  numRuns: number;
  seed: number;
  path?: string;
  /** Longest one input may take before it counts as a hang. */
  timeoutMs: number;
  shrink: boolean;
}

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name}="${raw}" is not a number`);
  return n;
}

/** A stable 31-bit seed per fuzzer name: CI runs the same cases every time. */
function nameSeed(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0) & 0x7fffffff;
}

/** The settings for fuzzer `name`, whose CI count is `ciRuns`. */
export function fuzzSettings(name: string, ciRuns: number): FuzzSettings {
  const runs = envNumber('IMR_FUZZ_RUNS');
  const scale = envNumber('IMR_FUZZ_SCALE') ?? 1;
  const seed = envNumber('IMR_FUZZ_SEED');
  const path = process.env.IMR_FUZZ_PATH;
  return {
    numRuns: Math.max(1, Math.round(runs ?? ciRuns * scale)),
    seed: seed === undefined ? nameSeed(name) : Math.trunc(seed),
    ...(path ? { path } : {}),
    timeoutMs: envNumber('IMR_FUZZ_TIMEOUT_MS') ?? 10_000,
    shrink: !process.env.IMR_FUZZ_NO_SHRINK,
  };
}

/** Test timeout for a fuzzer: generous, since a hang is caught per input anyway. */
export function fuzzTestTimeout(settings: FuzzSettings, perRunMs = 200): number {
  return Math.max(60_000, settings.numRuns * perRunMs + 4 * settings.timeoutMs);
}

/**
 * Runs `check` on `numRuns` values of `arb`. On failure the error names the
 * fuzzer, its seed and replay path, and the command that replays it, before
 * fast-check's own report (the counterexample, shrunk unless IMR_FUZZ_NO_SHRINK).
 */
export async function runFuzz<T>(name: string, settings: FuzzSettings, arb: fc.Arbitrary<T>, check: (value: T) => Promise<void>): Promise<void> {
  const only = process.env.IMR_FUZZ_ONLY;
  if (only && only !== name) return;
  const details = await fc.check(fc.asyncProperty(arb, check), {
    numRuns: settings.numRuns,
    seed: settings.seed,
    ...(settings.path ? { path: settings.path } : {}),
    endOnFailure: !settings.shrink,
  });
  if (!details.failed) return;
  const replay = `npm run fuzz -- --only ${name} --seed ${details.seed}${details.counterexamplePath ? ` --path ${details.counterexamplePath}` : ''}`;
  const header = `fuzzer ${name} failed after ${details.numRuns} case(s) (seed ${details.seed}, path ${details.counterexamplePath ?? '-'}); replay with: ${replay}`;
  process.stderr.write(`${header}\n`);
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(`${header}\n${fc.defaultReportMessage(details) ?? ''}\nfailure: ${cause}`);
}
