/**
 * Test double: an in-memory COS bucket that is strict where the engine's behaviour depends on
 * it. It checks the URL was signed, its expiry (403 AccessDenied "Request has expired"), every
 * signed header byte for byte (403 SignatureDoesNotMatch), forbid-overwrite (409
 * FileAlreadyExists), unknown uploads (404 NoSuchUpload), and answers with ETag and
 * x-cos-hash-crc64ecma computed from what it stored. Test-only.
 */
import { crc64 } from '../../../../../protocol/crc64';
import type { TransportResponse } from '../ports/transport';

export interface SignedRecord {
  key: string;
  headers: Record<string, string>;
  /** Server clock (ms). */
  expiresAt: number;
  partNumber?: number;
  uploadId?: string;
}

export interface StoredObject {
  bytes: Uint8Array;
  crc64: string;
  etag: string;
}

export interface FakeUpload {
  key: string;
  parts: Map<number, StoredObject>;
  state: 'open' | 'completed' | 'aborted';
}

function xmlError(status: number, code: string, message: string): TransportResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-cos-request-id': `req-${code}` },
    body: `<?xml version='1.0' encoding='utf-8' ?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>req-${code}</RequestId></Error>`,
  };
}

export function etagOf(bytes: Uint8Array): string {
  return `"${BigInt(crc64(bytes)).toString(16).padStart(16, '0')}"`;
}

export class FakeCos {
  readonly objects = new Map<string, StoredObject>();
  readonly uploads = new Map<string, FakeUpload>();
  private readonly signed = new Map<string, SignedRecord>();
  private seq = 0;
  /** Store this many following PUT bodies with one byte flipped (data corrupted in transit). */
  corruptNext = 0;
  /** Hide ETag from answers (a bucket whose CORS rule does not expose it). */
  hideEtag = false;

  constructor(
    private readonly serverNow: () => number,
    /** Where the minted URLs point (a loopback server in integration tests). */
    private readonly baseUrl = 'https://cos.test',
  ) {}

  /** Mint a URL the way the signer would; the record is what "the signature covers". */
  sign(record: SignedRecord): string {
    const n = ++this.seq;
    let url = `${this.baseUrl}/${encodeURIComponent(record.key)}?q-sign-algorithm=sha1&q-signature=${n}`;
    if (record.partNumber !== undefined) {
      url += `&partNumber=${record.partNumber}&uploadId=${record.uploadId}`;
    }
    this.signed.set(url, record);
    return url;
  }

  record(url: string): SignedRecord | undefined {
    return this.signed.get(url);
  }

  /**
   * CompleteMultipartUpload: the listed parts, in order, become the object. Returns the number
   * of a part COS does not hold with that ETag (InvalidPart), or null once completed.
   */
  completeUpload(
    upload: FakeUpload,
    key: string,
    parts: ReadonlyArray<{ partNumber: number; etag: string }>,
  ): number | null {
    const chunks: Uint8Array[] = [];
    for (const part of parts) {
      const stored = upload.parts.get(part.partNumber);
      if (!stored || stored.etag !== part.etag) return part.partNumber;
      chunks.push(stored.bytes);
    }
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    upload.state = 'completed';
    this.objects.set(key, { bytes, crc64: crc64(bytes), etag: `"mp-${parts.length}"` });
    return null;
  }

  async handlePut(
    url: string,
    body: Blob,
    headers: Record<string, string>,
  ): Promise<TransportResponse> {
    const record = this.signed.get(url);
    if (!record)
      return xmlError(403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid.');
    if (this.serverNow() > record.expiresAt) {
      return xmlError(403, 'AccessDenied', 'Request has expired');
    }
    const sent = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    sent.set('content-length', String(body.size));
    for (const [name, value] of Object.entries(record.headers)) {
      if (sent.get(name.toLowerCase()) !== value) {
        return xmlError(403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid.');
      }
    }
    let bytes = new Uint8Array(await body.arrayBuffer());
    if (this.corruptNext > 0 && bytes.length > 0) {
      this.corruptNext--;
      bytes = bytes.slice();
      bytes[0] = bytes[0]! ^ 0xff;
    }
    const stored: StoredObject = { bytes, crc64: crc64(bytes), etag: etagOf(bytes) };
    const answer = (): TransportResponse => ({
      status: 200,
      headers: {
        ...(this.hideEtag ? {} : { etag: stored.etag }),
        'x-cos-hash-crc64ecma': stored.crc64,
        'x-cos-request-id': `req-${this.seq}`,
      },
      body: '',
    });

    if (record.partNumber !== undefined) {
      const upload = this.uploads.get(record.uploadId!);
      if (!upload || upload.state !== 'open') {
        return xmlError(404, 'NoSuchUpload', 'The specified upload does not exist.');
      }
      upload.parts.set(record.partNumber, stored);
      return answer();
    }
    const forbid = Object.entries(record.headers).some(
      ([name, value]) => name.toLowerCase() === 'x-cos-forbid-overwrite' && value === 'true',
    );
    if (forbid && this.objects.has(record.key)) {
      return xmlError(409, 'FileAlreadyExists', 'The object already exists.');
    }
    this.objects.set(record.key, stored);
    return answer();
  }
}
