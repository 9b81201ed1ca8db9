#!/usr/bin/env node
/**
 * `npm run fuzz`: the fuzzers (`src/**\/*.fuzz.test.ts`) with many more cases
 * than `npm test` runs, from a fresh seed that is printed first, so any
 * failure can be replayed.
 *
 *   npm run fuzz                          every fuzzer, 20x its CI count, random seed
 *   npm run fuzz -- --scale 100           100x
 *   npm run fuzz -- --runs 5000           exactly 5,000 cases per fuzzer
 *   npm run fuzz -- --only letters        one fuzzer: letters, letters-random, letter-bytes, treatments, citations, redaction, search, api-bodies, api-requests (and -pg on PostgreSQL)
 *   npm run fuzz -- --seed 42 --path 7:3  replay a failure (seed and path as printed)
 *   npm run fuzz -- --timeout-ms 20000    time bound per input (default 10000)
 *   npm run fuzz -- --no-shrink           report the first failing input as found
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Which test file holds each fuzzer. */
const FUZZERS = {
  letters: 'src/letters/parse.fuzz.test.ts',
  'letters-random': 'src/letters/parse.fuzz.test.ts',
  'letter-bytes': 'src/letters/parse.fuzz.test.ts',
  treatments: 'src/clinical/treatments/treatment.fuzz.test.ts',
  citations: 'src/letters/citations/citations.fuzz.test.ts',
  redaction: 'src/letters/deid/redact.fuzz.test.ts',
  search: 'src/store/search/fts-query.fuzz.test.ts',
  'api-bodies': 'src/api/validators.fuzz.test.ts',
  'api-requests': 'src/api/validators.fuzz.test.ts',
  'api-bodies-pg': 'src/api/postgres.test.ts',
  'api-requests-pg': 'src/api/postgres.test.ts',
};

function usage(message) {
  process.stderr.write(`error: ${message}\nusage: npm run fuzz -- [--scale K | --runs N] [--seed S] [--path P] [--only ${Object.keys(FUZZERS).join('|')}] [--timeout-ms MS] [--no-shrink]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const opts = { scale: '20' };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--no-shrink') opts.noShrink = true;
  else if (['--scale', '--runs', '--seed', '--path', '--only', '--timeout-ms'].includes(a)) {
    const v = args[++i];
    if (v === undefined) usage(`${a} needs a value`);
    opts[a.slice(2)] = v;
  } else usage(`unknown argument ${a}`);
}
for (const k of ['scale', 'runs', 'seed', 'timeout-ms']) {
  if (opts[k] !== undefined && !/^\d+$/.test(opts[k])) usage(`--${k} "${opts[k]}" is not a whole number`);
}
if (opts.only && !FUZZERS[opts.only]) usage(`no fuzzer named "${opts.only}"`);

const seed = opts.seed ?? String(randomInt(0, 2 ** 31 - 1));
const env = { ...process.env, IMR_FUZZ_SEED: seed, IMR_FUZZ_SCALE: opts.scale };
if (opts.runs) env.IMR_FUZZ_RUNS = opts.runs;
if (opts.path) env.IMR_FUZZ_PATH = opts.path;
if (opts['timeout-ms']) env.IMR_FUZZ_TIMEOUT_MS = opts['timeout-ms'];
if (opts.noShrink) env.IMR_FUZZ_NO_SHRINK = '1';
if (opts.only) env.IMR_FUZZ_ONLY = opts.only;

const files = opts.only ? [FUZZERS[opts.only]] : [...new Set(Object.values(FUZZERS))];
const count = opts.runs ? `${opts.runs} cases per fuzzer` : `${opts.scale}x the CI count of cases`;
process.stdout.write(`fuzzing ${opts.only ?? 'every fuzzer'} with seed ${seed}, ${count} (replay: npm run fuzz -- --seed ${seed}${opts.only ? ` --only ${opts.only}` : ''})\n`);

const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const child = spawn(process.execPath, [vitest, 'run', ...files], { cwd: root, env, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  if (code !== 0) process.stdout.write(`\nfuzzing failed (seed ${seed}); each failure above prints its seed, path and the command that replays it\n`);
  process.exit(code ?? (signal ? 1 : 0));
});
