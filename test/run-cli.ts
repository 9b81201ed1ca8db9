import { main } from '../src/cli/main.js';

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `imr ARGV...` in this process, capturing what it writes (as a user would see it). */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  const text = (s: string | Uint8Array) => (typeof s === 'string' ? s : Buffer.from(s).toString('latin1'));
  process.stdout.write = ((s: string | Uint8Array) => ((out += text(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((err += text(s)), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  try {
    return { code: await main(argv), out, err };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
    process.exitCode = undefined;
  }
}
