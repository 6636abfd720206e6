import { describe, expect, it } from 'vitest';
import { createTranslator, loadCatalogue } from '../../i18n/create-translator';
import { linkIssueText } from './link-issue-text';
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
        embedOrigins: 'https://forms.example.org, http://localhost:8081',
      }),
    ).toEqual({
      ok: true,
      request: {
        title: 'Scans',
        expiresInSeconds: 129_600,
        maxFiles: 20,
        maxFileSize: 2_000_000,
        allowedTypes: ['image/*', '.pdf', '.docx'],
        embedOrigins: ['https://forms.example.org', 'http://localhost:8081'],
      },
    });
    expect(toCreateRequest({ ...EMPTY_LINK_FORM, days: '' })).toEqual({ ok: true, request: {} });
    // A size may carry its unit, decimal as shown everywhere, binary when typed so.
    expect(
      toCreateRequest({ ...EMPTY_LINK_FORM, maxFileSizeMb: '100 kB', maxTotalMb: '2GiB' }),
    ).toMatchObject({ request: { maxFileSize: 100_000, maxTotalBytes: 2 * 1024 ** 3 } });
  });

  it('names every field that is wrong, with the value (issue 12 #14: the border alone turned red)', () => {
    expect(
      toCreateRequest({
        ...EMPTY_LINK_FORM,
        days: '0',
        maxFiles: '2.5',
        maxTotalMb: 'lots',
        types: 'image/*, pdf',
        embedOrigins: 'https://a.example/path',
      }),
    ).toEqual({
      ok: false,
      issues: [
        { field: 'maxFiles', problem: 'not-a-count', value: '2.5' },
        { field: 'maxTotalBytes', problem: 'not-a-size', value: 'lots' },
        { field: 'expires', problem: 'zero', value: '0' },
        { field: 'allowedTypes', problem: 'type-no-dot', value: 'pdf', suggestion: '.pdf' },
        {
          field: 'embedOrigins',
          problem: 'origin-path',
          value: 'https://a.example/path',
          suggestion: 'https://a.example',
        },
      ],
    });
    expect(toCreateRequest({ ...EMPTY_LINK_FORM, maxFiles: '0' })).toMatchObject({
      issues: [{ field: 'maxFiles', problem: 'zero' }],
    });
    expect(toCreateRequest({ ...EMPTY_LINK_FORM, days: '-1' })).toMatchObject({
      issues: [{ field: 'expires', problem: 'not-a-duration' }],
    });
  });

  it('explains each in a sentence, in English and Chinese', async () => {
    await loadCatalogue('zh-CN');
    const issue = {
      field: 'allowedTypes',
      problem: 'type-no-dot',
      value: 'pdf',
      suggestion: '.pdf',
    } as const;
    expect(linkIssueText(issue, createTranslator('en'))).toBe(
      'Allowed types: “pdf” is neither a file extension nor a MIME type. Extensions start with a dot, for example .pdf, image/*. Did you mean .pdf?',
    );
    expect(linkIssueText(issue, createTranslator('zh-CN'))).toBe(
      '允许的类型：“pdf”既不是文件扩展名，也不是 MIME 类型。扩展名以点开头，例如 .pdf, image/*。您是想写 .pdf 吗？',
    );
    const size = { field: 'maxFileSize', problem: 'not-a-size', value: 'lots' } as const;
    expect(linkIssueText(size, createTranslator('en'))).toBe(
      'Largest file: “lots” is not a size. Write a number and a unit, for example 500 MB.',
    );
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
      issues: [{ field: 'notify', problem: 'notify-target', value: 'me@example.com' }],
    });
    expect(toCreateRequest({ ...EMPTY_LINK_FORM, days: '', notify: '  \n ' })).toEqual({
      ok: true,
      request: {},
    });
  });
});
