import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crc64 } from '../protocol/crc64';
import { encodeKeyPath } from './cos-encoding';
import { cosRequest, errorCode, md5hex, useTestEmulator } from './test-harness';

const MB = 1024 * 1024;

const t = useTestEmulator();

async function initiate(key: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await cosRequest(t, {
    method: 'POST',
    path: `${encodeKeyPath(key)}?uploads`,
    headers,
  });
  expect(res.status).toBe(200);
  expect(res.text).toContain(`<Key>${key}</Key>`);
  return /<UploadId>([^<]+)<\/UploadId>/.exec(res.text)![1]!;
}

const uploadPart = (
  key: string,
  uploadId: string,
  n: number,
  body: Buffer,
  headers: Record<string, string> = {},
) =>
  cosRequest(t, {
    method: 'PUT',
    path: `${encodeKeyPath(key)}?partNumber=${n}&uploadId=${uploadId}`,
    body,
    headers,
  });

const completeXml = (parts: [number, string][]): string =>
  `<CompleteMultipartUpload>${parts
    .map(([n, etag]) => `<Part><PartNumber>${n}</PartNumber><ETag>${etag}</ETag></Part>`)
    .join('')}</CompleteMultipartUpload>`;

const complete = (
  key: string,
  uploadId: string,
  body: string,
  headers: Record<string, string> = {},
) =>
  cosRequest(t, {
    method: 'POST',
    path: `${encodeKeyPath(key)}?uploadId=${uploadId}`,
    body,
    headers: { 'Content-Type': 'application/xml', ...headers },
  });

const listParts = (key: string, uploadId: string, extra = '') =>
  cosRequest(t, { method: 'GET', path: `${encodeKeyPath(key)}?uploadId=${uploadId}${extra}` });

const head = (key: string) => cosRequest(t, { method: 'HEAD', path: encodeKeyPath(key) });

