import { describe, expect, it } from 'vitest';
import type { AdminLink } from '../../protocol/admin';
import { formatBytes, formatLinkDetails, formatLinkTable, inWords } from './format-link';
import { parseLinkArgs } from './parse-link-args';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);

function adminLink(over: Partial<AdminLink> = {}): AdminLink {
  return {
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
    title: 'Scans',
    message: '',
    createdAt: NOW - MIN,
    expiresAt: NOW + 3 * DAY - MIN,
    limits: { maxFileSize: null, maxTotalBytes: null, maxFiles: null, allowedTypes: [] },
    embedOrigins: [],
    keyPrefix: 'uploads/AAAAAAAAAAAAAAAAAAAAAA/',
    revoked: null,
    usage: { files: 0, bytes: 0 },
    inFlight: null,
    unverified: { files: 0, bytes: 0 },
    url: 'https://up.example.com/u/x',
    ...over,
  };
}

describe('the link CLI’s output', () => {
  it('shows sizes in the decimal units the owner typed them in (issue 12 #11)', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(100_000)).toBe('100 kB');
    expect(formatBytes(10_000_000)).toBe('10 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.15 GB');
    const typed = parseLinkArgs(['--max-file-size', '100KB', '--max-total', '10MB']).options;
    const text = formatLinkDetails(
      adminLink({
        limits: {
          maxFileSize: typed.maxFileSize!,
          maxTotalBytes: typed.maxTotalBytes!,
          maxFiles: null,
          allowedTypes: [],
        },
      }),
      NOW,
    );
    expect(text).toMatch(/Max file: +100 kB$/m);
    expect(text).toMatch(/Max total: +10 MB$/m);
  });

  it('says how long a link stays valid, rounded as a person reads it', () => {
    expect(formatLinkDetails(adminLink(), NOW)).toMatch(/Expires: +\S+ \(in 3 days\)$/m);
    expect(inWords(3 * DAY - 31 * MIN)).toBe('2 days, 23 hours');
    expect(inWords(DAY + HOUR)).toBe('1 day, 1 hour');
    expect(inWords(5 * HOUR + 3 * MIN)).toBe('5 hours, 3 minutes');
    expect(inWords(HOUR)).toBe('1 hour');
    expect(inWords(59_000)).toBe('1 minute');
    expect(formatLinkDetails(adminLink({ expiresAt: NOW - DAY }), NOW)).toMatch(
      /Expires: +\S+ \(1 day ago\)$/m,
    );
    expect(formatLinkDetails(adminLink({ expiresAt: null }), NOW)).toMatch(/Expires: +never$/m);
  });

  it('uses plural rules: 1 file, 2 files', () => {
    const one = adminLink({
      usage: { files: 1, bytes: 100 },
      inFlight: { files: 1, bytes: 100 },
      limits: { maxFileSize: null, maxTotalBytes: null, maxFiles: 1, allowedTypes: [] },
    });
    const details = formatLinkDetails(one, NOW);
    expect(details).toMatch(/Used: +1\/1 file, 100 B \(verified\)$/m);
    expect(details).toMatch(/In flight: +1 file, 100 B$/m);
    expect(details).toMatch(/Max files: +1$/m);
    expect(formatLinkTable([adminLink({ usage: { files: 1, bytes: 5 } })], NOW)).toContain(
      '1 file, 5 B',
    );
    expect(formatLinkTable([adminLink({ usage: { files: 2, bytes: 5 } })], NOW)).toContain(
      '2 files, 5 B',
    );
  });
});
