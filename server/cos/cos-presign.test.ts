import COS from 'cos-nodejs-sdk-v5';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { crc64 } from '../../protocol/crc64';
import type { TestStack } from '../testing/test-stack';
import { sendSigned, startTestStack } from '../testing/test-stack';
import { createPresigner, type Presign } from './cos-presign';

/**
 * The signer builds pre-signed URLs around the SDK's static `COS.getAuthorization` instead of
 * calling `getObjectUrl` for each (cos-presign.ts). These tests hold it to the SDK: for many
 * keys, headers and queries its URL must be byte-identical to `getObjectUrl`'s, it must give
 * the reference vectors' signatures, and the emulator (as strict as COS) must accept it.
 */

const WHERE = { Bucket: 'examplebucket-1250000000', Region: 'ap-guangzhou' };
/** The reference vectors' clock: KeyTime `1699999999;1700000599` with `Expires: 600`. */
const NOW_MS = 1_700_000_000_000;

function sdkAndPresigner(options: COS.COSOptions, where = WHERE): { sdk: COS; presign: Presign } {
  const sdk = new COS(options);
  return { sdk, presign: createPresigner({ sdk, where }) };
}

/** Keys where encoding or signing could go wrong, plus seeded random ones. */
function keysToCompare(): string[] {
  const fixed = [
    'a.txt',
    'uploads/报告 v1(final).pdf',
    'uploads/t/报告 v1+(final).txt',
    'a b',
    'a+b c+d',
    'plus+/in+folder+/x+.bin',
    "it's !(*) here.txt",
    '~tilde-_.name',
    'x/y/z/',
    '/leading-slash',
    'double//slash///end',
    'emoji 😀👍🏽/file 🎉.png',
    'caf\u00e9 NFC.txt',
    'cafe\u0301 NFD.txt',
    'hash#?query=1&r=2;s=3,t:u@v$w',
    '日本語/フォルダ/ファイル.txt',
    '한국어 파일.hwp',
    'Ελληνικά/αρχείο.doc',
    'brackets [] {} <> | \\ ^ ` " %.txt',
    'percent %2F %20 %ZZ %.txt',
    'tab\there',
    'uploads/' + 'd/'.repeat(200) + 'x'.repeat(400),
    'uploads/' + '长'.repeat(280),
    `uploads/AbCdEfGhIjKlMnOpQrStUv-${'n'.repeat(180)}.tar.gz`,
  ];
  // Deterministic pseudo-random keys over an alphabet of troublemakers.
  const alphabet = [
    ...'abcXYZ019 -_.~!*\'()+/%&=?#;:,@$[]{}<>|^`"\\',
    '报',
    '告',
    'é',
    'e\u0301',
    '😀',
    'ß',
    '\u00a0',
  ];
  let seed = 0x2545f491;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const random = Array.from({ length: 300 }, () => {
    const length = 1 + Math.floor(next() * 60);
    return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  });
  return [...fixed, ...random];
}

/** The request shapes the signer pre-signs, for one key. */
function requestsFor(key: string): Array<{
  method: 'PUT' | 'GET';
  headers: Record<string, string>;
  query?: Record<string, string>;
  expires: number;
}> {
  const name = key.split('/').pop() ?? key;
  return [
    {
      // A single PUT as create-uploads.ts signs it.
      method: 'PUT',
      headers: {
        'Content-Length': '4096',
        'Content-Type': 'application/pdf',
        'x-cos-forbid-overwrite': 'true',
        'x-cos-acl': 'private',
        'Content-Disposition': 'attachment',
        'x-cos-meta-filename': encodeURIComponent(name),
        'x-cos-meta-note': 'a b+c/d; e="f"',
        'x-cos-meta-empty': '',
        'X-Cos-Meta-Mixed-Case': 'Value',
        'User-Agent': 'not signed',
      },
      expires: 900,
    },
    {
      // An empty Content-Type is left out of the signature, as the SDK does.
      method: 'PUT',
      headers: { 'Content-Length': '0', 'Content-Type': '' },
      expires: 1,
    },
    {
      // One part of a multipart upload.
      method: 'PUT',
      headers: { 'Content-Length': String(8 * 1024 * 1024) },
      query: { partNumber: '10000', uploadId: '1585130821cbb7df1d11846c073ad648e8f33b0' },
      expires: 3600,
    },
    {
      // The owner's download link, with its response-* override.
      method: 'GET',
      headers: {},
      query: {
        'response-content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        'response-content-type': 'text/plain; charset=utf-8',
      },
      expires: 300,
    },
  ];
}

