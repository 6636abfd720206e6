import { describe, expect, it } from 'vitest';
import { parseCosError } from './cos-error';

describe('parseCosError', () => {
  it('reads Code, Message, RequestId and TraceId from a COS error document', () => {
    const body = `<?xml version='1.0' encoding='utf-8' ?>
<Error>
	<Code>AccessDenied</Code>
	<Message>Request has expired</Message>
	<Resource>examplebucket-1250000000.cos.ap-beijing.myqcloud.com/a</Resource>
	<RequestId>NWU3Zjk=</RequestId>
	<TraceId>OGVmYz</TraceId>
</Error>`;
    expect(parseCosError(body)).toEqual({
      code: 'AccessDenied',
      message: 'Request has expired',
      requestId: 'NWU3Zjk=',
      traceId: 'OGVmYz',
    });
  });

  it('decodes XML entities', () => {
    const body =
      '<Error><Code>AccessForbidden</Code><Message>resource&apos;s &lt;CORS&gt; &amp; &#x4E2D;&#25991;</Message></Error>';
    expect(parseCosError(body).message).toBe("resource's <CORS> & 中文");
  });

  it('falls back to headers when there is no body (HEAD, CORS-hidden)', () => {
    expect(parseCosError('', { 'x-cos-request-id': 'r1', 'x-cos-trace-id': 't1' })).toEqual({
      code: null,
      message: null,
      requestId: 'r1',
      traceId: 't1',
    });
  });

  it('ignores bodies that are not an Error document', () => {
    expect(parseCosError('<html><Code>x</Code></html>').code).toBeNull();
    expect(parseCosError('not xml').code).toBeNull();
  });
});
