import { describe, expect, it } from 'vitest';
import type { SignedRequest } from '../../../../../protocol/schemas';
import { signedRequestProblem } from './signed-request-check';

const ORIGIN = 'https://portal-1250000000.cos.ap-guangzhou.myqcloud.com';
const KEY = 'uploads/link-1/0f6a/9c2e';

function request(overrides: Partial<SignedRequest> = {}): SignedRequest {
  return {
    method: 'PUT',
    url: `${ORIGIN}/${KEY}?q-sign-algorithm=sha1&q-ak=AKID&q-key-time=1%3B2&q-signature=abc`,
    headers: {
      'Content-Type': 'application/pdf',
      'x-cos-forbid-overwrite': 'true',
      'x-cos-meta-filename': 'report%20Q1.pdf',
    },
    expiresAt: 2000,
    ...overrides,
  };
}

describe('signedRequestProblem', () => {
  it('accepts what the signer issues: the bucket origin, the key, signed, allowed headers', () => {
    expect(signedRequestProblem(request(), KEY, ORIGIN)).toBeNull();
    expect(signedRequestProblem(request(), KEY, null)).toBeNull();
  });

  it('accepts a part URL and a key that needs encoding', () => {
    const key = 'uploads/l/a b+c/报告';
    const url = `${ORIGIN}/uploads/l/a%20b%2Bc/${encodeURIComponent('报告')}?partNumber=3&uploadId=u&q-signature=x`;
    expect(signedRequestProblem(request({ url, headers: {} }), key, ORIGIN)).toBeNull();
  });

  it('refuses another host, another port or plain http when the origin is configured', () => {
    const other = request({ url: `https://evil.example/${KEY}?q-signature=abc` });
    expect(signedRequestProblem(other, KEY, ORIGIN)).toBe('origin https://evil.example');
    const port = request({ url: `${ORIGIN}:8443/${KEY}?q-signature=abc` });
    expect(signedRequestProblem(port, KEY, ORIGIN)).toMatch(/^origin /);
    const http = request({ url: `${ORIGIN.replace('https:', 'http:')}/${KEY}?q-signature=abc` });
    expect(signedRequestProblem(http, KEY, ORIGIN)).toMatch(/^origin http:/);
    const lookalike = request({ url: `${ORIGIN}.evil.example/${KEY}?q-signature=abc` });
    expect(signedRequestProblem(lookalike, KEY, ORIGIN)).toMatch(/^origin /);
  });

  it('allows plain http only to a configured loopback origin (the local emulator)', () => {
    const local = 'http://127.0.0.1:9000';
    const url = `${local}/${KEY}?q-signature=abc`;
    expect(signedRequestProblem(request({ url }), KEY, local)).toBeNull();
    const lan = 'http://192.168.1.5:9000';
    expect(signedRequestProblem(request({ url: `${lan}/${KEY}?q-signature=abc` }), KEY, lan)).toBe(
      'scheme http:',
    );
  });

  it('refuses an unsigned URL, another key, credentials in the URL and other methods', () => {
    expect(signedRequestProblem(request({ url: `${ORIGIN}/${KEY}` }), KEY, ORIGIN)).toBe(
      'no q-signature',
    );
    expect(signedRequestProblem(request(), 'uploads/link-1/other', ORIGIN)).toBe(
      'path is not the object key',
    );
    // The browser resolves dot segments before sending: judged as sent.
    const dotted = request({ url: `${ORIGIN}/${KEY}/../../other?q-signature=abc` });
    expect(signedRequestProblem(dotted, KEY, ORIGIN)).toBe('path is not the object key');
    const userinfo = request({
      url: `https://user:pw@${new URL(ORIGIN).host}/${KEY}?q-signature=a`,
    });
    expect(signedRequestProblem(userinfo, KEY, null)).toBe('credentials in the URL');
    expect(signedRequestProblem(request({ method: 'POST' }), KEY, ORIGIN)).toBe('method POST');
  });

  it('refuses headers outside the allow-list and header values with line breaks', () => {
    const acl = request({ headers: { 'x-cos-acl': 'public-read' } });
    expect(signedRequestProblem(acl, KEY, ORIGIN)).toBe('header x-cos-acl');
    // The fixed values every upload carries are fine; any other value is not.
    const fixed = request({
      headers: { 'x-cos-acl': 'default', 'Content-Disposition': 'attachment' },
    });
    expect(signedRequestProblem(fixed, KEY, ORIGIN)).toBeNull();
    const inline = request({ headers: { 'Content-Disposition': 'inline' } });
    expect(signedRequestProblem(inline, KEY, ORIGIN)).toBe('header content-disposition');
    const privateAcl = request({ headers: { 'X-Cos-Acl': 'private' } });
    expect(signedRequestProblem(privateAcl, KEY, ORIGIN)).toBe('header x-cos-acl');
    const grant = request({ headers: { 'X-Cos-Grant-Read': 'id="1"' } });
    expect(signedRequestProblem(grant, KEY, ORIGIN)).toBe('header x-cos-grant-read');
    const auth = request({ headers: { Authorization: 'q-sign-algorithm=sha1' } });
    expect(signedRequestProblem(auth, KEY, ORIGIN)).toBe('header authorization');
    const smuggled = request({ headers: { 'x-cos-meta-note': 'a\r\nx-cos-acl: public-read' } });
    expect(signedRequestProblem(smuggled, KEY, ORIGIN)).toBe(
      'line break in header x-cos-meta-note',
    );
  });
});
