import type COS from 'cos-nodejs-sdk-v5';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeKeyPath } from './cos-encoding';
import { SDK_BUCKET as B, cosRequest, errorCode, sdkClient, useTestEmulator } from './test-harness';

/**
 * Object ACLs (issue 12 #2/#20). COS applies `x-cos-acl` and `x-cos-grant-*` whether or not
 * they are signed, so a link holder can add `x-cos-acl: public-read` to a pre-signed PUT that
 * does not bind an ACL and make the upload public. The emulator must model that, or no test
 * can show the attack or prove its fix.
 */

const t = useTestEmulator();
let cos: COS;
beforeAll(() => {
  cos = sdkClient(t);
});

/** A signed PUT; `unsigned` headers are sent but not part of the signature. */
const put = (
  key: string,
  body: string,
  signed: Record<string, string> = {},
  unsigned: Record<string, string> = {},
) =>
  cosRequest(t, {
    method: 'PUT',
    path: encodeKeyPath(key),
    body,
    headers: { 'Content-Length': String(Buffer.byteLength(body)), ...signed },
    unsignedHeaders: unsigned,
  });

/** No signature at all: what anyone on the internet can do. */
const anonymous = (method: 'GET' | 'HEAD' | 'PUT', key: string, body?: string) =>
  cosRequest(t, {
    method,
    path: encodeKeyPath(key),
    sign: false,
    ...(body !== undefined ? { body } : {}),
  });

const aclOf = (key: string) => cosRequest(t, { method: 'GET', path: `${encodeKeyPath(key)}?acl` });

