import COS from 'cos-nodejs-sdk-v5';
import { describe, expect, it } from 'vitest';
import { decodeCosPath, parseQuery } from './cos-encoding';
import {
  buildHttpString,
  buildStringToSign,
  computeSignature,
  createAuthorization,
  extractAuth,
  signKey,
  sortPairs,
  verifyRequest,
  type SignPair,
} from './signature';
import { createHash, createHmac } from 'node:crypto';

const sha1 = (s: string): string => createHash('sha1').update(s, 'utf8').digest('hex');

// Tencent's documented example (Request Signature, "Uploading an object").
const V0 = {
  secretId: 'AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q',
  secretKey: 'BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz',
  keyTime: '1557989151;1557996351',
  headers: [
    ['Content-Length', '13'],
    ['Content-MD5', 'mQ/fVh815F3k6TAUm8m0eg=='],
    ['Content-Type', 'text/plain'],
    ['Date', 'Thu, 16 May 2019 06:45:51 GMT'],
    ['Host', 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com'],
    ['x-cos-acl', 'private'],
    ['x-cos-grant-read', 'uin="100000000011"'],
  ] as SignPair[],
};

const SDK = {
  secretId: 'AKIDEXAMPLE',
  secretKey: 'SECRETEXAMPLE',
  keyTime: '1699999999;1700000599',
  nowMs: 1_700_000_000_000,
};
const BUCKET_HOST = 'examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com';
const V1_KEY = 'uploads/报告 v1(final).pdf';

const lookup = (id: string): string | undefined =>
  ({ [SDK.secretId]: SDK.secretKey, [V0.secretId]: V0.secretKey })[id];

/** Verifies a full URL (pre-signed, auth in the query) as the emulator would receive it. */
function verifyUrl(url: string, method: string, headers: Record<string, string>, nowMs: number) {
  const u = new URL(url);
  const rawQuery = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return verifyRequest({
    method,
    pathname: decodeCosPath(u.pathname),
    query: parseQuery(rawQuery),
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    lookupSecret: lookup,
    nowMs,
  });
}

describe('signature vectors (cos-reference §1.6)', () => {
  it('V0: Tencent PUT example → 3b8851a1…', () => {
    expect(signKey(V0.secretKey, V0.keyTime)).toBe('eb2519b498b02ac213cb1f3d1a3d27a3b3c9bc5f');
    const http = buildHttpString('PUT', '/exampleobject(腾讯云)', [], sortPairs(V0.headers));
    expect(sha1(http)).toBe('8b2751e77f43a0995d6e9eb9477f4b685cca4172');
    expect(computeSignature(V0.secretKey, V0.keyTime, http)).toBe(
      '3b8851a11a569213c17ba8fa7dcf2abec6935172',
    );
  });

  it('V0: Tencent GET example → 01681b8c…', () => {
    const keyTime = '1557989753;1557996953';
    const params = sortPairs([
      ['response-content-type', 'application/octet-stream'],
      ['response-cache-control', 'max-age=600'],
    ]);
    const headers = sortPairs([
      ['Date', 'Thu, 16 May 2019 06:55:53 GMT'],
      ['Host', 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com'],
    ]);
    const http = buildHttpString('GET', '/exampleobject(腾讯云)', params, headers);
    expect(computeSignature(V0.secretKey, keyTime, http)).toBe(
      '01681b8c9d798a678e43b685a9f1bba0f6c0e012',
    );
  });

  it('V0 SDK variant (Date not signed) → fc4e4717…, same as COS.getAuthorization', () => {
    const withoutDate = V0.headers.filter(([n]) => n !== 'Date');
    const auth = createAuthorization({
      secretId: V0.secretId,
      secretKey: V0.secretKey,
      keyTime: V0.keyTime,
      method: 'PUT',
      pathname: '/exampleobject(腾讯云)',
      headers: withoutDate,
    });
    expect(auth).toContain(
      'q-header-list=content-length;content-md5;content-type;host;x-cos-acl;x-cos-grant-read',
    );
    expect(auth).toContain('q-signature=fc4e4717b501da12715d5fc84a4880a87ad2b7ab');
    const sdkAuth = COS.getAuthorization({
      SecretId: V0.secretId,
      SecretKey: V0.secretKey,
      KeyTime: V0.keyTime,
      Method: 'PUT',
      Key: 'exampleobject(腾讯云)',
      Headers: Object.fromEntries(V0.headers),
    });
    expect(sdkAuth).toBe(auth);
  });

  it('V1: pre-signed PUT with constraints → b3606d88…', () => {
    expect(signKey(SDK.secretKey, SDK.keyTime)).toBe('41dc3e1b7dfbeacf6d28e542f088841fdaa58c0a');
    const headers = sortPairs([
      ['Host', BUCKET_HOST],
      ['Content-Type', 'application/pdf'],
      ['x-cos-meta-uploader', 'alice'],
    ]);
    const http = buildHttpString('PUT', '/' + V1_KEY, [], headers);
    expect(http).toBe(
      `put\n/uploads/报告 v1(final).pdf\n\ncontent-type=application%2Fpdf&host=${BUCKET_HOST}&x-cos-meta-uploader=alice\n`,
    );
    expect(sha1(http)).toBe('d83fc5ee41708c3308be9b13f875cd0b6088eca9');
    expect(buildStringToSign(SDK.keyTime, http)).toBe(
      'sha1\n1699999999;1700000599\nd83fc5ee41708c3308be9b13f875cd0b6088eca9\n',
    );
    expect(computeSignature(SDK.secretKey, SDK.keyTime, http)).toBe(
      'b3606d881482f12e379b1263fa27ccebc296ce74',
    );
  });

  it('V2: UploadPart on an emulator host → cda29ec4…', () => {
    const params = sortPairs([
      ['partNumber', '1'],
      ['uploadId', 'abc123'],
    ]);
    const headers = sortPairs([
      ['Host', '127.0.0.1:9000'],
      ['Content-Type', 'application/pdf'],
      ['x-cos-meta-uploader', 'alice'],
    ]);
    const http = buildHttpString('PUT', '/' + V1_KEY, params, headers);
    expect(sha1(http)).toBe('27ca70e637b742702f1c1e6c3815e5f14d547f4e');
    expect(computeSignature(SDK.secretKey, SDK.keyTime, http)).toBe(
      'cda29ec43c71eae4ea5639122ab6c57c9bd4bc3b',
    );
  });

  it('V3: host-only UploadPart → f1669da6…', () => {
    const params = sortPairs([
      ['partNumber', '2'],
      ['uploadId', '1585130821cbb7df1d11846c073ad648e8f33b087cec2381df437acdc833cf654b9ecc6361'],
    ]);
    const http = buildHttpString('PUT', '/videos/clip.mp4', params, [['Host', BUCKET_HOST]]);
    expect(computeSignature(SDK.secretKey, SDK.keyTime, http)).toBe(
      'f1669da644d60e952d98f1f744dbcd3638dbe474',
    );
  });

  it('V4: exact size + MD5 → abb7bdd4…', () => {
    const headers = sortPairs([
      ['Host', BUCKET_HOST],
      ['Content-Length', '11'],
      ['Content-MD5', 'XrY7u+Ae7tCTyyK7j1rNww=='],
    ]);
    const http = buildHttpString('PUT', '/a.txt', [], headers);
    expect(http).toBe(
      `put\n/a.txt\n\ncontent-length=11&content-md5=XrY7u%2BAe7tCTyyK7j1rNww%3D%3D&host=${BUCKET_HOST}\n`,
    );
    expect(computeSignature(SDK.secretKey, SDK.keyTime, http)).toBe(
      'abb7bdd4f72d0ab7934f4af2f254ce26a21596d9',
    );
  });

  it('V5: encoding edge cases → e98f8634…', () => {
    const auth = createAuthorization({
      secretId: SDK.secretId,
      secretKey: SDK.secretKey,
      keyTime: SDK.keyTime,
      method: 'GET',
      pathname: '/a b+c/报告(1).pdf',
      params: [
        ['response-content-disposition', 'attachment; filename="报告.pdf"'],
        ['imageMogr2/thumbnail/200x/', ''],
      ],
      headers: [
        ['Host', BUCKET_HOST],
        ['x-cos-traffic-limit', '819200'],
      ],
    });
    expect(auth).toContain(
      'q-url-param-list=imagemogr2%2fthumbnail%2f200x%2f;response-content-disposition',
    );
    expect(auth).toContain('q-signature=e98f86347bd058d4dfed61d7f65623ed2e03f609');
  });
});

describe('verifyRequest', () => {
  const V1_URL =
    'https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/uploads/%E6%8A%A5%E5%91%8A%20v1%28final%29.pdf?q-sign-algorithm=sha1&q-ak=AKIDEXAMPLE&q-sign-time=1699999999;1700000599&q-key-time=1699999999;1700000599&q-header-list=content-type;host;x-cos-meta-uploader&q-url-param-list=&q-signature=b3606d881482f12e379b1263fa27ccebc296ce74';
  const V2_URL =
    'http://127.0.0.1:9000/uploads/%E6%8A%A5%E5%91%8A%20v1%28final%29.pdf?q-sign-algorithm=sha1&q-ak=AKIDEXAMPLE&q-sign-time=1699999999;1700000599&q-key-time=1699999999;1700000599&q-header-list=content-type;host;x-cos-meta-uploader&q-url-param-list=partnumber%3buploadid&q-signature=cda29ec43c71eae4ea5639122ab6c57c9bd4bc3b&partNumber=1&uploadId=abc123';
  const v1Headers = {
    Host: BUCKET_HOST,
    'Content-Type': 'application/pdf',
    'x-cos-meta-uploader': 'alice',
  };
  const v2Headers = { ...v1Headers, Host: '127.0.0.1:9000' };

  it('accepts the V1 and V2 URLs as requests', () => {
    expect(verifyUrl(V1_URL, 'PUT', v1Headers, SDK.nowMs)).toMatchObject({
      ok: true,
      anonymous: false,
      ak: 'AKIDEXAMPLE',
      expiresAtSec: 1700000599,
    });
    expect(verifyUrl(V2_URL, 'PUT', v2Headers, SDK.nowMs)).toMatchObject({ ok: true });
  });

  it('accepts the synchronous getObjectUrl form (raw ; in q-url-param-list)', () => {
    const raw = V2_URL.replace('partnumber%3buploadid', 'partnumber;uploadid');
    expect(verifyUrl(raw, 'PUT', v2Headers, SDK.nowMs)).toMatchObject({ ok: true });
  });

  const codeOf = (r: ReturnType<typeof verifyRequest>): string | undefined =>
    r.ok ? undefined : r.error.code;

  it('rejects a changed signed header, method, path, param, or a missing signed header', () => {
    expect(
      codeOf(verifyUrl(V1_URL, 'PUT', { ...v1Headers, 'Content-Type': 'text/html' }, SDK.nowMs)),
    ).toBe('SignatureDoesNotMatch');
    expect(codeOf(verifyUrl(V1_URL, 'POST', v1Headers, SDK.nowMs))).toBe('SignatureDoesNotMatch');
    expect(codeOf(verifyUrl(V1_URL.replace('v1%28', 'v2%28'), 'PUT', v1Headers, SDK.nowMs))).toBe(
      'SignatureDoesNotMatch',
    );
    expect(
      codeOf(
        verifyUrl(V2_URL.replace('partNumber=1', 'partNumber=2'), 'PUT', v2Headers, SDK.nowMs),
      ),
    ).toBe('SignatureDoesNotMatch');
    expect(
      codeOf(verifyUrl(V2_URL.replace('&partNumber=1', ''), 'PUT', v2Headers, SDK.nowMs)),
    ).toBe('SignatureDoesNotMatch');
    const { 'x-cos-meta-uploader': _dropped, ...withoutMeta } = v1Headers;
    expect(codeOf(verifyUrl(V1_URL, 'PUT', withoutMeta, SDK.nowMs))).toBe('SignatureDoesNotMatch');
    // The V1 URL is bound to its host; the same URL sent to another host must fail.
    expect(codeOf(verifyUrl(V1_URL, 'PUT', v2Headers, SDK.nowMs))).toBe('SignatureDoesNotMatch');
  });

  it('includes StringToSign and FormatString on mismatch', () => {
    const r = verifyUrl(V1_URL, 'PUT', { ...v1Headers, 'Content-Type': 'text/html' }, SDK.nowMs);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.status).toBe(403);
    expect(r.error.message).toBe('The Signature you specified is invalid.');
    expect(r.error.extra.FormatString).toBe(
      `put\n/uploads/报告 v1(final).pdf\n\ncontent-type=text%2Fhtml&host=${BUCKET_HOST}&x-cos-meta-uploader=alice\n`,
    );
    expect(r.error.extra.StringToSign).toMatch(/^sha1\n1699999999;1700000599\n[0-9a-f]{40}\n$/);
  });

  it('hashes q-sign-time into StringToSign and keys with q-key-time (as the SDK and COS do)', () => {
    // cos-nodejs-sdk-v5 sdk/util.js getAuth: SignKey = HMAC(SecretKey, qKeyTime);
    // StringToSign = sha1\n<qSignTime>\n<sha1(HttpString)>\n. The SDK sends the same value in
    // both, so only a signature whose two times differ tells which one the verifier hashes.
    const keyTime = '1699999000;1700000900';
    const signTime = '1699999999;1700000599';
    const httpString = buildHttpString(
      'PUT',
      `/${V1_KEY}`,
      [],
      [
        ['content-type', 'application/pdf'],
        ['host', BUCKET_HOST],
        ['x-cos-meta-uploader', 'alice'],
      ],
    );
    const signature = createHmac('sha1', signKey(SDK.secretKey, keyTime))
      .update(`sha1\n${signTime}\n${sha1(httpString)}\n`)
      .digest('hex');
    const url = (sig: string) =>
      `https://${BUCKET_HOST}/uploads/%E6%8A%A5%E5%91%8A%20v1%28final%29.pdf?q-sign-algorithm=sha1&q-ak=${SDK.secretId}&q-sign-time=${signTime}&q-key-time=${keyTime}&q-header-list=content-type;host;x-cos-meta-uploader&q-url-param-list=&q-signature=${sig}`;
    expect(verifyUrl(url(signature), 'PUT', v1Headers, SDK.nowMs)).toMatchObject({
      ok: true,
      expiresAtSec: 1700000599,
    });
    // The same request signed over q-key-time instead is not what COS computes.
    const overKeyTime = computeSignature(SDK.secretKey, keyTime, httpString);
    const wrong = verifyUrl(url(overKeyTime), 'PUT', v1Headers, SDK.nowMs);
    expect(codeOf(wrong)).toBe('SignatureDoesNotMatch');
    if (!wrong.ok) expect(wrong.error.extra.StringToSign).toContain(`sha1\n${signTime}\n`);
    // createAuthorization can make such a signature too (tests of the emulator use it).
    const made = createAuthorization({
      secretId: SDK.secretId,
      secretKey: SDK.secretKey,
      keyTime,
      signTime,
      method: 'PUT',
      pathname: `/${V1_KEY}`,
      headers: [
        ['host', BUCKET_HOST],
        ['content-type', 'application/pdf'],
        ['x-cos-meta-uploader', 'alice'],
      ],
    });
    expect(made).toContain(`q-signature=${signature}`);
  });

  it('rejects expiry with AccessDenied "Request has expired", after the end second only', () => {
    expect(verifyUrl(V1_URL, 'PUT', v1Headers, 1_700_000_599_999)).toMatchObject({ ok: true });
    const r = verifyUrl(V1_URL, 'PUT', v1Headers, 1_700_000_600_000);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.status).toBe(403);
    expect(r.error.code).toBe('AccessDenied');
    expect(r.error.message).toBe('Request has expired');
  });

  it('rejects an unknown q-ak, a non-sha1 algorithm, and a malformed authorization', () => {
    expect(
      codeOf(verifyUrl(V1_URL.replace('AKIDEXAMPLE', 'AKIDOTHER'), 'PUT', v1Headers, SDK.nowMs)),
    ).toBe('InvalidAccessKeyId');
    const md5 = verifyUrl(
      V1_URL.replace('q-sign-algorithm=sha1', 'q-sign-algorithm=md5'),
      'PUT',
      v1Headers,
      SDK.nowMs,
    );
    expect(md5.ok ? 0 : md5.error.status).toBe(400);
    expect(
      codeOf(
        verifyUrl(
          V1_URL.replace('&q-key-time=1699999999;1700000599', ''),
          'PUT',
          v1Headers,
          SDK.nowMs,
        ),
      ),
    ).toBe('AccessDenied');
  });

  it('verifies V5 (encoded parameter names) in header and query form', () => {
    const auth = createAuthorization({
      secretId: SDK.secretId,
      secretKey: SDK.secretKey,
      keyTime: SDK.keyTime,
      method: 'GET',
      pathname: '/a b+c/报告(1).pdf',
      params: [
        ['response-content-disposition', 'attachment; filename="报告.pdf"'],
        ['imageMogr2/thumbnail/200x/', ''],
      ],
      headers: [
        ['Host', BUCKET_HOST],
        ['x-cos-traffic-limit', '819200'],
      ],
    });
    const rawQuery =
      'imageMogr2%2Fthumbnail%2F200x%2F&response-content-disposition=attachment%3B%20filename%3D%22%E6%8A%A5%E5%91%8A.pdf%22';
    const base = {
      method: 'GET',
      pathname: decodeCosPath('/a%20b%2Bc/%E6%8A%A5%E5%91%8A%281%29.pdf'),
      lookupSecret: lookup,
      nowMs: SDK.nowMs,
    };
    const headers = { host: BUCKET_HOST, 'x-cos-traffic-limit': '819200' };
    expect(
      verifyRequest({
        ...base,
        query: parseQuery(rawQuery),
        headers: { ...headers, authorization: auth },
      }),
    ).toMatchObject({ ok: true });
    // Query form, with q-url-param-list encoded once more as the SDK's callback URL does.
    const listed = /q-url-param-list=([^&]*)/.exec(auth)![1]!;
    const presigned = auth.replace(listed, encodeURIComponent(listed).toLowerCase());
    expect(
      verifyRequest({ ...base, query: parseQuery(`${presigned}&${rawQuery}`), headers }),
    ).toMatchObject({ ok: true });
  });

  it('reports a request with no auth as anonymous', () => {
    expect(
      verifyUrl('http://127.0.0.1:9000/a.txt', 'GET', { Host: '127.0.0.1:9000' }, SDK.nowMs),
    ).toEqual({
      ok: true,
      anonymous: true,
    });
  });

  it('reads auth from the Authorization header, iterating the received list order', () => {
    const auth = createAuthorization({
      secretId: SDK.secretId,
      secretKey: SDK.secretKey,
      keyTime: SDK.keyTime,
      method: 'PUT',
      pathname: '/a b+c.txt',
      params: [['partNumber', '3']],
      headers: [
        ['Host', '127.0.0.1:9000'],
        ['Content-Length', '5'],
      ],
    });
    const headers = { host: '127.0.0.1:9000', 'content-length': '5', authorization: auth };
    // A raw `+` in the path decodes to a space, like COS; `%2B` is a literal plus.
    const ok = verifyRequest({
      method: 'PUT',
      pathname: decodeCosPath('/a%20b%2Bc.txt'),
      query: parseQuery('partNumber=3'),
      headers,
      lookupSecret: lookup,
      nowMs: SDK.nowMs,
    });
    expect(ok).toMatchObject({ ok: true });
    expect(decodeCosPath('/a+b%2Bc.txt')).toBe('/a b+c.txt');
    const tampered = verifyRequest({
      method: 'PUT',
      pathname: '/a b+c.txt',
      query: parseQuery('partNumber=3'),
      headers: { ...headers, 'content-length': '6' },
      lookupSecret: lookup,
      nowMs: SDK.nowMs,
    });
    expect(codeOf(tampered)).toBe('SignatureDoesNotMatch');
    expect(extractAuth(headers, [])?.headerList).toEqual(['content-length', 'host']);
  });
});

