import { describe, expect, it } from 'vitest';
import type { ClosedSubmission } from './closed-submission';
import { submissionEvent } from './notify-event';

/**
 * A submission's manifest as the submissions feature writes it (times in ms, extra fields:
 * version, terms, closedBy, userAgent, verifiedAt), passed to the port as it is.
 */
const manifest = {
  version: 1 as const,
  link: { id: 'LINKLINKLINKLINKLINK01', title: 'Scans' },
  submission: {
    id: 'sub_01',
    uploader: { name: 'Ada', email: 'ada@example.com', phone: undefined },
    fields: { 'Student ID': 'S-42', Consent: true, Copies: 2 },
    terms: { hash: 'abc', acceptedAt: 1 },
    files: [
      {
        key: 'uploads/L/a.pdf',
        name: 'a.pdf',
        size: 10,
        contentType: 'application/pdf',
        crc64: '123',
        verifiedAt: 5,
      },
    ],
    failed: [
      {
        key: 'uploads/L/b.pdf',
        name: 'b.pdf',
        size: 3,
        contentType: 'application/pdf',
        reason: 'never completed',
      },
    ],
    totalBytes: 10,
    startedAt: Date.UTC(2026, 0, 1, 10, 0, 0),
    closedAt: Date.UTC(2026, 0, 1, 10, 5, 0),
    closedBy: 'finish' as const,
    userAgent: 'Mozilla/5.0',
    manifestKey: 'uploads/L/manifest.json',
  },
};

describe('the port’s input', () => {
  it('takes a manifest as it is and sends exactly the issue’s fields, times in ISO 8601', () => {
    const input: ClosedSubmission = manifest;
    const now = Date.UTC(2026, 0, 1, 10, 5, 2);
    const { body } = submissionEvent(input, 'https://up.example.com', now, 'en');
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-z]{9}-[A-Za-z0-9_-]{16}$/),
      type: 'submission.completed',
      createdAt: '2026-01-01T10:05:02.000Z',
      link: { id: 'LINKLINKLINKLINKLINK01', title: 'Scans' },
      submission: {
        id: 'sub_01',
        uploader: { name: 'Ada', email: 'ada@example.com' },
        fields: { 'Student ID': 'S-42', Consent: true, Copies: 2 },
        files: [
          {
            key: 'uploads/L/a.pdf',
            name: 'a.pdf',
            size: 10,
            contentType: 'application/pdf',
            crc64: '123',
          },
        ],
        failed: [
          {
            name: 'b.pdf',
            key: 'uploads/L/b.pdf',
            size: 3,
            contentType: 'application/pdf',
            reason: 'never completed',
          },
        ],
        totalBytes: 10,
        startedAt: '2026-01-01T10:00:00.000Z',
        closedAt: '2026-01-01T10:05:00.000Z',
        manifestKey: 'uploads/L/manifest.json',
      },
    });
    // The same submission told again (later) is the same event.
    expect(submissionEvent(input, 'https://up.example.com', now + 60_000, 'en').body.id).toBe(
      body.id,
    );
    expect(
      submissionEvent(
        { ...input, submission: { ...input.submission, id: 'sub_02' } },
        'x',
        now,
        'en',
      ).body.id,
    ).not.toBe(body.id);
  });
});
