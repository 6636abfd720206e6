/**
 * How long something lasts, rounded the way a person reads it, shared by the upload page (in
 * both languages) and the CLI so they always agree. A link minted for 3 days reads "3 days" a
 * minute later, not "2 days": spans round to the nearest unit that matters, never down.
 *
 * - under a day: the caller shows a countdown clock (it moves; rounding would hide that);
 * - from a day to a week: days and hours, to the nearest hour ("2 days, 23 hours", "3 days");
 * - a week and more: days, to the nearest day ("30 days").
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const CLOCK_BELOW_MS = DAY;

export function humanDurationParts(ms: number): { days: number; hours: number } | null {
  if (!(ms >= DAY)) return null;
  if (ms >= 7 * DAY - HOUR / 2) return { days: Math.round(ms / DAY), hours: 0 };
  const hours = Math.round(ms / HOUR);
  return { days: Math.floor(hours / 24), hours: hours % 24 };
}
