/**
 * A child process for the crash tests: `imr ARGS...` (e.g. `serve`) through
 * the compiled CLI's own entry point, which IMR_CRASH_PAUSE_AFTER can stop inside a
 * database transaction (pause-hook.ts), as bin/imr.mjs runs it otherwise.
 *
 *   node --import tsx test/crash/imr-main.ts ARGS...
 */
import './pause-hook.js';
// The compiled program, as bin/imr.mjs runs it (dist/, built by the test
// project's global setup), typed by its sources.
const { main } = (await import(new URL('../../dist/cli/main.js', import.meta.url).href)) as typeof import('../../src/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
