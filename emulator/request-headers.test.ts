import { describe, expect, it } from 'vitest';
import { encodeKeyPath } from './cos-encoding';
import { cosRequest, errorCode, useTestEmulator } from './test-harness';

/**
 * `x-cos-*` request headers COS acts on (issue 12 #20 and its siblings): each is modelled or
 * refused with a COS XML error naming it, never silently dropped, signed or not.
 */

const t = useTestEmulator();

const put = (key: string, body: string, unsigned: Record<string, string>) =>
  cosRequest(t, {
    method: 'PUT',
    path: encodeKeyPath(key),
    body,
    unsignedHeaders: unsigned,
  });
const head = (key: string) => cosRequest(t, { method: 'HEAD', path: encodeKeyPath(key) });

describe('x-cos-* headers the emulator does not model are refused, not ignored', () => {
  it.each([
    ['x-cos-tagging', 'team=a&year=2024'],
    ['x-cos-server-side-encryption', 'AES256'],
    ['x-cos-server-side-encryption-customer-algorithm', 'AES256'],
    ['x-cos-security-token', 'a-temporary-key-token'],
    ['x-cos-website-redirect-location', '/elsewhere'],
    ['x-cos-grant-write', 'id="100000000011"'],
    ['pic-operations', '{"is_pic_info":1,"rules":[]}'],
    ['x-ci-anything', '1'],
  ])('PUT with %s: 501 NotImplemented naming it, nothing stored', async (name, value) => {
    const key = `hdr/${name}.txt`;
    const res = await put(key, 'x', { [name]: value });
    expect(res.status).toBe(501);
    expect(errorCode(res)).toBe('NotImplemented');
    expect(res.text).toContain(name);
    expect(res.headers['x-cos-request-id']).toBeTruthy();
    expect((await head(key)).status).toBe(404);
  });

  it('upload headers on APIs that do not take them are refused too', async () => {
    const init = await cosRequest(t, { method: 'POST', path: '/hdr/mp.bin?uploads' });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)![1]!;
    const part = await cosRequest(t, {
      method: 'PUT',
      path: `/hdr/mp.bin?partNumber=1&uploadId=${uploadId}`,
      body: 'x',
      unsignedHeaders: { 'x-cos-acl': 'public-read' },
    });
    expect(part.status).toBe(501);
    expect(part.text).toContain('x-cos-acl');
    const get = await cosRequest(t, {
      method: 'GET',
      path: '/hdr/mp.bin',
      unsignedHeaders: { 'x-cos-traffic-limit': '819200' },
    });
    expect(get.status).toBe(501);
  });

  it("the SDKs' retry marker x-cos-sdk-retry has no effect and is accepted", async () => {
    expect((await put('hdr/retry.txt', 'x', { 'x-cos-sdk-retry': 'true' })).status).toBe(200);
  });
});

describe('x-cos-* headers the emulator models', () => {
  it('x-cos-traffic-limit: out of COS range is 400; in range the body arrives no faster', async () => {
    const low = await put('hdr/slow.bin', 'x', { 'x-cos-traffic-limit': '1000' });
    expect(low.status).toBe(400);
    expect(errorCode(low)).toBe('InvalidArgument');
    expect(low.text).toContain('x-cos-traffic-limit');
    // 819,200 bit/s = 102,400 bytes/s: 150 KiB take about 1.5 s.
    const started = performance.now();
    const ok = await put('hdr/slow.bin', 'y'.repeat(150 * 1024), {
      'x-cos-traffic-limit': '819200',
    });
    expect(ok.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThan(1_400);
  });

  it('x-cos-storage-class ARCHIVE is stored; GET needs a restore first (403 InvalidObjectState)', async () => {
    expect((await put('hdr/cold.bin', 'cold', { 'x-cos-storage-class': 'ARCHIVE' })).status).toBe(
      200,
    );
    const h = await head('hdr/cold.bin');
    expect(h.status).toBe(200);
    expect(h.headers['x-cos-storage-class']).toBe('ARCHIVE');
    const get = await cosRequest(t, { method: 'GET', path: '/hdr/cold.bin' });
    expect(get.status).toBe(403);
    expect(errorCode(get)).toBe('InvalidObjectState');
    const bad = await put('hdr/bad-class.bin', 'x', { 'x-cos-storage-class': 'GLACIER' });
    expect(errorCode(bad)).toBe('InvalidStorageClass');
  });
});