describe('multipart happy path', () => {
  it('initiate → parts → complete: metadata from initiate, ETag -N, whole-object CRC', async () => {
    const key = 'mp/报告 final.bin';
    const id = await initiate(key, {
      'Content-Type': 'application/pdf',
      'x-cos-meta-origin': 'portal',
    });
    const parts = [randomBytes(MB), randomBytes(MB + 17), randomBytes(333)];
    const etags: string[] = [];
    for (const [i, body] of parts.entries()) {
      const res = await uploadPart(key, id, i + 1, body, {
        'Content-MD5': createHash('md5').update(body).digest('base64'),
      });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe(`"${md5hex(body)}"`);
      expect(res.headers['x-cos-hash-crc64ecma']).toBe(crc64(body));
      etags.push(res.headers.etag as string);
    }
    // Nothing is visible under the key before Complete.
    expect((await head(key)).status).toBe(404);

    const res = await complete(key, id, completeXml(etags.map((e, i) => [i + 1, e])));
    expect(res.status).toBe(200);
    const whole = Buffer.concat(parts);
    const expectedEtag =
      createHash('md5')
        .update(Buffer.concat(parts.map((p) => createHash('md5').update(p).digest())))
        .digest('hex') + '-3';
    expect(res.text).toContain(
      '<CompleteMultipartUploadResult xmlns="http://www.qcloud.com/document/product/436/7751">',
    );
    expect(res.text).toContain(`<ETag>&quot;${expectedEtag}&quot;</ETag>`);
    expect(res.text).toContain(
      `<Location>http://portal-1250000000.cos.ap-guangzhou.myqcloud.com${encodeKeyPath(key)}</Location>`,
    );
    expect(res.headers['x-cos-hash-crc64ecma']).toBe(crc64(whole));

    const h = await head(key);
    expect(h.headers['content-length']).toBe(String(whole.length));
    expect(h.headers['content-type']).toBe('application/pdf');
    expect(h.headers['x-cos-meta-origin']).toBe('portal');
    expect(h.headers.etag).toBe(`"${expectedEtag}"`);
    expect(h.headers['x-cos-hash-crc64ecma']).toBe(crc64(whole));
    const g = await cosRequest(t, { method: 'GET', path: encodeKeyPath(key) });
    expect(g.body.equals(whole)).toBe(true);

    // The upload is finished: every further call on it is NoSuchUpload.
    expect(errorCode(await complete(key, id, completeXml(etags.map((e, i) => [i + 1, e]))))).toBe(
      'NoSuchUpload',
    );
    expect(errorCode(await uploadPart(key, id, 1, parts[0]!))).toBe('NoSuchUpload');
    expect(errorCode(await listParts(key, id))).toBe('NoSuchUpload');
  });

  it('accepts ETags quoted, unquoted and &quot;-escaped; re-uploading a part number overwrites it', async () => {
    const key = 'mp/etags.bin';
    const id = await initiate(key);
    const p1 = randomBytes(MB);
    const p2old = randomBytes(MB);
    const p2 = randomBytes(MB);
    const p3 = randomBytes(10);
    await uploadPart(key, id, 1, p1);
    await uploadPart(key, id, 2, p2old);
    await uploadPart(key, id, 2, p2);
    await uploadPart(key, id, 3, p3);
    const lp = await listParts(key, id);
    expect(lp.text).toContain(`<ETag>&quot;${md5hex(p2)}&quot;</ETag>`);
    expect(lp.text).not.toContain(md5hex(p2old));
    const body = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"${md5hex(p1)}"</ETag></Part><Part><PartNumber>2</PartNumber><ETag>${md5hex(p2)}</ETag></Part><Part><PartNumber>3</PartNumber><ETag>&quot;${md5hex(p3)}&quot;</ETag></Part></CompleteMultipartUpload>`;
    const res = await complete(key, id, body);
    expect(res.status).toBe(200);
    const g = await cosRequest(t, { method: 'GET', path: encodeKeyPath(key) });
    expect(g.body.equals(Buffer.concat([p1, p2, p3]))).toBe(true);
  });

  it('ListParts pages with max-parts and part-number-marker', async () => {
    const key = 'mp/paged.bin';
    const id = await initiate(key);
    for (const n of [1, 2, 3, 4, 5]) await uploadPart(key, id, n, Buffer.from(`part${n}`));
    const p1 = await listParts(key, id, '&max-parts=2');
    const nums = (xml: string) =>
      [...xml.matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
    expect(nums(p1.text)).toEqual([1, 2]);
    expect(p1.text).toContain('<IsTruncated>true</IsTruncated>');
    expect(p1.text).toContain('<NextPartNumberMarker>2</NextPartNumberMarker>');
    const p2 = await listParts(key, id, '&max-parts=2&part-number-marker=2');
    expect(nums(p2.text)).toEqual([3, 4]);
    const p3 = await listParts(key, id, '&part-number-marker=4');
    expect(nums(p3.text)).toEqual([5]);
    expect(p3.text).toContain('<IsTruncated>false</IsTruncated>');
  });

  it('ListMultipartUploads filters by prefix', async () => {
    const a = await initiate('list/a.bin');
    const b = await initiate('list/b.bin');
    await initiate('other/c.bin');
    const res = await cosRequest(t, { method: 'GET', path: '/?uploads&prefix=list%2F' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<ListMultipartUploadsResult>');
    const ids = [...res.text.matchAll(/<UploadId>([^<]+)<\/UploadId>/g)].map((m) => m[1]);
    expect(ids).toEqual([a, b]);
    expect(res.text).not.toContain('other/c.bin');
  });

  it('AbortMultipartUpload: 204, then NoSuchUpload everywhere', async () => {
    const key = 'mp/abort.bin';
    const id = await initiate(key);
    await uploadPart(key, id, 1, randomBytes(100));
    const res = await cosRequest(t, {
      method: 'DELETE',
      path: `${encodeKeyPath(key)}?uploadId=${id}`,
    });
    expect(res.status).toBe(204);
    expect(errorCode(await listParts(key, id))).toBe('NoSuchUpload');
    expect(errorCode(await uploadPart(key, id, 2, randomBytes(10)))).toBe('NoSuchUpload');
    const again = await cosRequest(t, {
      method: 'DELETE',
      path: `${encodeKeyPath(key)}?uploadId=${id}`,
    });
    expect(again.status).toBe(404);
    expect(errorCode(again)).toBe('NoSuchUpload');
  });
});

describe('multipart errors', () => {
  it('NoSuchUpload for unknown IDs and for an ID used with another key', async () => {
    const unknown = 'deadbeef'.repeat(8);
    expect(errorCode(await uploadPart('k', unknown, 1, Buffer.from('x')))).toBe('NoSuchUpload');
    expect(errorCode(await listParts('k', unknown))).toBe('NoSuchUpload');
    expect(errorCode(await complete('k', unknown, completeXml([[1, 'x']])))).toBe('NoSuchUpload');
    const id = await initiate('owner.bin');
    const res = await uploadPart('not-owner.bin', id, 1, Buffer.from('x'));
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('NoSuchUpload');
  });

  it('part numbers outside 1..10000 are InvalidArgument; a bad part MD5 is BadDigest and not kept', async () => {
    const key = 'mp/numbers.bin';
    const id = await initiate(key);
    expect(errorCode(await uploadPart(key, id, 0, Buffer.from('x')))).toBe('InvalidArgument');
    expect(errorCode(await uploadPart(key, id, 10001, Buffer.from('x')))).toBe('InvalidArgument');
    const bad = await uploadPart(key, id, 1, Buffer.from('abc'), {
      'Content-MD5': createHash('md5').update('abd').digest('base64'),
    });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('BadDigest');
    expect((await listParts(key, id)).text).not.toContain('<Part>');
  });

  it('InvalidPart, InvalidPartOrder, EntityTooSmall, MalformedXML; the old object stays intact', async () => {
    const key = 'mp/rules.bin';
    await cosRequest(t, { method: 'PUT', path: encodeKeyPath(key), body: 'previous version' });
    const id = await initiate(key);
    const big = randomBytes(MB);
    const small = randomBytes(MB - 1);
    const e1 = (await uploadPart(key, id, 1, big)).headers.etag as string;
    const e2 = (await uploadPart(key, id, 2, small)).headers.etag as string;
    const e3 = (await uploadPart(key, id, 3, randomBytes(5))).headers.etag as string;

    const cases: [string, string][] = [
      [
        completeXml([
          [1, e1],
          [4, e3],
        ]),
        'InvalidPart',
      ],
      [
        completeXml([
          [1, e1],
          [2, `"${'0'.repeat(32)}"`],
        ]),
        'InvalidPart',
      ],
      [
        completeXml([
          [1, e1],
          [3, e3],
        ]),
        'InvalidPart',
      ],
      [
        completeXml([
          [2, e2],
          [1, e1],
        ]),
        'InvalidPartOrder',
      ],
      [
        completeXml([
          [1, e1],
          [1, e1],
        ]),
        'InvalidPartOrder',
      ],
      [
        completeXml([
          [1, e1],
          [2, e2],
          [3, e3],
        ]),
        'EntityTooSmall',
      ],
      ['<CompleteMultipartUpload><Part>', 'MalformedXML'],
      ['<CompleteMultipartUpload></CompleteMultipartUpload>', 'MalformedXML'],
      ['', 'MalformedXML'],
    ];
    for (const [body, code] of cases) {
      const res = await complete(key, id, body);
      expect(res.status, body).toBe(400);
      expect(errorCode(res), body).toBe(code);
    }
    // Failed completes change nothing: the previous object is still served, the upload lives on.
    const g = await cosRequest(t, { method: 'GET', path: encodeKeyPath(key) });
    expect(g.text).toBe('previous version');
    // The last part may be small: parts 1..2 are a valid object when 2 is last.
    const ok = await complete(
      key,
      id,
      completeXml([
        [1, e1],
        [2, e2],
      ]),
    );
    expect(ok.status).toBe(200);
    expect(
      (await cosRequest(t, { method: 'GET', path: encodeKeyPath(key) })).body.equals(
        Buffer.concat([big, small]),
      ),
    ).toBe(true);
  });

  it('Complete checks its own Content-MD5', async () => {
    const key = 'mp/md5.bin';
    const id = await initiate(key);
    const e1 = (await uploadPart(key, id, 1, randomBytes(10))).headers.etag as string;
    const body = completeXml([[1, e1]]);
    const res = await complete(key, id, body, {
      'Content-MD5': createHash('md5')
        .update(body + ' ')
        .digest('base64'),
    });
    expect(errorCode(res)).toBe('BadDigest');
  });

  it('x-cos-forbid-overwrite given at Initiate is honoured at Complete', async () => {
    const key = 'mp/forbid.bin';
    const id = await initiate(key, { 'x-cos-forbid-overwrite': 'true' });
    const e1 = (await uploadPart(key, id, 1, randomBytes(10))).headers.etag as string;
    await cosRequest(t, { method: 'PUT', path: encodeKeyPath(key), body: 'arrived first' });
    const res = await complete(key, id, completeXml([[1, e1]]));
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('FileAlreadyExists');
    expect((await cosRequest(t, { method: 'GET', path: encodeKeyPath(key) })).text).toBe(
      'arrived first',
    );
  });

  it('x-cos-forbid-overwrite on Complete itself is honoured (COS documents it there)', async () => {
    const key = 'mp/forbid-at-complete.bin';
    await cosRequest(t, { method: 'PUT', path: encodeKeyPath(key), body: 'already here' });
    const id = await initiate(key);
    const e1 = (await uploadPart(key, id, 1, randomBytes(10))).headers.etag as string;
    const res = await complete(key, id, completeXml([[1, e1]]), {
      'x-cos-forbid-overwrite': 'true',
    });
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('FileAlreadyExists');
    expect(res.headers['x-cos-request-id']).toBeTruthy();
    expect((await cosRequest(t, { method: 'GET', path: encodeKeyPath(key) })).text).toBe(
      'already here',
    );
    // The upload is still there to be aborted (or completed without the header).
    expect((await listParts(key, id)).status).toBe(200);
    // On a new key the same header lets Complete through.
    const fresh = 'mp/forbid-at-complete-new.bin';
    const id2 = await initiate(fresh);
    const e2 = (await uploadPart(fresh, id2, 1, Buffer.from('new'))).headers.etag as string;
    const ok = await complete(fresh, id2, completeXml([[1, e2]]), {
      'x-cos-forbid-overwrite': 'true',
    });
    expect(ok.status).toBe(200);
  });

  it('counts part uploads in stats', async () => {
    t.emu.resetStats();
    const key = 'mp/count.bin';
    const id = await initiate(key);
    await uploadPart(key, id, 1, Buffer.from('a'));
    await uploadPart(key, id, 2, Buffer.from('b'));
    const s = t.emu.stats();
    expect(s.initiate).toBe(1);
    expect(s.part).toBe(2);
  });
});

describe('multipart persistence', () => {
  it('an upload and its parts survive an emulator restart', async () => {
    const key = 'mp/restart.bin';
    const id = await initiate(key, { 'x-cos-meta-x': '1' });
    const p1 = randomBytes(MB);
    const e1 = (await uploadPart(key, id, 1, p1)).headers.etag as string;
    await t.restart();
    const lp = await listParts(key, id);
    expect(lp.status).toBe(200);
    expect(lp.text).toContain(`&quot;${md5hex(p1)}&quot;`);
    const p2 = randomBytes(1234);
    const e2 = (await uploadPart(key, id, 2, p2)).headers.etag as string;
    const res = await complete(
      key,
      id,
      completeXml([
        [1, e1],
        [2, e2],
      ]),
    );
    expect(res.status).toBe(200);
    const h = await head(key);
    expect(h.headers['x-cos-meta-x']).toBe('1');
    expect(h.headers['x-cos-hash-crc64ecma']).toBe(crc64(Buffer.concat([p1, p2])));
  });
});