describe('pre-signed URLs built around COS.getAuthorization', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ['the real COS endpoint', { SecretId: 'AKIDEXAMPLE', SecretKey: 'SECRETEXAMPLE' }, WHERE],
    [
      'an emulator Domain with a scheme',
      { SecretId: 'AKIDEXAMPLE', SecretKey: 'SECRETEXAMPLE', Domain: 'http://127.0.0.1:9000' },
      WHERE,
    ],
    [
      'a Domain template and Protocol',
      {
        SecretId: 'AKIDEXAMPLE',
        SecretKey: 'SECRETEXAMPLE',
        Domain: '{Bucket}.cos.{Region}.localhost:9443/',
        Protocol: 'http' as const,
      },
      WHERE,
    ],
    [
      'an SDK that keeps a leading slash (UseRawKey)',
      { SecretId: 'AKIDEXAMPLE', SecretKey: 'SECRETEXAMPLE', UseRawKey: true },
      WHERE,
    ],
    [
      'a legacy region and an awkward secret',
      { SecretId: 'AKIDX', SecretKey: 'KEY with spaces & symbols!', Protocol: 'https:' as const },
      { Bucket: 'legacy-1250000000', Region: 'cn-south' },
    ],
  ])('gives byte for byte the URL getObjectUrl gives, on %s', (_, options, where) => {
    const { sdk, presign } = sdkAndPresigner(options, where);
    const keys = keysToCompare();
    let compared = 0;
    for (const [i, key] of keys.entries()) {
      // Time moves across the keys, within a second and across seconds.
      vi.spyOn(Date, 'now').mockReturnValue(NOW_MS + i * 377);
      for (const r of requestsFor(key)) {
        const expected = sdk.getObjectUrl(
          {
            ...where,
            Key: key,
            Method: r.method,
            Expires: r.expires,
            Headers: r.headers,
            ...(r.query ? { Query: r.query } : {}),
          },
          () => {},
        );
        const ours = presign(key, r.method, r.headers, r.query, r.expires);
        expect(ours.url, `${r.method} ${JSON.stringify(key)}`).toBe(expected);
        const keyTime = new URL(expected).searchParams.get('q-key-time')!;
        expect(ours.expiresAt).toBe(Number(keyTime.split(';')[1]) * 1000);
        compared++;
      }
    }
    expect(compared).toBe(keys.length * 4);
  });

  it('follows the SDK when it corrects its clock (SystemClockOffset)', () => {
    const { sdk, presign } = sdkAndPresigner({ SecretId: 'AKIDEXAMPLE', SecretKey: 'S' });
    vi.spyOn(Date, 'now').mockReturnValue(NOW_MS);
    // What the SDK does itself after a COS answer shows a skewed clock.
    (sdk as unknown as { options: { SystemClockOffset: number } }).options.SystemClockOffset =
      -123_456;
    const params = { ...WHERE, Key: 'k', Method: 'PUT' as const, Expires: 60, Headers: {} };
    const ours = presign('k', 'PUT', {}, undefined, 60);
    expect(ours.url).toBe(sdk.getObjectUrl(params, () => {}));
    expect(ours.url).toContain('q-key-time=1699999876;1699999936&');
    expect(ours.expiresAt).toBe(1_699_999_936_000);
  });

  it('returns the signed headers the browser must send, without host and length', () => {
    const { presign } = sdkAndPresigner({ SecretId: 'AKIDEXAMPLE', SecretKey: 'S' });
    const signed = presign(
      'a.txt',
      'PUT',
      { 'Content-Length': '5', 'Content-Type': 'text/plain', 'x-cos-meta-filename': 'a.txt' },
      undefined,
      60,
    );
    expect(signed.headers).toEqual({
      'Content-Type': 'text/plain',
      'x-cos-meta-filename': 'a.txt',
    });
    expect(new URL(signed.url).searchParams.get('q-header-list')).toBe(
      'content-length;content-type;host;x-cos-meta-filename',
    );
  });

  it('refuses SDK settings whose URLs it does not reproduce', () => {
    const base = { SecretId: 'AKIDEXAMPLE', SecretKey: 'S' };
    expect(() => sdkAndPresigner({ ...base, SecurityToken: 'token' })).toThrow(/permanent key/);
    expect(() => sdkAndPresigner({ ...base, UseAccelerate: true })).toThrow(/endpoint style/);
    expect(() => sdkAndPresigner({ ...base, ForceSignHost: false })).toThrow(/endpoint style/);
    expect(() => sdkAndPresigner(base, { Bucket: 'no-app-id', Region: 'ap-guangzhou' })).toThrow(
      /endpoint/,
    );
    // getObjectUrl returns no URL for an empty key.
    expect(() => sdkAndPresigner(base).presign('', 'GET', {}, undefined, 60)).toThrow(/key/);
  });
});

