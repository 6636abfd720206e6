import { describe, expect, it } from 'vitest';
import type { CustomField } from './submissions';
import { checkUploaderDetails } from './uploader-details';

const fields: CustomField[] = [
  { label: 'Student ID', type: 'text', required: true },
  { label: 'Contact', type: 'email', required: false },
  { label: 'Age', type: 'number', required: false },
  { label: 'Born', type: 'date', required: false },
  { label: 'Faculty', type: 'select', required: true, options: ['Arts', 'Science'] },
  { label: 'Over 18', type: 'checkbox', required: true },
  { label: 'Newsletter', type: 'checkbox', required: false },
];
const asks = { details: ['name', 'email', 'phone'] as const, fields };
const good = {
  details: { name: ' Ana\u202E ', email: 'ana@example.com', phone: '+86 (10) 1234-5678' },
  fields: { 'Student ID': 'S-1', Faculty: 'Arts', 'Over 18': true } as Record<
    string,
    string | number | boolean
  >,
};

describe('uploader details and fields', () => {
  it('accepts what the link asks, cleaned', () => {
    const r = checkUploaderDetails(asks, good.details, {
      ...good.fields,
      Age: '42',
      Newsletter: false,
    });
    expect(r).toEqual({
      ok: true,
      uploader: { name: 'Ana', email: 'ana@example.com', phone: '+86 (10) 1234-5678' },
      fields: { 'Student ID': 'S-1', Faculty: 'Arts', 'Over 18': true, Age: 42, Newsletter: false },
    });
  });

  it('names every missing detail and required field (an unticked required box counts)', () => {
    const r = checkUploaderDetails(asks, { name: '  ' }, { 'Over 18': false });
    expect(r).toEqual({
      ok: false,
      missing: ['name', 'email', 'phone', 'field:Student ID', 'field:Faculty', 'field:Over 18'],
      invalid: [],
    });
  });

  it.each([
    [{ email: 'not-an-address' }, {}, { field: 'email', reason: 'not-email' }],
    [{ phone: 'call me' }, {}, { field: 'phone', reason: 'not-phone' }],
    [{ name: 'x'.repeat(201) }, {}, { field: 'name', reason: 'too-long' }],
    [{ organisation: 'ACME' }, {}, { field: 'organisation', reason: 'not-asked' }],
    [{}, { Contact: 'nope' }, { field: 'field:Contact', reason: 'not-email' }],
    [{}, { Age: 'forty' }, { field: 'field:Age', reason: 'not-number' }],
    [{}, { Age: '1e999' }, { field: 'field:Age', reason: 'not-number' }],
    [{}, { Born: '2024-02-30' }, { field: 'field:Born', reason: 'not-date' }],
    [{}, { Faculty: 'Law' }, { field: 'field:Faculty', reason: 'not-an-option' }],
    [{}, { 'Over 18': 'yes' }, { field: 'field:Over 18', reason: 'not-checkbox' }],
    [{}, { 'Student ID': 7 }, { field: 'field:Student ID', reason: 'not-text' }],
    [{}, { 'Student ID': 'x'.repeat(1001) }, { field: 'field:Student ID', reason: 'too-long' }],
    [{}, { Extra: 'x' }, { field: 'field:Extra', reason: 'not-asked' }],
  ])('refuses %j %j: %j', (details, extra, problem) => {
    const r = checkUploaderDetails(
      asks,
      { ...good.details, ...details },
      { ...good.fields, ...(extra as Record<string, string | number | boolean>) },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.invalid).toEqual([problem]);
  });

  it('keeps a select option or answer that happens to read like a reason', () => {
    const r = checkUploaderDetails(
      {
        details: [],
        fields: [{ label: 'Q', type: 'select', required: true, options: ['too-long'] }],
      },
      {},
      { Q: 'too-long' },
    );
    expect(r).toEqual({ ok: true, uploader: {}, fields: { Q: 'too-long' } });
  });
});