describe('object ACL from upload headers', () => {
  it('an unsigned x-cos-acl: public-read makes the object readable without a signature', async () => {
    const res = await put('acl/public.txt', 'for everyone', {}, { 'x-cos-acl': 'public-read' });
    expect(res.status).toBe(200);
    const get = await anonymous('GET', 'acl/public.txt');
    expect(get.status).toBe(200);
    expect(get.text).toBe('for everyone');
    expect((await anonymous('HEAD', 'acl/public.txt')).status).toBe(200);

    const acl = await aclOf('acl/public.txt');
    expect(acl.status).toBe(200);
    expect(acl.headers['x-cos-acl']).toBe('public-read');
    expect(acl.text).toContain('<URI>http://cam.qcloud.com/groups/global/AllUsers</URI>');
    expect(acl.text).toMatch(/AllUsers<\/URI>\s*<\/Grantee>\s*<Permission>READ<\/Permission>/);
  });

  it('without an ACL header (or with private) the object is private: 403 without a signature', async () => {
    await put('acl/default.txt', 'mine');
    await put('acl/private.txt', 'mine', { 'x-cos-acl': 'private' });
    for (const key of ['acl/default.txt', 'acl/private.txt']) {
      const get = await anonymous('GET', key);
      expect(get.status).toBe(403);
      expect(errorCode(get)).toBe('AccessDenied');
      expect((await anonymous('HEAD', key)).status).toBe(403);
    }
    // A missing key looks the same as a private one to a stranger.
    expect(errorCode(await anonymous('GET', 'acl/missing.txt'))).toBe('AccessDenied');
    expect((await aclOf('acl/default.txt')).headers['x-cos-acl']).toBe('default');
    const priv = await aclOf('acl/private.txt');
    expect(priv.headers['x-cos-acl']).toBe('private');
    expect(priv.text).not.toContain('AllUsers');
    expect(priv.text).toContain('<Permission>FULL_CONTROL</Permission>');
  });

  it('grants: READ to anyone makes it public; a grant to an account is listed, not public', async () => {
    await put(
      'acl/grant-anyone.txt',
      'x',
      {},
      { 'x-cos-grant-read': 'id="qcs::cam::anyone:anyone"' },
    );
    expect((await anonymous('GET', 'acl/grant-anyone.txt')).status).toBe(200);
    await put('acl/grant-uin.txt', 'x', {}, { 'x-cos-grant-read': 'id="100000000011"' });
    expect((await anonymous('GET', 'acl/grant-uin.txt')).status).toBe(403);
    const acl = await aclOf('acl/grant-uin.txt');
    expect(acl.text).toContain('<ID>qcs::cam::uin/100000000011:uin/100000000011</ID>');
  });

  it('a value COS does not accept is a 400 InvalidArgument and nothing is stored', async () => {
    const bad = await put('acl/bad.txt', 'x', {}, { 'x-cos-acl': 'public-read-write-ish' });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('InvalidArgument');
    expect(bad.text).toContain('x-cos-acl');
    const badGrant = await put('acl/bad.txt', 'x', {}, { 'x-cos-grant-read': 'everyone' });
    expect(errorCode(badGrant)).toBe('InvalidArgument');
    expect((await cosRequest(t, { method: 'HEAD', path: '/acl/bad.txt' })).status).toBe(404);
  });

  it('without a signature nothing can be written, whatever the ACL of an object', async () => {
    await put('acl/public-target.txt', 'x', {}, { 'x-cos-acl': 'public-read' });
    const res = await anonymous('PUT', 'acl/public-target.txt', 'overwritten');
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('AccessDenied');
  });

  it('InitiateMultipartUpload fixes the ACL, also when unsigned; Complete applies it', async () => {
    const key = 'acl/multipart.bin';
    const init = await cosRequest(t, {
      method: 'POST',
      path: `${encodeKeyPath(key)}?uploads`,
      unsignedHeaders: { 'x-cos-acl': 'public-read' },
    });
    expect(init.status).toBe(200);
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)![1]!;
    const part = await cosRequest(t, {
      method: 'PUT',
      path: `${encodeKeyPath(key)}?partNumber=1&uploadId=${uploadId}`,
      body: 'parts',
    });
    expect((await anonymous('GET', key)).status).toBe(403);
    const done = await cosRequest(t, {
      method: 'POST',
      path: `${encodeKeyPath(key)}?uploadId=${uploadId}`,
      body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${String(part.headers.etag)}</ETag></Part></CompleteMultipartUpload>`,
    });
    expect(done.status).toBe(200);
    const get = await anonymous('GET', key);
    expect(get.status).toBe(200);
    expect(get.text).toBe('parts');
    expect((await aclOf(key)).headers['x-cos-acl']).toBe('public-read');
  });

  it('the SDK reads the ACL back (getObjectAcl)', async () => {
    await put('acl/sdk.txt', 'x', {}, { 'x-cos-acl': 'public-read' });
    const acl = await cos.getObjectAcl({ ...B, Key: 'acl/sdk.txt' });
    expect(acl.ACL).toBe('public-read');
    expect(acl.Owner.ID).toMatch(/^qcs::cam::uin\/\d+:uin\/\d+$/);
  });
});

describe('the attack with an SDK pre-signed URL', () => {
  /** Signed as server/cos/cos-client.ts presignPut signs a contributor's single PUT today. */
  function presignLikeTheSigner(key: string, size: number, extra: Record<string, string> = {}) {
    const headers = {
      'Content-Length': String(size),
      'Content-Type': 'application/pdf',
      'x-cos-forbid-overwrite': 'true',
      'x-cos-meta-filename': 'cv.pdf',
      ...extra,
    };
    const url = cos.getObjectUrl(
      { ...B, Key: key, Method: 'PUT', Expires: 900, Headers: headers },
      () => {},
    );
    const { 'Content-Length': _length, ...browserHeaders } = headers;
    return { url, headers: browserHeaders };
  }
  const body = new TextEncoder().encode('%PDF-1.7 not really');

  it('a link holder adds x-cos-acl: public-read to a URL that does not bind it: the upload is public', async () => {
    const key = 'uploads/link1/abc/cv.pdf';
    const signed = presignLikeTheSigner(key, body.length);
    expect(signed.url).not.toContain('x-cos-acl');
    const res = await fetch(signed.url, {
      method: 'PUT',
      headers: { ...signed.headers, 'x-cos-acl': 'public-read' },
      body,
    });
    expect(res.status).toBe(200);
    // Anyone can now fetch it from the owner's bucket, no signature needed.
    const open = await fetch(`http://127.0.0.1:${t.emu.port}/${key}`);
    expect(open.status).toBe(200);
    expect(await open.text()).toBe('%PDF-1.7 not really');
  });

  it('a URL that binds x-cos-acl: private refuses the swap and keeps the upload private', async () => {
    const key = 'uploads/link1/def/cv.pdf';
    const signed = presignLikeTheSigner(key, body.length, { 'x-cos-acl': 'private' });
    expect(signed.url).toMatch(/q-header-list=[^&]*x-cos-acl/);
    const swapped = await fetch(signed.url, {
      method: 'PUT',
      headers: { ...signed.headers, 'x-cos-acl': 'public-read' },
      body,
    });
    expect(swapped.status).toBe(403);
    expect(await swapped.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const honest = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body });
    expect(honest.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${t.emu.port}/${key}`)).status).toBe(403);
  });
});