describe('reference vectors (shared COS reference, section 1.6)', () => {
  beforeAll(() => {
    vi.spyOn(Date, 'now').mockReturnValue(NOW_MS);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });
  const keys = { SecretId: 'AKIDEXAMPLE', SecretKey: 'SECRETEXAMPLE' };
  const signatureOf = (url: string) => new URL(url).searchParams.get('q-signature');

  it('V1: pre-signed PUT with constraints, the whole URL', () => {
    const { presign } = sdkAndPresigner(keys);
    const signed = presign(
      'uploads/报告 v1(final).pdf',
      'PUT',
      { 'Content-Type': 'application/pdf', 'x-cos-meta-uploader': 'alice' },
      undefined,
      600,
    );
    expect(signed.url).toBe(
      'https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/uploads/%E6%8A%A5%E5%91%8A%20v1%28final%29.pdf?q-sign-algorithm=sha1&q-ak=AKIDEXAMPLE&q-sign-time=1699999999;1700000599&q-key-time=1699999999;1700000599&q-header-list=content-type;host;x-cos-meta-uploader&q-url-param-list=&q-signature=b3606d881482f12e379b1263fa27ccebc296ce74',
    );
    expect(signed.expiresAt).toBe(1_700_000_599_000);
  });

  it('V2: UploadPart on an emulator host', () => {
    const { presign } = sdkAndPresigner({ ...keys, Domain: '127.0.0.1:9000', Protocol: 'http:' });
    const signed = presign(
      'uploads/报告 v1(final).pdf',
      'PUT',
      { 'Content-Type': 'application/pdf', 'x-cos-meta-uploader': 'alice' },
      { partNumber: '1', uploadId: 'abc123' },
      600,
    );
    expect(signatureOf(signed.url)).toBe('cda29ec43c71eae4ea5639122ab6c57c9bd4bc3b');
    // The reference quotes getObjectUrl's callback form, which writes the list as
    // `partnumber%3buploadid`; its return value (which the signer has always handed out) keeps
    // the `;`. The two decode to the same parameters.
    const callbackForm =
      'http://127.0.0.1:9000/uploads/%E6%8A%A5%E5%91%8A%20v1%28final%29.pdf?q-sign-algorithm=sha1&q-ak=AKIDEXAMPLE&q-sign-time=1699999999;1700000599&q-key-time=1699999999;1700000599&q-header-list=content-type;host;x-cos-meta-uploader&q-url-param-list=partnumber%3buploadid&q-signature=cda29ec43c71eae4ea5639122ab6c57c9bd4bc3b&partNumber=1&uploadId=abc123';
    expect(signed.url).toBe(callbackForm.replace('partnumber%3buploadid', 'partnumber;uploadid'));
    expect([...new URL(signed.url).searchParams]).toEqual([...new URL(callbackForm).searchParams]);
  });

  it('V3: host-only UploadPart', () => {
    const { presign } = sdkAndPresigner(keys);
    const signed = presign(
      'videos/clip.mp4',
      'PUT',
      {},
      {
        partNumber: '2',
        uploadId: '1585130821cbb7df1d11846c073ad648e8f33b087cec2381df437acdc833cf654b9ecc6361',
      },
      600,
    );
    expect(signatureOf(signed.url)).toBe('f1669da644d60e952d98f1f744dbcd3638dbe474');
  });

  it('V4: exact size and MD5', () => {
    const { presign } = sdkAndPresigner(keys);
    const signed = presign(
      'a.txt',
      'PUT',
      { 'Content-Length': '11', 'Content-MD5': 'XrY7u+Ae7tCTyyK7j1rNww==' },
      undefined,
      600,
    );
    expect(signatureOf(signed.url)).toBe('abb7bdd4f72d0ab7934f4af2f254ce26a21596d9');
  });

  it('V5: encoding edge cases', () => {
    const { presign } = sdkAndPresigner(keys);
    const signed = presign(
      'a b+c/报告(1).pdf',
      'GET',
      { 'x-cos-traffic-limit': '819200' },
      {
        'response-content-disposition': 'attachment; filename="报告.pdf"',
        'imageMogr2/thumbnail/200x/': '',
      },
      600,
    );
    expect(signed.url).toContain(
      '&q-url-param-list=imagemogr2%2fthumbnail%2f200x%2f;response-content-disposition&',
    );
    expect(signatureOf(signed.url)).toBe('e98f86347bd058d4dfed61d7f65623ed2e03f609');
  });
});

