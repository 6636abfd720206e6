import { describe, expect, it } from 'vitest';
import {
  checkLinkSettings,
  explainLinkSettingIssue,
  explainLinkSettingIssues,
  LINK_ISSUE_WORDS_API,
  LINK_ISSUE_WORDS_CLI,
  LINK_SETTING_PROBLEMS,
} from './link-settings';

describe('link settings', () => {
  it('accepts good settings and no settings', () => {
    expect(checkLinkSettings({})).toEqual([]);
    expect(
      checkLinkSettings({
        title: 'Scans',
        expiresInSeconds: 3 * 86_400,
        maxFileSize: 100_000,
        maxTotalBytes: null,
        maxFiles: 1,
        allowedTypes: ['image/*', '.pdf', 'application/pdf'],
        embedOrigins: ['https://forms.example.org', 'http://localhost:8081'],
      }),
    ).toEqual([]);
  });

  it('names each problem with the value, a suggestion where one is clear', () => {
    expect(
      checkLinkSettings({
        maxFiles: 0,
        maxFileSize: 'lots',
        expiresInSeconds: 0,
        allowedTypes: ['image/*', 'pdf', 'text/html; x'],
        embedOrigins: ['https://a.example/path', 'https://*.example.org', 'forms.example.org'],
      }),
    ).toEqual([
      { field: 'expires', problem: 'zero', value: '0' },
      { field: 'maxFileSize', problem: 'not-a-size', value: 'lots' },
      { field: 'maxFiles', problem: 'zero', value: '0' },
      { field: 'allowedTypes', problem: 'type-no-dot', value: 'pdf', suggestion: '.pdf' },
      { field: 'allowedTypes', problem: 'type-invalid', value: 'text/html; x' },
      {
        field: 'embedOrigins',
        problem: 'origin-path',
        value: 'https://a.example/path',
        suggestion: 'https://a.example',
      },
      { field: 'embedOrigins', problem: 'origin-wildcard', value: 'https://*.example.org' },
      {
        field: 'embedOrigins',
        problem: 'origin-not-a-url',
        value: 'forms.example.org',
        suggestion: 'https://forms.example.org',
      },
    ]);
    expect(checkLinkSettings({ maxFiles: 2.5 })).toMatchObject([{ problem: 'not-a-count' }]);
    expect(checkLinkSettings({ maxFiles: -1 })).toMatchObject([{ problem: 'not-a-count' }]);
    expect(checkLinkSettings({ title: 'x'.repeat(201) })).toMatchObject([
      { field: 'title', problem: 'too-long', limit: 200 },
    ]);
    expect(checkLinkSettings({ expiresInSeconds: 11 * 366 * 86_400 })).toMatchObject([
      { problem: 'too-long-lived', limit: 3660 },
    ]);
    expect(checkLinkSettings({ allowedTypes: Array(101).fill('.pdf') })).toMatchObject([
      { problem: 'too-many', limit: 100 },
    ]);
  });

  it('explains an issue in a sentence: field, what is wrong, a valid example (no schema dump)', () => {
    const [exe] = checkLinkSettings({ allowedTypes: ['exe'] });
    expect(explainLinkSettingIssue(exe!, LINK_ISSUE_WORDS_CLI)).toBe(
      '--types: “exe” is neither a file extension nor a MIME type. Extensions start with a dot, for example --types ".pdf,image/*". Did you mean .exe?',
    );
    const [path] = checkLinkSettings({ embedOrigins: ['https://a.example/path'] });
    expect(explainLinkSettingIssue(path!, LINK_ISSUE_WORDS_CLI)).toBe(
      '--embed-origins: “https://a.example/path” has a path; an origin is only scheme, host and port, for example --embed-origins https://forms.example.org. Did you mean https://a.example?',
    );
    const [zero] = checkLinkSettings({ maxFiles: 0 });
    expect(explainLinkSettingIssue(zero!, LINK_ISSUE_WORDS_API)).toBe(
      'maxFiles cannot be 0: the link would accept nothing. Leave it out for no limit, or give more, for example 20.',
    );
    // Every problem has words, with no placeholder left unfilled.
    for (const problem of LINK_SETTING_PROBLEMS) {
      const text = explainLinkSettingIssues(
        [{ field: 'maxFiles', problem, value: 'v', limit: 3 }],
        LINK_ISSUE_WORDS_CLI,
      );
      expect(text, problem).not.toMatch(/\{\w+\}/);
      expect(text, problem).toContain('--max-files');
    }
  });
});
