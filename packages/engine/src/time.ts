/** Milliseconds in one hour. */
export const MS_PER_HOUR = 3_600_000;

/** Hours from `from` to `to` (negative when `to` is earlier). */
export function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / MS_PER_HOUR;
}

/** Whether `at` lies no more than `windowMs` before `now` (later instants count: clock skew). */
export function isWithin(at: Date, now: Date, windowMs: number): boolean {
  return now.getTime() - at.getTime() <= windowMs;
}

/** A human age such as "5 min", "3 h" or "4 d", for reason messages. */
export function formatAge(hours: number): string {
  const minutes = Math.round(hours * 60);
  if (minutes < 60) {
    return `${Math.max(0, minutes)} min`;
  }
  if (hours < 48) {
    return `${Math.round(hours)} h`;
  }
  return `${Math.round(hours / 24)} d`;
}

/** Rounded to one decimal, for evidence and the assessment's `ageHours`. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