describe('the emulator accepts them', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const awkwardKeys = [
    'uploads/t/报告 v1+(final).txt',
    "uploads/t/it's !(*) ~here~.txt",
    'uploads/t/emoji 😀👍🏽/file 🎉.png',
    'uploads/t/caf\u00e9 and cafe\u0301.txt',
    'uploads/t/hash#?q=1&r=2;s,t:u@v$w [] {} ^ `.txt',
    'uploads/t/percent %2F %20 %ZZ.txt',
    'uploads/t/' + '长'.repeat(270) + '.txt',
    'uploads/t/' + 'd/'.repeat(150) + 'x'.repeat(300),
  ];

  it.each(awkwardKeys)('single PUT, a part and a GET of %j', async (key) => {
    const body = new TextEncoder().encode(`content of ${key}`);
    const put = stack.cos.presignPut(key, {
      size: body.length,
      contentType: 'text/plain',
      extraHeaders: {
        'x-cos-forbid-overwrite': 'true',
        'x-cos-meta-filename': encodeURIComponent(key.split('/').pop()!.slice(0, 100)),
      },
      expiresSeconds: 60,
    });
    const stored = await sendSigned(put, body);
    expect(stored.status, await stored.clone().text()).toBe(200);
    expect(stored.headers.get('x-cos-hash-crc64ecma')).toBe(crc64(body));
    // A changed header is refused: the signature covers it.
    const forged = await sendSigned(
      { ...put, headers: { ...put.headers, 'x-cos-meta-filename': 'other' } },
      body,
    );
    expect(forged.status).toBe(403);

    const get = stack.cos.presignGet(key, {
      expiresSeconds: 60,
      query: { 'response-content-disposition': "attachment; filename*=UTF-8''%E6%8A%A5 (1).txt" },
    });
    const fetched = await fetch(get.url);
    expect(fetched.status).toBe(200);
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(body);
    expect(fetched.headers.get('content-disposition')).toBe(
      "attachment; filename*=UTF-8''%E6%8A%A5 (1).txt",
    );

    const partKey = `${key}.parts`;
    const uploadId = await stack.cos.initiateMultipart(partKey, { contentType: 'text/plain' });
    const part = stack.cos.presignPart(partKey, uploadId, 1, body.length, 60);
    const sent = await sendSigned(part, body);
    expect(sent.status).toBe(200);
    expect(await stack.cos.listParts(partKey, uploadId)).toMatchObject([
      { partNumber: 1, size: body.length },
    ]);
    await stack.cos.abortMultipart(partKey, uploadId);
    await stack.cos.deleteObject(key);
  });
});
