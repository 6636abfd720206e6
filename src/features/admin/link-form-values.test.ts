import { describe, expect, it } from 'vitest';
import { EMPTY_LINK_FORM, toCreateRequest } from './link-form-values';

describe('toCreateRequest', () => {
  it('turns the form into a request: MB of 1024², days in seconds, empty means no limit', () => {
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
        maxFileSize: 2 * 1024 * 1024,
        allowedTypes: ['image/*', '.pdf', '.docx'],
      },
    });
    expect(toCreateRequest({ ...EMPTY_LINK_FORM, days: '' })).toEqual({ ok: true, request: {} });
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

describe('toCreateRequest: notification targets', () => {
  it('takes one target per line, and refuses a line that is no target', () => {
    expect(
      toCreateRequest({
        ...EMPTY_LINK_FORM,
        days: '',
        notify:
          ' https://hooks.example.com/x \n\nmailto:me@example.com\r\nwecom:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
      }),
    ).toEqual({
      ok: true,
      request: {
        notify: [
          'https://hooks.example.com/x',
          'mailto:me@example.com',
          'wecom:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
        ],
      },
    });
    expect(toCreateRequest({ ...EMPTY_LINK_FORM, notify: 'me@example.com' })).toEqual({
      ok: false,
      field: 'notify',
    });
    expect(toCreateRequest({ ...EMPTY_LINK_FORM, days: '', notify: '  \n ' })).toEqual({
      ok: true,
      request: {},
    });
  });
});
