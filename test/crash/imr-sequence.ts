/**
 * A child process for the crash tests: runs `imr` commands one after
 * another in this process (the compiled CLI's entry point, as `bin/imr.mjs`
 * would), printing `ACK <n> <exit code>` after each returns, so the test
 * knows which commands completed before it kills the process.
 *
 *   node --import tsx test/crash/imr-sequence.ts COMMANDS.json
 *
 * COMMANDS.json is an array of argument arrays. IMR_CRASH_PAUSE_AFTER and
 * IMR_CRASH_CACHE_PAGES stop it inside a transaction (pause-hook.ts).
 */
import { readFileSync } from 'node:fs';
import { say } from './pause-hook.js';
// The compiled program, as bin/imr.mjs runs it (dist/, built by the test
// project's global setup), typed by its sources.
const { main } = (await import(new URL('../../dist/cli/main.js', import.meta.url).href)) as typeof import('../../src/cli/main.js');

const commands = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as string[][];
for (const [n, argv] of commands.entries()) {
  const code = await main(argv);
  process.exitCode = undefined;
  say(`ACK ${n} ${code}`);
}
say('DONE');
