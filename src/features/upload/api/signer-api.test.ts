import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../lib/api-client';
import { startLoopbackServer, type LoopbackServer } from '../../../../testing/loopback-server';
import { createSignerApi } from './signer-api';
import { getLink, getLinkQueryKey } from './get-link';

let server: LoopbackServer;
let base: string;
let answers: Record<string, { status: number; body?: unknown }>;

beforeEach(async () => {
  answers = {};
  server = await startLoopbackServer((req) => {
    const path = req.url.replace('/api/v1', '');
    const answer = answers[`${req.method} ${path}`] ?? { status: 404 };
    return {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
      body: answer.body === undefined ? '' : JSON.stringify(answer.body),
    };
  });
  base = `${server.origin}/api/v1`;
});

afterEach(async () => {
  await server.close();
});

function calls() {
  return server.requests.map((r) => {
    const text = new TextDecoder().decode(r.body);
    return {
      method: r.method,
      url: r.url.replace('/api/v1', ''),
      auth: r.headers.authorization,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
  });
}

const signed = {
  method: 'PUT',
  url: 'https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k?q-signature=x',
  headers: { 'x-cos-forbid-overwrite': 'true' },
  expiresAt: 2_000,
};

describe('signer endpoints', () => {
  it('POST /uploads, /uploads/sign, /uploads/complete, /uploads/parts, /uploads/abort with the token', async () => {
    answers['POST /uploads'] = {
      status: 200,
      body: {
        serverTime: 1,
        results: [
          {
            clientId: 'a',
            ok: true,
            upload: { kind: 'single', ticket: 't', key: 'k', request: signed },
          },
          { clientId: 'b', ok: false, error: { code: 'file-too-large', message: 'no' } },
        ],
      },
    };
    answers['POST /uploads/sign'] = { status: 200, body: { serverTime: 2, request: signed } };
    answers['POST /uploads/complete'] = {
      status: 200,
      body: { serverTime: 3, key: 'k', size: 1, crc64: '0', etag: '"e"', verified: true },
    };
    answers['POST /uploads/parts'] = {
      status: 200,
      body: { serverTime: 4, parts: [{ partNumber: 1, etag: '"p"', size: 5 }] },
    };
    answers['POST /uploads/abort'] = { status: 204 };

    const api = createSignerApi(createApiClient({ apiBase: base, getToken: () => 'tok' }));
    const created = await api.createUploads({
      files: [{ clientId: 'a', name: 'a.txt', size: 1, type: 'text/plain' }],
    });
    expect(created.results[0]).toMatchObject({ ok: true, upload: { kind: 'single', key: 'k' } });
    expect(created.results[1]).toMatchObject({ ok: false, error: { code: 'file-too-large' } });
    expect((await api.sign({ ticket: 't' })).request?.url).toBe(signed.url);
    expect((await api.complete({ ticket: 't', crc64: '0' })).verified).toBe(true);
    expect((await api.listParts({ ticket: 't' })).parts).toHaveLength(1);
    await expect(api.abort({ ticket: 't' })).resolves.toBeUndefined();

    const seen = calls();
    expect(seen.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /uploads',
      'POST /uploads/sign',
      'POST /uploads/complete',
      'POST /uploads/parts',
      'POST /uploads/abort',
    ]);
    expect(seen.every((c) => c.auth === 'Bearer tok')).toBe(true);
    expect(seen[2]!.body).toEqual({ ticket: 't', crc64: '0' });
  });

  it('POST /uploads/complete-batch with one result per upload', async () => {
    answers['POST /uploads/complete-batch'] = {
      status: 200,
      body: {
        serverTime: 5,
        results: [
          { ok: true, key: 'k', size: 1, crc64: '0', etag: '"e"', verified: true },
          { ok: false, error: { code: 'object-missing', message: 'not there' } },
        ],
      },
    };
    const api = createSignerApi(createApiClient({ apiBase: base, getToken: () => 'tok' }));
    const res = await api.completeBatch({
      uploads: [{ ticket: 'a', crc64: '0' }, { ticket: 'b' }],
    });
    expect(res.results.map((r) => r.ok)).toEqual([true, false]);
    const seen = calls();
    expect(seen.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /uploads/complete-batch']);
    expect(seen[0]!.body).toEqual({ uploads: [{ ticket: 'a', crc64: '0' }, { ticket: 'b' }] });
  });

  it('rejects a signed request whose URL is not a URL (protocol validation)', async () => {
    answers['POST /uploads/sign'] = {
      status: 200,
      body: { serverTime: 2, request: { ...signed, url: 'not a url' } },
    };
    const api = createSignerApi(createApiClient({ apiBase: base, getToken: () => 'tok' }));
    await expect(api.sign({ ticket: 't' })).rejects.toMatchObject({ code: 'signer-unavailable' });
  });

  it('maps complete errors to SignerError codes', async () => {
    answers['POST /uploads/complete'] = {
      status: 409,
      body: { error: { code: 'checksum-mismatch', message: 'crc differs' } },
    };
    const api = createSignerApi(createApiClient({ apiBase: base, getToken: () => 'tok' }));
    await expect(api.complete({ ticket: 't', crc64: '1' })).rejects.toMatchObject({
      code: 'checksum-mismatch',
      status: 409,
    });
  });

  it('GET /link returns the validated link info; the query key includes the token', async () => {
    answers['GET /link'] = {
      status: 200,
      body: {
        serverTime: 9,
        link: {
          id: 'l1',
          title: 'T',
          message: '',
          expiresAt: null,
          limits: { maxFileSize: null, maxTotalBytes: null, maxFiles: null, allowedTypes: [] },
          usage: null,
          multipartThreshold: 64 * 1024 * 1024,
        },
      },
    };
    const client = createApiClient({ apiBase: base, getToken: () => 'tok' });
    const info = await getLink(client);
    expect(info.link.id).toBe('l1');
    expect(getLinkQueryKey('tok')).toEqual(['signer', 'link', 'tok']);
    expect(getLinkQueryKey('a')).not.toEqual(getLinkQueryKey('b'));
  });
});
