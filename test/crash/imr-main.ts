/**
 * A child process for the crash tests: `imr ARGS...` (e.g. `serve`) through
 * the CLI's own entry point, which IMR_CRASH_PAUSE_AFTER can stop inside a
 * database transaction (pause-hook.ts), as bin/imr.mjs runs it otherwise.
 *
 *   node --import tsx test/crash/imr-main.ts ARGS...
 */
import './pause-hook.js';
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
