import { z } from 'zod';

/**
 * GET Bucket's eventual consistency, on request. COS documents its object listing as
 * eventually consistent: an object uploaded a moment ago may not be listed yet, while HEAD and
 * GET of it already succeed. The emulator lists every object at once by default (strict, but
 * consistent); this fault makes newly written objects miss listings for a while, so a client
 * that relies on listings can prove its fallback.
 *
 * - `ms`: an object is left out of listings until this long after it was written (its
 *   LastModified on the emulator's clock);
 * - `listings`: an object written after the fault was set is left out of the first this many
 *   listings that would have shown it;
 * - `prefix`: only keys starting with it lag (e.g. `uploads/`), so a client's own state under
 *   another prefix stays consistent.
 *
 * Both conditions may be given; an object is hidden while either holds.
 */
export const listLagSchema = z.strictObject({
  ms: z.number().int().min(0).optional(),
  listings: z.number().int().min(0).optional(),
  prefix: z.string().optional(),
});
export type ListLag = z.infer<typeof listLagSchema>;

export class ListingLag {
  /** Listings each lagging object has missed so far, by bucket and key (and write time). */
  private readonly missed = new Map<string, number>();

  constructor(
    private readonly lag: ListLag | undefined,
    /** When the fault was set (emulator clock): only objects written since count listings. */
    private readonly since: number,
  ) {}

  get active(): boolean {
    return this.lag !== undefined && ((this.lag.ms ?? 0) > 0 || (this.lag.listings ?? 0) > 0);
  }

  /**
   * Whether a listing at `now` leaves this object out. Called once per object a listing would
   * otherwise return, so a hidden object is counted as having missed that listing.
   */
  hides(bucket: string, key: string, lastModified: number, now: number): boolean {
    const lag = this.lag;
    if (!lag || !this.active) return false;
    if (lag.prefix !== undefined && !key.startsWith(lag.prefix)) return false;
    if (lag.ms !== undefined && now - lastModified < lag.ms) return true;
    const listings = lag.listings ?? 0;
    if (listings === 0 || lastModified < this.since) return false;
    const id = `${bucket}\n${lastModified}\n${key}`;
    const missed = this.missed.get(id) ?? 0;
    if (missed >= listings) {
      this.missed.delete(id);
      return false;
    }
    this.missed.set(id, missed + 1);
    return true;
  }
}
