import type COS from 'cos-nodejs-sdk-v5';
import { beforeAll, describe, expect, it } from 'vitest';
import { SDK_BUCKET as B, cosRequest, errorCode, sdkClient, useTestEmulator } from './test-harness';

/**
 * Bucket versioning (issue 12 #5). COS: never enabled, Enabled or Suspended; once enabled only
 * suspended, never off; and "for a bucket which has enabled versioning or suspended versioning,
 * the x-cos-forbid-overwrite request header is invalid".
 */

const t = useTestEmulator();
let cos: COS;
beforeAll(() => {
  cos = sdkClient(t);
});

const put = (key: string, body: string, headers: Record<string, string> = {}) =>
  cosRequest(t, { method: 'PUT', path: `/${key}`, body, headers });
const get = (key: string) => cosRequest(t, { method: 'GET', path: `/${key}` });
const forbid = { 'x-cos-forbid-overwrite': 'true' };

async function multipart(key: string, body: string, completeHeaders: Record<string, string>) {
  const init = await cosRequest(t, { method: 'POST', path: `/${key}?uploads` });
  const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)![1]!;
  const part = await cosRequest(t, {
    method: 'PUT',
    path: `/${key}?partNumber=1&uploadId=${uploadId}`,
    body,
  });
  return cosRequest(t, {
    method: 'POST',
    path: `/${key}?uploadId=${uploadId}`,
    body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${String(part.headers.etag)}</ETag></Part></CompleteMultipartUpload>`,
    headers: completeHeaders,
  });
}

describe('bucket versioning', () => {
  it('never enabled: an empty VersioningConfiguration, and forbid-overwrite holds', async () => {
    const res = await cosRequest(t, { method: 'GET', path: '/?versioning' });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<VersioningConfiguration\/>/);
    expect((await cos.getBucketVersioning(B)).VersioningConfiguration.Status).toBeUndefined();
    expect((await put('v/a.txt', 'first', forbid)).status).toBe(200);
    expect(errorCode(await put('v/a.txt', 'second', forbid))).toBe('FileAlreadyExists');
    expect((await put('v/a.txt', 'third')).headers['x-cos-version-id']).toBeUndefined();
  });

  it('refuses a status other than Enabled or Suspended', async () => {
    const res = await cosRequest(t, {
      method: 'PUT',
      path: '/?versioning',
      body: '<VersioningConfiguration><Status>Disabled</Status></VersioningConfiguration>',
    });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('MalformedXML');
  });

  it('Enabled: forbid-overwrite has no effect; writes answer and keep a version ID', async () => {
    await cos.putBucketVersioning({ ...B, VersioningConfiguration: { Status: 'Enabled' } });
    expect((await cos.getBucketVersioning(B)).VersioningConfiguration.Status).toBe('Enabled');
    const res = await put('v/a.txt', 'replaced', forbid);
    expect(res.status).toBe(200);
    const versionId = res.headers['x-cos-version-id'];
    expect(versionId).toMatch(/^[A-Za-z0-9+/]{8,}$/);
    expect((await get('v/a.txt')).text).toBe('replaced');
    const head = await cosRequest(t, { method: 'HEAD', path: '/v/a.txt' });
    expect(head.headers['x-cos-version-id']).toBe(versionId);
    // Complete with forbid-overwrite (on Initiate's or its own) replaces too.
    const done = await multipart('v/a.txt', 'by multipart', forbid);
    expect(done.status).toBe(200);
    expect(done.headers['x-cos-version-id']).toMatch(/^[A-Za-z0-9+/]{8,}$/);
    expect((await get('v/a.txt')).text).toBe('by multipart');
    const del = await cosRequest(t, { method: 'DELETE', path: '/v/a.txt' });
    expect(del.status).toBe(204);
    expect(del.headers['x-cos-delete-marker']).toBe('true');
  });

  it('Suspended: still no forbid-overwrite (the bucket has had versioning); version ID null', async () => {
    await cos.putBucketVersioning({ ...B, VersioningConfiguration: { Status: 'Suspended' } });
    const res = await cosRequest(t, { method: 'GET', path: '/?versioning' });
    expect(res.text).toContain('<Status>Suspended</Status>');
    await put('v/b.txt', 'one');
    const again = await put('v/b.txt', 'two', forbid);
    expect(again.status).toBe(200);
    expect(again.headers['x-cos-version-id']).toBeUndefined();
    expect((await get('v/b.txt')).text).toBe('two');
    const done = await multipart('v/b.txt', 'three', forbid);
    expect(done.status).toBe(200);
    expect(done.headers['x-cos-version-id']).toBe('null');
  });

  it('the state survives a restart', async () => {
    await t.restart();
    cos = sdkClient(t);
    expect((await cos.getBucketVersioning(B)).VersioningConfiguration.Status).toBe('Suspended');
    expect((await put('v/b.txt', 'four', forbid)).status).toBe(200);
  });
});
