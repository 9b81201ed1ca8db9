import { readFileSync } from 'node:fs';

/** How the bench prints and measures: one line per figure, beside its baseline (floor) measured in the same run. */

/** Prints one figure: its value, the baseline measured in the same run, their ratio and the target. */
export function line(label: string, value: string, baseline: string, ratio: number, target: string, ok: boolean | null): void {
  const mark = ok === null ? '' : ok ? '  [meets target]' : '  [BELOW TARGET]';
  console.log(`${label.padEnd(34)} ${value.padEnd(26)} baseline ${baseline.padEnd(24)} ratio ${ratio.toFixed(2).padStart(6)}x  target ${target}${mark}`);
}

export type Line = typeof line;

/**
 * Runs `fn` repeatedly for at least `ms` and returns runs per second from
 * the median run time: the median is robust to the bursts of interference a
 * shared or virtual machine has, which skew a mean.
 */
export function rate(fn: () => void, ms = 1500): number {
  const times: number[] = [];
  const t0 = performance.now();
  while (performance.now() - t0 < ms || times.length < 5) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return 1000 / times[Math.floor(times.length / 2)]!;
}

/** The p-th percentile of ascending `sorted` (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The median of `values` (not modified). */
export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/**
 * CPU seconds this process has used (all its threads) and, from
 * /proc/self/stat, its children that have ended (a command-line tool run per
 * letter): the cost of work that is not all in this process.
 */
export function cpuSeconds(): { self: number; children: number } {
  const u = process.cpuUsage();
  let children = 0;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name in parentheses; cutime and cstime are the 16th and 17th fields of the line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    // No /proc: children's time is not counted.
  }
  return { self: (u.user + u.system) / 1e6, children };
}

/** Samples the process's resident memory (every thread) until stopped; returns the peak in MB. */
export function watchMemory(everyMs = 100): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return peak / 1048576;
    },
  };
}

/** 12345.6 → "12,346". */
export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
