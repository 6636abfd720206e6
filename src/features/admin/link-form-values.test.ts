import { describe, expect, it } from 'vitest';
import { EMPTY_LINK_FORM, toCreateRequest } from './link-form-values';

describe('toCreateRequest', () => {
  it('turns the form into a request: MB of 1000², days in seconds, empty means no limit', () => {
    expect(
      toCreateRequest({
        title: ' Scans ',
        message: '',
        days: '1.5',
        maxFiles: '20',
        maxFileSizeMb: '2',
        maxTotalMb: '',
        types: 'image/*, .pdf，.docx',
      }),
    ).toEqual({
      ok: true,
      request: {
        title: 'Scans',
        expiresInSeconds: 129_600,
        maxFiles: 20,
        maxFileSize: 2_000_000,
        allowedTypes: ['image/*', '.pdf', '.docx'],
      },
    });
    expect(toCreateRequest({ ...EMPTY_LINK_FORM, days: '' })).toEqual({ ok: true, request: {} });
    // A size may carry its unit, decimal as shown everywhere, binary when typed so.
    expect(
      toCreateRequest({ ...EMPTY_LINK_FORM, maxFileSizeMb: '100 kB', maxTotalMb: '2GiB' }),
    ).toMatchObject({ request: { maxFileSize: 100_000, maxTotalBytes: 2 * 1024 ** 3 } });
    expect(toCreateRequest({ ...EMPTY_LINK_FORM, maxFiles: '0' })).toMatchObject({
      request: { maxFiles: 0 },
    });
  });

  it('names the first field that is not a usable number', () => {
    expect(toCreateRequest({ ...EMPTY_LINK_FORM, maxFiles: '2.5' })).toEqual({
      ok: false,
      field: 'maxFiles',
    });
    expect(toCreateRequest({ ...EMPTY_LINK_FORM, maxTotalMb: 'lots' })).toEqual({
      ok: false,
      field: 'maxTotalMb',
    });
    expect(toCreateRequest({ ...EMPTY_LINK_FORM, days: '-1' })).toEqual({
      ok: false,
      field: 'days',
    });
  });
});
