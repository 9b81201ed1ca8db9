/** Number words used in requests ("Six physical therapy sessions", "with one refill"). */
const WORDS: Record<string, number> = {
  zero: 0, no: 0, a: 1, an: 1, one: 1, single: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, 'twenty-four': 24, thirty: 30,
};

/** A number written as digits or a word; pattern source for use inside larger patterns. */
export const NUMBER = '(?:\\d+(?:\\.\\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:-four)?|thirty)';

/** A number or a range ("2-3", "1 to 2", "six to eight"); ranges read as their upper bound, the most that was asked for. */
export const NUMBER_OR_RANGE = `${NUMBER}(?:\\s*(?:-|to|or)\\s*${NUMBER})?`;

/** Reads a number word or digits; null when it is neither. */
export function toNumber(s: string): number | null {
  const t = s.trim().toLowerCase();
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  return WORDS[t] ?? null;
}

/** Reads "2-3" / "1 to 2" / "six" as the upper bound. */
export function upperBound(s: string): number | null {
  const parts = s.split(/\s*(?:-|\bto\b|\bor\b)\s*/i).map(toNumber).filter((n): n is number => n !== null);
  return parts.length ? Math.max(...parts) : null;
}

/**
 * A count read from text (a quantity, refills, sessions), or null when the
 * text's digits make no sensible count: not finite (hundreds of digits read
 * as Infinity), negative, or, with `whole`, not a safe integer ("1.5 refills").
 * A garbled number in one request must not make the whole letter invalid.
 */
export function countOrNull(n: number | null | undefined, whole = false): number | null {
  if (n === null || n === undefined || !Number.isFinite(n) || n < 0) return null;
  return whole && !Number.isSafeInteger(n) ? null : n;
}
