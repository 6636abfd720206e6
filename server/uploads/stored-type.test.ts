import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../protocol/crc64';
import type { CreateUploadResult, MultipartPlan, SinglePlan } from '../../protocol/schemas';
import {
  CompleteResponse,
  CreateUploadsResponse,
  ErrorBody,
  SignResponse,
} from '../../protocol/schemas';
import { createApp } from '../http/app';
import { mintLinkToken } from '../links/link-token';
import type { LinkOptions } from '../links/link-types';
import { createLinkClaims } from '../links/link-types';
import { createLogger } from '../log/logger';
import { sendParts } from '../testing/send-parts';
import type { TestStack } from '../testing/test-stack';
import { postJson, sendSigned, SMALL_PARTS, startTestStack } from '../testing/test-stack';
import { issueTicket, TICKET_TTL_SECONDS } from './ticket';

/**
 * The type an upload is stored with is always one its link allows, and agrees with the name
 * (protocol/file-types.ts). Checked through the API against the emulator, which verifies the
 * signed Content-Type like COS: what the server signs is what lands.
 */
const MIB = 1024 * 1024;
let stack: TestStack;
let app: Hono;

beforeAll(async () => {
  stack = await startTestStack(SMALL_PARTS);
  app = createApp({ config: stack.config, cos: stack.cos, logger: createLogger('silent') });
});
afterAll(async () => {
  await stack?.close();
});

function linkWith(options: LinkOptions) {
  const claims = createLinkClaims(options, stack.config.uploadPrefix);
  return { claims, token: mintLinkToken(stack.config.linkKeys, claims) };
}

const post = (token: string, route: string, body: unknown) => postJson(app, token, route, body);

async function plan(
  token: string,
  file: { name: string; type: string; size: number },
): Promise<CreateUploadResult> {
  const r = await post(token, '/uploads', { files: [{ clientId: 'f', ...file }] });
  expect(r.status).toBe(200);
  return CreateUploadsResponse.parse(r.json).results[0]!;
}

function single(result: CreateUploadResult): SinglePlan {
  if (!result.ok || result.upload.kind !== 'single') throw new Error('expected a single plan');
  return result.upload;
}

describe('the stored type', () => {
  it('of cv.pdf declared text/html on a .pdf-only link is application/pdf', async () => {
    const { token } = linkWith({ allowedTypes: ['.pdf'] });
    const body = Buffer.from('<html><script>alert(1)</script></html>');
    const upload = single(
      await plan(token, { name: 'cv.pdf', type: 'text/html', size: body.length }),
    );
    expect(upload.request.headers['Content-Type']).toBe('application/pdf');

    // The type is signed: the same bytes sent as text/html are refused by storage.
    const asHtml = await sendSigned(upload.request, body, { 'Content-Type': 'text/html' });
    expect(asHtml.status).toBe(403);
    expect(await asHtml.text()).toContain('SignatureDoesNotMatch');

    expect((await sendSigned(upload.request, body)).status).toBe(200);
    const done = await post(token, '/uploads/complete', {
      ticket: upload.ticket,
      crc64: crc64(body),
    });
    expect(CompleteResponse.parse(done.json).verified).toBe(true);
    expect((await stack.cos.headObject(upload.key))?.contentType).toBe('application/pdf');
  });

  it('of an SVG on an image/* link is refused: active types must be named', async () => {
    const { token } = linkWith({ allowedTypes: ['image/*'] });
    const result = await plan(token, { name: 'logo.svg', type: 'image/svg+xml', size: 10 });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'file-type-not-allowed',
        details: { allowed: ['image/*'], type: 'image/svg+xml', reason: 'active' },
      },
    });
    const named = linkWith({ allowedTypes: ['image/*', 'image/svg+xml'] });
    const svg = single(await plan(named.token, { name: 'logo.svg', type: '', size: 10 }));
    expect(svg.request.headers['Content-Type']).toBe('image/svg+xml');
  });

  it('of page.html declared image/png on an images-only link is refused', async () => {
    const { token } = linkWith({ allowedTypes: ['image/*'] });
    for (const name of ['page.html', 'page.html.', 'page.HTML ']) {
      const result = await plan(token, { name, type: 'image/png', size: 10 });
      expect(result, name).toMatchObject({
        ok: false,
        error: {
          code: 'file-type-not-allowed',
          details: { type: 'text/html', reason: 'not-allowed' },
        },
      });
    }
  });

  it('on a link without a type list is never an active one', async () => {
    const { token } = linkWith({});
    const html = single(await plan(token, { name: 'page.html', type: 'text/html', size: 10 }));
    expect(html.request.headers['Content-Type']).toBe('application/octet-stream');
    expect(html.key.endsWith('-page.html')).toBe(true);
    const pdf = single(await plan(token, { name: 'cv.pdf', type: 'text/html', size: 10 }));
    expect(pdf.request.headers['Content-Type']).toBe('application/pdf');
  });

  it('of a multipart upload is set by the signer when it initiates', async () => {
    const { token } = linkWith({ allowedTypes: ['.pdf'] });
    const data = randomBytes(MIB + 10);
    const result = await plan(token, { name: 'big.pdf', type: 'text/html', size: data.length });
    if (!result.ok || result.upload.kind !== 'multipart') throw new Error('expected multipart');
    const upload: MultipartPlan = result.upload;
    const signed = SignResponse.parse(
      (await post(token, '/uploads/sign', { ticket: upload.ticket, parts: [1, 2] })).json,
    );
    const parts = await sendParts(signed.parts!, data, upload.partSize);
    const done = await post(token, '/uploads/complete', {
      ticket: upload.ticket,
      crc64: crc64(data),
      parts,
    });
    expect(done.status).toBe(200);
    expect((await stack.cos.headObject(upload.key))?.contentType).toBe('application/pdf');
  });

  it('of a ticket issued before the rule is checked again when signing and completing', async () => {
    const { claims, token } = linkWith({ allowedTypes: ['.pdf'] });
    const key = `${claims.prefix}AAAAAAAAAAAAAAAAAAAAAA-cv.pdf`;
    const body = Buffer.from('<html></html>');
    const ticket = issueTicket(stack.config.linkKeys, {
      linkId: claims.id,
      key,
      size: body.length,
      type: 'text/html',
      mode: 'single',
      metaFileName: 'cv.pdf',
      exp: Math.floor(Date.now() / 1000) + TICKET_TTL_SECONDS,
    });
    const sign = await post(token, '/uploads/sign', { ticket });
    expect(sign.status).toBe(415);
    expect(ErrorBody.parse(sign.json).error.code).toBe('file-type-not-allowed');

    // A URL signed before the change may still have been used: complete removes what landed.
    const old = stack.cos.presignPut(key, {
      size: body.length,
      contentType: 'text/html',
      extraHeaders: {},
      expiresSeconds: 60,
    });
    expect((await sendSigned(old, body)).status).toBe(200);
    const done = await post(token, '/uploads/complete', { ticket, crc64: crc64(body) });
    expect(done.status).toBe(415);
    expect(await stack.cos.headObject(key)).toBeNull();
  });
});
