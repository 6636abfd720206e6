import { describe, expect, it } from 'vitest';
import { needsFreshUrl, toLocalExpiry } from './expiry';

describe('toLocalExpiry', () => {
  it('moves the expiry onto the local clock using the server time', () => {
    // Server clock one hour ahead: a URL valid for 10 more minutes stays valid 10 minutes here.
    const local = 1_000_000;
    const server = local + 3_600_000;
    expect(toLocalExpiry(server + 600_000, server, local)).toBe(local + 600_000);
  });
});

describe('needsFreshUrl', () => {
  const base = { now: 0, bytes: 10_000_000, marginMs: 15_000 };
  it('keeps a URL that outlives margin and estimated transfer', () => {
    expect(needsFreshUrl({ ...base, expiresAtLocal: 600_000, bytesPerSecond: 1_000_000 })).toBe(
      false,
    );
  });
  it('renews when the estimated transfer (with slack) would outlast the URL', () => {
    // 10 MB at 100 kB/s = 100 s, × 1.5 = 150 s, + 15 s margin > 120 s left.
    expect(needsFreshUrl({ ...base, expiresAtLocal: 120_000, bytesPerSecond: 100_000 })).toBe(true);
  });
  it('uses at most a third of a short-lived URL as margin', () => {
    // Valid for 6 s when signed: margin 2 s, not 15 s. 1 MB at 1 MB/s = 1.5 s with slack.
    const short = { now: 0, bytes: 1_000_000, bytesPerSecond: 1_000_000, marginMs: 15_000 };
    expect(needsFreshUrl({ ...short, expiresAtLocal: 6_000, lifetimeMs: 6_000 })).toBe(false);
    expect(needsFreshUrl({ ...short, expiresAtLocal: 3_000, lifetimeMs: 6_000 })).toBe(true);
    // A long-lived URL keeps the full margin.
    expect(needsFreshUrl({ ...short, expiresAtLocal: 16_000, lifetimeMs: 600_000 })).toBe(true);
  });
  it('without a measured speed only the margin counts', () => {
    expect(needsFreshUrl({ ...base, expiresAtLocal: 16_000, bytesPerSecond: null })).toBe(false);
    expect(needsFreshUrl({ ...base, expiresAtLocal: 14_000, bytesPerSecond: null })).toBe(true);
  });
});
