import { describe, expect, it } from 'vitest';
import type { PreflightCheck } from '../../../protocol/admin';
import { interpretSelfTest } from './run-self-test';

const preflight = (problems: PreflightCheck['problems']): PreflightCheck => ({
  origin: 'https://portal.example.com',
  status: problems.length ? 403 : 200,
  allowOrigin: null,
  allowMethods: [],
  allowHeaders: [],
  exposeHeaders: [],
  problems,
});
const CRC = '5981764153023615706';
const ok = { blocked: false as const, status: 200, etag: '"abc"', crc64: CRC };

describe('interpretSelfTest', () => {
  it('finds nothing to fix when the browser read everything', () => {
    expect(interpretSelfTest(preflight([]), ok, CRC)).toEqual([]);
  });

  it('explains a blocked upload with the server’s diagnosis, or the origin when it has none', () => {
    expect(interpretSelfTest(preflight(['put-not-allowed']), { blocked: true }, CRC)).toEqual([
      'put-not-allowed',
    ]);
    expect(interpretSelfTest(preflight(['headers-not-allowed']), { blocked: true }, CRC)).toEqual([
      'headers-not-allowed',
    ]);
    expect(interpretSelfTest(preflight([]), { blocked: true }, CRC)).toEqual([
      'origin-not-allowed',
    ]);
  });

  it('names unreadable headers the browser met itself', () => {
    expect(interpretSelfTest(preflight([]), { ...ok, etag: null }, CRC)).toEqual([
      'etag-not-exposed',
    ]);
    expect(interpretSelfTest(preflight([]), { ...ok, crc64: null }, CRC)).toEqual([
      'crc64-not-exposed',
    ]);
    expect(interpretSelfTest(preflight([]), { ...ok, etag: null, crc64: null }, CRC)).toEqual([
      'etag-not-exposed',
      'crc64-not-exposed',
    ]);
  });

  it('reports a refused or altered upload', () => {
    expect(interpretSelfTest(preflight([]), { ...ok, status: 403 }, CRC)).toEqual(['put-failed']);
    expect(interpretSelfTest(preflight([]), { ...ok, crc64: '1' }, CRC)).toEqual(['put-failed']);
  });

  it('adds exposure problems the server saw even when the browser could read', () => {
    expect(interpretSelfTest(preflight(['etag-not-exposed']), ok, CRC)).toEqual([
      'etag-not-exposed',
    ]);
  });
});
