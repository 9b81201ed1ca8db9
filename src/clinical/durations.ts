/**
 * Durations in clinical text: "for at least 3 months", "long-term". Dates
 * ("since 12/2013", "on 11-23-2016", "January 2017") are read by `dates.ts`.
 */

const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };
const DURATION_PATTERN = /\b(?:for|over|past|last|x|times|since|about|approximately|at\s+least|more\s+than|over\s+the\s+past)\s+(?:(?:at\s+least|about|approximately|over|more\s+than|the\s+(?:past|last))\s+)?(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many)\s*(?:\+\s*)?(day|week|month|year)s?\b/gi;
const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, several: 3, many: 6 };

/** A stated duration ("for at least 3 months") in days, with its offsets. */
export interface DurationMention {
  days: number;
  start: number;
  end: number;
}

/** Every duration stated in `text`. */
export function findDurations(text: string): DurationMention[] {
  const out: DurationMention[] = [];
  DURATION_PATTERN.lastIndex = 0;
  for (let m = DURATION_PATTERN.exec(text); m; m = DURATION_PATTERN.exec(text)) {
    const n = /^\d/.test(m[1]!) ? Number(m[1]) : WORD_NUMBERS[m[1]!.toLowerCase()]!;
    out.push({ days: n * UNIT_DAYS[m[2]!.toLowerCase()]!, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Words saying a treatment has been used for a long time, without a number. */
export const LONG_TERM = /\b(?:long[- ]term|chronic(?:ally)?\s+(?:use|using|taking)|(?:for|over)\s+(?:a\s+)?(?:long|extended|prolonged)\s+(?:time|period)|for\s+years|ongoing\s+use|continued\s+use|since\s+at\s+least|(?:has|have)\s+been\s+(?:taking|using|utiliz|prescribed|on)|continues?\s+(?:to\s+(?:take|use|utilize)|on)|refill|renew(?:ed|al)?|continuation|remain(?:s|ed)?\s+on)\b/i;
