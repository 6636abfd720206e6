import { describe, expect, it } from 'vitest';
// The signer's own check, to prove the page refuses what it refuses (tests may cross layers).
import { buildSubmissionSettings } from '../../../server/submissions/submission-settings';
import {
  EMPTY_FIELD,
  EMPTY_SUBMISSION_FORM,
  toSubmissionSettings,
  type SubmissionFormValues,
} from './submission-form-values';

describe('toSubmissionSettings', () => {
  it('asks nothing when the part is left empty (the link behaves as before)', () => {
    expect(toSubmissionSettings(EMPTY_SUBMISSION_FORM)).toEqual({ ok: true, request: {} });
  });

  it('turns the form into ask, fields, password, terms and folder template', () => {
    const result = toSubmissionSettings({
      ask: ['name', 'email'],
      fields: [
        { label: ' Student ID ', type: 'text', required: true, options: '' },
        { label: 'Faculty', type: 'select', required: false, options: 'Arts\n\n Science \n' },
      ],
      password: 'open sesame',
      terms: ' I own it.\r\nReally. ',
      folderTemplate: '{date}/{email}/{field:Student ID}/',
    });
    expect(result).toEqual({
      ok: true,
      request: {
        ask: ['name', 'email'],
        fields: [
          { label: 'Student ID', type: 'text', required: true },
          { label: 'Faculty', type: 'select', required: false, options: ['Arts', 'Science'] },
        ],
        password: 'open sesame',
        terms: 'I own it.\nReally.',
        folderTemplate: '{date}/{email}/{field:Student ID}/',
      },
    });
  });

  it('names every problem at once, by question and setting', () => {
    const result = toSubmissionSettings({
      ask: ['name'],
      fields: [
        { ...EMPTY_FIELD, label: '' },
        { ...EMPTY_FIELD, label: 'A:B' },
        { ...EMPTY_FIELD, label: 'dup' },
        { ...EMPTY_FIELD, label: 'DUP' },
        { ...EMPTY_FIELD, label: 'Choice', type: 'select', options: ' \n' },
        { ...EMPTY_FIELD, label: 'Twice', type: 'select', options: 'x\nx' },
      ],
      password: 'abc',
      terms: '',
      folderTemplate: '../{email}/{nope}/{field:Missing}/{',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      { where: 'field', index: 0, problem: 'label-empty' },
      { where: 'field', index: 1, problem: 'label-chars' },
      { where: 'field', index: 3, problem: 'label-twice' },
      { where: 'field', index: 4, problem: 'no-options' },
      { where: 'field', index: 5, problem: 'option-twice' },
      { where: 'password', problem: 'password-length' },
      { where: 'folderTemplate', problem: 'template-dots' },
      { where: 'folderTemplate', problem: 'placeholder-unasked', placeholder: '{email}' },
      { where: 'folderTemplate', problem: 'placeholder-unknown', placeholder: '{nope}' },
      { where: 'folderTemplate', problem: 'placeholder-unasked', placeholder: '{field:Missing}' },
      { where: 'folderTemplate', problem: 'placeholder-unknown', placeholder: '{' },
    ]);
  });

  it('refuses each folder template the signer refuses, so its English never reaches the page', async () => {
    const asks = { ask: ['email' as const], fields: [{ ...EMPTY_FIELD, label: 'Student ID' }] };
    const templates = [
      '{date}/{email}/',
      '{date}/{field:Student ID}',
      'a/b/c/d/e/f/g/h/',
      'a/b/c/d/e/f/g/h/i/',
      '{date}{date}{date}{date}{date}{date}',
      '{date}{date}{date}{date}{date}{date}{time}',
      'a//b',
      '/a',
      'a/../b',
      './a',
      'a:b/',
      'what?/',
      '50%/',
      'tab\there/',
      'x}y',
      '{date',
      '{Date}/',
      '{field:}/',
      '{name}/',
      'reports/{date}-{submission}/',
      'x'.repeat(161),
      '年/{date}/',
    ];
    for (const folderTemplate of templates) {
      const values: SubmissionFormValues = { ...EMPTY_SUBMISSION_FORM, ...asks, folderTemplate };
      const page = toSubmissionSettings(values);
      const signer = await buildSubmissionSettings(
        page.ok
          ? page.request
          : {
              ask: values.ask,
              fields: [{ label: 'Student ID', type: 'text', required: true }],
              folderTemplate,
            },
      ).then(
        () => 'ok',
        (error: Error) => error.message,
      );
      expect({ folderTemplate, page: page.ok }).toEqual({ folderTemplate, page: signer === 'ok' });
    }
  });
});