describe('signatures made by the real cos-nodejs-sdk-v5', () => {
  it('accepts COS.getAuthorization output as a header and rejects a tampered header', () => {
    const auth = COS.getAuthorization({
      SecretId: SDK.secretId,
      SecretKey: SDK.secretKey,
      Method: 'PUT',
      Key: 'docs/réport (1).pdf',
      Query: { partNumber: 7, uploadId: 'u123' },
      Headers: {
        Host: '127.0.0.1:9000',
        'Content-Length': '1048576',
        'Content-MD5': 'XrY7u+Ae7tCTyyK7j1rNww==',
        'x-cos-meta-name': 'r%C3%A9port',
      },
      Expires: 600,
    });
    const base = {
      method: 'PUT',
      pathname: decodeCosPath('/docs/r%C3%A9port%20%281%29.pdf'),
      query: parseQuery('partNumber=7&uploadId=u123'),
      lookupSecret: lookup,
      nowMs: Date.now(),
    };
    const headers = {
      host: '127.0.0.1:9000',
      'content-length': '1048576',
      'content-md5': 'XrY7u+Ae7tCTyyK7j1rNww==',
      'x-cos-meta-name': 'r%C3%A9port',
      authorization: auth,
    };
    expect(verifyRequest({ ...base, headers })).toMatchObject({ ok: true, anonymous: false });
    const tampered = verifyRequest({
      ...base,
      headers: { ...headers, 'content-length': '1048577' },
    });
    expect(tampered.ok).toBe(false);
    expect(tampered.ok ? '' : tampered.error.code).toBe('SignatureDoesNotMatch');
  });

  it('accepts cos.getObjectUrl output (sync and callback forms) and rejects a tampered one', async () => {
    const cos = new COS({ SecretId: SDK.secretId, SecretKey: SDK.secretKey });
    const params = {
      Bucket: 'portal-1250000000',
      Region: 'ap-guangzhou',
      Key: 'in/报告 #1+2.txt',
      Method: 'PUT' as const,
      Domain: 'http://127.0.0.1:9000',
      Expires: 300,
      Query: { partNumber: 2, uploadId: 'xyz' },
      Headers: { 'Content-Type': 'text/plain', 'x-cos-forbid-overwrite': 'true' },
    };
    const syncUrl = cos.getObjectUrl(params, () => undefined) as unknown as string;
    const cbUrl = await new Promise<string>((resolve, reject) =>
      cos.getObjectUrl(params, (err, data) => (err ? reject(err) : resolve(data.Url))),
    );
    const headers = {
      Host: '127.0.0.1:9000',
      'Content-Type': 'text/plain',
      'x-cos-forbid-overwrite': 'true',
    };
    for (const url of [syncUrl, cbUrl]) {
      expect(verifyUrl(url, 'PUT', headers, Date.now())).toMatchObject({ ok: true });
      const r = verifyUrl(url.replace('partNumber=2', 'partNumber=3'), 'PUT', headers, Date.now());
      expect(r.ok ? '' : r.error.code).toBe('SignatureDoesNotMatch');
    }
    const expired = verifyUrl(cbUrl, 'PUT', headers, Date.now() + 400_000);
    expect(expired.ok ? '' : expired.error.message).toBe('Request has expired');
  });
});
