/** Where the workflow gets the time from; tests inject a fixed one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at `iso` (a date or a timestamp). */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso.length === 10 ? `${iso}T17:00:00Z` : iso);
  return { now: () => new Date(at) };
}

/** Today's date in California, where the statutory days are counted. */
export function today(clock: Clock): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(clock.now());
}
