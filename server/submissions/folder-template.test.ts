import { describe, expect, it } from 'vitest';
import { isSafePrefix } from '../links/link-types';
import {
  checkFolderTemplate,
  MAX_FOLDER_BYTES,
  MAX_VALUE_BYTES,
  resolveFolder,
} from './folder-template';

const asks = { details: ['name', 'email'] as const, fieldLabels: ['Student ID', 'Class'] };
const STARTED = Date.UTC(2026, 2, 7, 9, 5, 3);
const ID = 'AbCdEfGhIjKlMnOpQrStUv';
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function resolve(
  template: string,
  values: { name?: string; email?: string; id?: string; cls?: string },
) {
  return resolveFolder(
    template,
    {
      startedAt: STARTED,
      submissionId: ID,
      uploader: {
        ...(values.name !== undefined ? { name: values.name } : {}),
        ...(values.email !== undefined ? { email: values.email } : {}),
      },
      fields: {
        ...(values.id !== undefined ? { 'Student ID': values.id } : {}),
        ...(values.cls !== undefined ? { Class: values.cls } : {}),
      },
    },
    'uploads/link0000000000000000/',
  );
}

describe('folder templates: what the owner may write', () => {
  it.each([
    ['{date}/{email}/', '{date}/{email}/'],
    ['{date}/{email}', '{date}/{email}/'],
    ['  {field:Student ID}/{submission}  ', '{field:Student ID}/{submission}/'],
    ['年级/{name}-{time}/', '年级/{name}-{time}/'],
  ])('%j is accepted as %j', (template, normalised) => {
    expect(checkFolderTemplate(template, asks)).toBe(normalised);
  });

  it.each([
    ['', /empty/],
    ['../x/', /"\." or "\.\."/],
    ['a/../b/', /"\." or "\.\."/],
    ['./a', /"\." or "\.\."/],
    ['/abs/{date}', /relative/],
    ['a//b', /empty folder/],
    ['a\\b', /character folders may not hold/],
    ['a\u0000b', /character folders may not hold/],
    ['a\nb', /character folders may not hold/],
    ['%2e%2e/{date}', /character folders may not hold/],
    ['C:{date}', /character folders may not hold/],
    ['{unknown}/', /unknown placeholder \{unknown\}/],
    ['{field:Missing}/', /names no custom field/],
    ['{phone}/', /needs the link to ask for it/],
    ['{date', /without "}"/],
    ['date}', /without "\{"/],
    ['x'.repeat(161), /longer than 160 bytes/],
    ['{date}/'.repeat(7), /more than 6 placeholders/],
    ['a/b/c/d/e/f/g/h/i/', /more than 8 folders/],
  ])('%j is refused (%s)', (template, message) => {
    expect(() => checkFolderTemplate(template, asks)).toThrow(message);
  });
});

describe('folder templates: what hostile values become', () => {
  it.each([
    // [template, values, folder]
    ['{date}/{email}/', { email: 'ana@example.com' }, '2026-03-07/ana@example.com/'],
    ['{date}/{time}/', {}, '2026-03-07/09-05-03/'],
    ['{submission}/', {}, `${ID}/`],
    ['{name}/', { name: '../../etc/passwd' }, '_.._etc_passwd/'],
    ['{name}/', { name: '..' }, '_/'],
    ['{name}/', { name: '.' }, '_/'],
    ['{name}/x/', { name: '/abs' }, '_abs/x/'],
    ['{name}/', { name: 'a\\..\\..\\b' }, 'a_.._.._b/'],
    ['{name}/', { name: '%2e%2e%2f' }, '_2e_2e_2f/'],
    ['{name}/', { name: 'bad\u0000name\r\nhere' }, 'bad_name_here/'],
    ['{name}/', { name: 'evil\u202Etxt.exe' }, 'eviltxt.exe/'],
    ['{name}/', { name: 'CON' }, '_CON/'],
    ['{name}/', { name: '张三' }, '张三/'],
    // NFD input becomes NFC (one code point for é).
    ['{name}/', { name: 'Jose\u0301' }, 'José/'],
    ['{name}/', { name: '   ' }, '_/'],
    ['{field:Student ID}/{name}/', { id: '', name: 'Ana' }, '_/Ana/'],
    ['x{name}y/', { name: '..' }, 'x_y/'],
    ['.{name}/', { name: '.' }, '_/'],
  ])('%j with %j → %j', (template, values, folder) => {
    const resolved = resolve(template, values);
    expect(resolved).toBe(folder);
    expect(isSafePrefix(`uploads/link0000000000000000/${resolved}`)).toBe(true);
  });

  it('cuts a long value to a few dozen bytes at a character boundary', () => {
    const folder = resolve('{name}/{email}/', {
      name: '名'.repeat(500),
      email: `${'a'.repeat(900)}@x.io`,
    });
    const [name, email] = folder.split('/');
    expect(bytes(name!)).toBeLessThanOrEqual(MAX_VALUE_BYTES);
    expect(name).toBe('名'.repeat(13));
    expect(bytes(email!)).toBeLessThanOrEqual(MAX_VALUE_BYTES);
    expect(email!.endsWith('.io')).toBe(true);
  });

  it('never leaves the link folder, whatever the values (fuzzed)', () => {
    const nasty = [
      '..',
      '.',
      '/',
      '\\',
      '\u0000',
      '\u202E',
      '%2e',
      'CON',
      ' ',
      '名',
      'a',
      ':',
      '*',
      '\uD800',
    ];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const value = Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () => nasty[Math.floor(random() * nasty.length)],
      ).join('');
      const folder = resolve('{name}/{field:Class}/{submission}/', { name: value, cls: value });
      const prefix = 'uploads/link0000000000000000/';
      expect(isSafePrefix(prefix + folder), JSON.stringify(value)).toBe(true);
      expect(folder.split('/')).toHaveLength(4);
      expect(folder.endsWith(`${ID}/`)).toBe(true);
      expect(bytes(folder)).toBeLessThanOrEqual(MAX_FOLDER_BYTES);
    }
  });

  it('falls back to the submission id when the folder cannot sit under a very long prefix', () => {
    const long = `${'p'.repeat(200)}/${'q'.repeat(200)}/${'r'.repeat(60)}/`;
    const folder = resolveFolder(
      '{name}/{email}/{date}/',
      {
        startedAt: STARTED,
        submissionId: ID,
        uploader: { name: 'n'.repeat(60), email: 'e'.repeat(60) },
        fields: {},
      },
      long,
    );
    expect(folder).toBe(`${ID}/`);
  });
});
