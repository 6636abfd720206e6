import { describe, expect, it } from 'vitest';
import { verifyPassword } from './password-hash';
import {
  buildSubmissionSettings,
  hasSubmissionOptions,
  ownerViewOf,
  parseSubmissionSettings,
  settingsDigest,
  termsHash,
} from './submission-settings';

describe('link submission settings', () => {
  it('a link that asks nothing has no settings', async () => {
    expect(hasSubmissionOptions({})).toBe(false);
    expect(await buildSubmissionSettings({ ask: [], fields: [] })).toBeNull();
  });

  it('stores the password only as a scrypt hash with its parameters', async () => {
    const s = (await buildSubmissionSettings({
      ask: ['email', 'name', 'email'],
      fields: [{ label: ' Faculty ', type: 'select', required: true, options: ['Arts', 'Law'] }],
      password: 'correct horse',
      terms: 'Be nice.\r\n',
      folderTemplate: '{date}/{email}',
    }))!;
    expect(s.details).toEqual(['name', 'email']);
    expect(s.fields).toEqual([
      { label: 'Faculty', type: 'select', required: true, options: ['Arts', 'Law'] },
    ]);
    expect(s.terms).toEqual({ text: 'Be nice.', hash: termsHash('Be nice.') });
    expect(s.folderTemplate).toBe('{date}/{email}/');
    expect(s.password).toMatchObject({ algo: 'scrypt', N: 32768, r: 8, p: 1, keyLength: 32 });
    expect(JSON.stringify(s)).not.toContain('correct horse');
    expect(await verifyPassword(s.password!, 'correct horse')).toBe(true);
    expect(await verifyPassword(s.password!, 'correct horse ')).toBe(false);
    // Stored and read back, it is the same settings with the same digest; the owner's view
    // says there is a password, never what it is or its hash.
    const again = parseSubmissionSettings(JSON.parse(JSON.stringify(s)))!;
    expect(settingsDigest(again)).toBe(settingsDigest(s));
    expect(JSON.stringify(ownerViewOf(s))).not.toContain(s.password!.hash);
    expect(ownerViewOf(s).password).toBe(true);
  });

  it('two links with the same password get different salts and digests', async () => {
    const a = (await buildSubmissionSettings({ password: 'same-pass' }))!;
    const b = (await buildSubmissionSettings({ password: 'same-pass' }))!;
    expect(a.password!.salt).not.toBe(b.password!.salt);
    expect(settingsDigest(a)).not.toBe(settingsDigest(b));
  });

  it.each([
    [{ ask: ['address'] }, /"address" is not a detail/],
    [{ fields: [{ label: '', type: 'text' }] }, /needs a label/],
    [{ fields: [{ label: 'A:B', type: 'text' }] }, /may not contain/],
    [{ fields: [{ label: 'Age', type: 'integer' }] }, /type must be one of text, email/],
    [{ fields: [{ label: 'F', type: 'select' }] }, /a select needs 1 to 50 options/],
    [{ fields: [{ label: 'F', type: 'text', options: ['x'] }] }, /only a select field has options/],
    [{ fields: [{ label: 'F', type: 'select', options: ['x', 'x'] }] }, /listed twice/],
    [
      {
        fields: [
          { label: 'Id', type: 'text' },
          { label: 'ID', type: 'text' },
        ],
      },
      /defined twice/,
    ],
    [
      { fields: Array.from({ length: 11 }, (_, i) => ({ label: `f${i}`, type: 'text' })) },
      /at most 10 custom fields/,
    ],
    [{ password: 'abc' }, /4 to 256 characters/],
    [{ terms: '   ' }, /terms are empty/],
    [{ terms: 'x'.repeat(20_001) }, /at most 20000 characters/],
    [{ folderTemplate: '{email}/' }, /needs the link to ask for it/],
  ])('refuses %j', async (options, message) => {
    await expect(buildSubmissionSettings(options)).rejects.toThrow(message);
  });
});
