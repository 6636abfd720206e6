import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crc64 } from '../../protocol/crc64';
import {
  CompleteResponse,
  CreateUploadsResponse,
  SignResponse,
  type CreateUploadResult,
  type SinglePlan,
} from '../../protocol/schemas';
import { useAppOnStack } from '../testing/app-on-stack';
import { sendParts } from '../testing/send-parts';
import { postJson, sendSigned, SMALL_PARTS } from '../testing/test-stack';
import { COS_METADATA_BYTES, fileNameRoom, metadataHeaders } from './file-metadata';

// Per-file metadata from an embedding host, end to end against the real emulator: signed into
// the upload, kept across a re-sign, stored on the object, refused when invalid.

const MIB = 1024 * 1024;
const on = useAppOnStack(SMALL_PARTS);

async function post(route: string, body: unknown): Promise<unknown> {
  return (await postJson(on.app, on.token, route, body)).json;
}

async function create(files: Array<Record<string, unknown>>): Promise<CreateUploadResult[]> {
  return CreateUploadsResponse.parse(await post('/uploads', { files })).results;
}

function single(result: CreateUploadResult | undefined): SinglePlan {
  if (!result?.ok || result.upload.kind !== 'single') throw new Error('expected a single plan');
  return result.upload;
}

describe('file metadata', () => {
  it('is signed into a single PUT, survives a re-sign and lands on the object', async () => {
    const metadata = { ticket: 'T-42', 'form-id': 'grant%20application' };
    const body = Buffer.from('metadata travels with the file');
    const [result] = await create([
      { clientId: 'a', name: 'form.txt', size: body.length, type: 'text/plain', metadata },
    ]);
    const plan = single(result);
    expect(plan.request.headers).toMatchObject({
      'x-cos-meta-ticket': 'T-42',
      'x-cos-meta-form-id': 'grant%20application',
      'x-cos-meta-filename': 'form.txt',
    });

    // The browser cannot change a pair: the store refuses the altered header.
    const altered = await sendSigned(plan.request, body, { 'x-cos-meta-ticket': 'T-43' });
    expect(altered.status).toBe(403);

    // A re-sign (expired URL) signs the very same pairs, from the ticket alone.
    const resigned = SignResponse.parse(await post('/uploads/sign', { ticket: plan.ticket }));
    expect(resigned.request!.headers).toMatchObject(metadataHeaders(metadata));
    expect((await sendSigned(resigned.request!, body)).status).toBe(200);

    const done = CompleteResponse.parse(
      await post('/uploads/complete', { ticket: plan.ticket, crc64: crc64(body).toString() }),
    );
    expect(done.verified).toBe(true);
    const head = await on.stack.cos.headObject(plan.key);
    expect(head?.meta).toEqual({ ...metadata, filename: 'form.txt' });
  });

  it('is fixed at initiation for a multipart upload', async () => {
    const data = randomBytes(1.5 * MIB);
    const [result] = await create([
      { clientId: 'm', name: 'big.bin', size: data.length, type: '', metadata: { case: 'c-7' } },
    ]);
    if (!result?.ok || result.upload.kind !== 'multipart') throw new Error('expected multipart');
    const plan = result.upload;
    const signed = SignResponse.parse(
      await post('/uploads/sign', { ticket: plan.ticket, parts: [1, 2] }),
    );
    const parts = await sendParts(signed.parts!, data, plan.partSize);
    const done = CompleteResponse.parse(
      await post('/uploads/complete', {
        ticket: plan.ticket,
        parts,
        crc64: crc64(data).toString(),
      }),
    );
    expect(done.verified).toBe(true);
    expect((await on.stack.cos.headObject(plan.key))?.meta).toEqual({
      case: 'c-7',
      filename: 'big.bin',
    });
  });

  it('refuses invalid pairs file by file with invalid-request', async () => {
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v']));
    const bad: Array<Record<string, string>> = [
      { Ticket: 'upper-case key' },
      { ticket_id: 'underscore' },
      { filename: 'reserved.txt' },
      { note: 'has a space' },
      { note: 'crlf\r\nx-cos-acl:public-read' },
      { note: '报告' },
      { note: '' },
      eleven,
      { big: 'x'.repeat(1022) },
    ];
    const results = await create([
      ...bad.map((metadata, i) => ({
        clientId: `bad${i}`,
        name: 'x.txt',
        size: 1,
        type: '',
        metadata,
      })),
      { clientId: 'good', name: 'x.txt', size: 1, type: '', metadata: { big: 'x'.repeat(1021) } },
    ]);
    for (const [i, r] of results.slice(0, -1).entries()) {
      expect(r, JSON.stringify(bad[i])).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
    expect(results.at(-1)!.ok).toBe(true);
  });

  it('shortens a long file name so all metadata fits in COS’s 2 KB', async () => {
    const metadata = { big: 'x'.repeat(1021) };
    const name = `${'报'.repeat(400)}.txt`;
    const body = Buffer.from('long name');
    const plan = single(
      (await create([{ clientId: 'n', name, size: body.length, type: '', metadata }]))[0],
    );
    const stored = plan.request.headers['x-cos-meta-filename']!;
    expect(stored.length).toBeLessThanOrEqual(fileNameRoom(metadata));
    expect('filename'.length + stored.length + 3 + 1021).toBeLessThanOrEqual(COS_METADATA_BYTES);
    expect(decodeURIComponent(stored)).toBe('报'.repeat(stored.length / 9));
    // The emulator enforces COS's 2 KB: the PUT is accepted.
    expect((await sendSigned(plan.request, body)).status).toBe(200);
  });
});
