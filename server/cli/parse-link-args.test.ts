import { describe, expect, it } from 'vitest';
import {
  LinkOptionsError,
  parseDuration,
  parseFieldSpec,
  parseLinkArgs,
  parseLinkCommand,
  parseSize,
} from './parse-link-args';

describe('link CLI arguments', () => {
  it('parses sizes and durations', () => {
    expect(parseSize('500')).toBe(500);
    expect(parseSize('500MB')).toBe(500_000_000);
    expect(parseSize('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseSize('1.5 KiB')).toBe(1536);
    expect(() => parseSize('lots')).toThrow(/not a size/);
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('30m')).toBe(1800);
    expect(parseDuration('7d')).toBe(604_800);
    expect(() => parseDuration('0h')).toThrow();
    expect(parseDuration('1w')).toBe(604_800);
    expect(parseDuration('3 days')).toBe(259_200);
    expect(parseDuration('90 minutes')).toBe(5400);
    expect(() => parseDuration('3 fortnights')).toThrow(/not a duration/);
  });

  it('maps every option', () => {
    expect(
      parseLinkArgs([
        '--title',
        'Scans',
        '--message=Hello',
        '--expires',
        '12h',
        '--max-file-size',
        '2GiB',
        '--max-total',
        '10GB',
        '--max-files',
        '20',
        '--types',
        'image/*, .pdf',
        '--embed-origins',
        'https://a.example.com',
        '--json',
      ]),
    ).toEqual({
      json: true,
      register: true,
      options: {
        title: 'Scans',
        message: 'Hello',
        expiresInSeconds: 43_200,
        maxFileSize: 2 * 1024 ** 3,
        maxTotalBytes: 10e9,
        maxFiles: 20,
        allowedTypes: ['image/*', '.pdf'],
        embedOrigins: ['https://a.example.com'],
      },
    });
    expect(() => parseLinkArgs(['--bogus', 'x'])).toThrow(/unknown option/);
    expect(() => parseLinkArgs(['--title'])).toThrow(/needs a value/);
  });

  it('reads subcommands; bare options mean create', () => {
    expect(parseLinkCommand(['--title', 'x'])).toMatchObject({
      command: 'create',
      options: { title: 'x' },
    });
    expect(parseLinkCommand([])).toMatchObject({ command: 'create', options: {} });
    expect(parseLinkCommand(['create', '--max-files', '3', '--no-register'])).toMatchObject({
      command: 'create',
      options: { maxFiles: 3 },
      register: false,
    });
    expect(parseLinkCommand(['list', '--json'])).toEqual({ command: 'list', json: true });
    expect(parseLinkCommand(['show', 'abc'])).toEqual({ command: 'show', id: 'abc', json: false });
    expect(parseLinkCommand(['revoke', 'abc', '--reason', 'leaked', '--json'])).toEqual({
      command: 'revoke',
      id: 'abc',
      reason: 'leaked',
      json: true,
    });
    expect(parseLinkCommand(['--help'])).toEqual({ command: 'help' });
    expect(() => parseLinkCommand(['show'])).toThrow(/needs a link id/);
    expect(() => parseLinkCommand(['revoke', 'a', '--force'])).toThrow(/unknown argument/);
    expect(() => parseLinkCommand(['delete', 'a'])).toThrow(/unknown command/);
    expect(() => parseLinkCommand(['list', 'x'])).toThrow(/no arguments/);
  });
});

describe('what a link asks, on the command line', () => {
  it('maps --ask, --field, --password-stdin, --terms-file and --folder-template', () => {
    expect(
      parseLinkArgs([
        '--ask',
        'name, email',
        '--field',
        'Student ID:text:required',
        '--field=Faculty:select:required:Arts|Science | Law',
        '--field',
        'Newsletter:checkbox',
        '--password-stdin',
        '--terms-file',
        'terms.txt',
        '--folder-template',
        '{date}/{email}/',
      ]),
    ).toEqual({
      json: false,
      register: true,
      passwordFromStdin: true,
      termsFile: 'terms.txt',
      options: {
        ask: ['name', 'email'],
        fields: [
          { label: 'Student ID', type: 'text', required: true },
          { label: 'Faculty', type: 'select', required: true, options: ['Arts', 'Science', 'Law'] },
          { label: 'Newsletter', type: 'checkbox', required: false },
        ],
        folderTemplate: '{date}/{email}/',
      },
    });
    expect(parseFieldSpec('Due:date:optional')).toEqual({
      label: 'Due',
      type: 'date',
      required: false,
    });
    expect(() => parseFieldSpec('Student ID')).toThrow(/needs "Label:type"/);
    expect(() => parseLinkArgs(['--password', 'hunter2'])).toThrow(/--password-stdin/);
    expect(() => parseLinkArgs(['--password=hunter2'])).toThrow(/--password-stdin/);
    expect(() => parseLinkArgs(['--terms', 'a', '--terms-file', 'b'])).toThrow(/not both/);
    expect(parseLinkCommand(['submissions', 'abc', '--json'])).toEqual({
      command: 'submissions',
      id: 'abc',
      json: true,
    });
    expect(() => parseLinkCommand(['submissions'])).toThrow(/needs a link id/);
  });

  it('names every wrong value at once, and a word outside quotes', () => {
    let caught: unknown;
    try {
      parseLinkArgs(['--types', 'image/*,pdf', '--max-total', 'lots', '--max-files', '0']);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LinkOptionsError);
    expect((caught as LinkOptionsError).issues).toEqual([
      { field: 'maxTotalBytes', problem: 'not-a-size', value: 'lots' },
      { field: 'maxFiles', problem: 'zero', value: '0' },
      { field: 'allowedTypes', problem: 'type-no-dot', value: 'pdf', suggestion: '.pdf' },
    ]);
    expect(() => parseLinkArgs(['--expires', '3', 'days'])).toThrow(
      'unexpected "days" after 3: options start with --, and a value with spaces goes in quotes',
    );
  });
});
