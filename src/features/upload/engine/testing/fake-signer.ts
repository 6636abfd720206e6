/**
 * Test double: the signing server, in memory, following `protocol/` (requests and answers are
 * validated with the protocol's zod schemas). It plans single/multipart uploads, signs URLs on
 * the FakeCos, and on complete checks size and CRC64 against what COS stored, deleting a bad
 * object just as the real signer does. Every call is recorded; failures can be injected.
 * Test-only.
 */
import { isSignerError, type SignerApi, type SignerError } from '../ports/signer';
import { signerError } from './fake-signer-error';
import {
  AbortRequest,
  CompleteBatchRequest,
  CompleteRequest,
  CompleteResponse,
  CreateUploadsRequest,
  CreateUploadsResponse,
  ListPartsResponse,
  SignRequest,
  SignResponse,
  type CompleteBatchResponse,
  type CompleteBatchResult,
  type CreateUploadResult,
  type FileSpec,
  type SignedRequest,
} from '../../../../../protocol/schemas';
import type { ServerErrorCode } from '../../../../../protocol/error-codes';
import type { FakeCos } from './fake-cos';

interface Ticket {
  key: string;
  size: number;
  type: string;
  kind: 'single' | 'multipart';
  uploadId?: string;
  partSize?: number;
  partCount?: number;
}

export interface FakeSignerOptions {
  cos: FakeCos;
  /** Local clock (the test's fake Date.now). */
  now: () => number;
  /** Signer clock = local + skew (ms). */
  skewMs?: number;
  urlTtlMs?: number;
  multipartThreshold?: number;
  partSize?: number;
  /** Refuse some files (as the server's limit checks would). */
  refuse?: (file: FileSpec) => ServerErrorCode | null;
}

type Method = 'createUploads' | 'sign' | 'complete' | 'completeBatch' | 'abort' | 'listParts';

export class FakeSigner implements SignerApi {
  readonly calls = {
    createUploads: [] as CreateUploadsRequest[],
    sign: [] as SignRequest[],
    complete: [] as CompleteRequest[],
    completeBatch: [] as CompleteBatchRequest[],
    abort: [] as AbortRequest[],
    listParts: [] as { ticket: string }[],
  };
  private readonly tickets = new Map<string, Ticket>();
  private readonly faults = new Map<Method, (SignerError | Error)[]>();
  private seq = 0;
  readonly urlTtlMs: number;
  readonly multipartThreshold: number;
  readonly partSize: number;

  constructor(private readonly o: FakeSignerOptions) {
    this.urlTtlMs = o.urlTtlMs ?? 600_000;
    this.multipartThreshold = o.multipartThreshold ?? 5 * 1024 * 1024;
    this.partSize = o.partSize ?? 1024 * 1024;
  }

  serverTime(): number {
    return this.o.now() + (this.o.skewMs ?? 0);
  }

  /** The next `times` calls of `method` fail with `error`. */
  failNext(method: Method, error: SignerError | Error, times = 1): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(error);
    this.faults.set(method, list);
  }

  ticket(ticket: string): Ticket | undefined {
    return this.tickets.get(ticket);
  }

  private fault(method: Method): void {
    const next = this.faults.get(method)?.shift();
    if (next) throw next;
  }

  private signPut(
    key: string,
    headers: Record<string, string>,
    part?: { partNumber: number; uploadId: string },
  ): SignedRequest {
    const expiresAt = this.serverTime() + this.urlTtlMs;
    const url = this.o.cos.sign({ key, headers, expiresAt, ...part });
    return { method: 'PUT', url, headers, expiresAt };
  }

  private singleHeaders(t: Ticket): Record<string, string> {
    return {
      'Content-Length': String(t.size),
      'x-cos-forbid-overwrite': 'true',
      ...(t.type ? { 'Content-Type': t.type } : {}),
    };
  }

  private partRequest(t: Ticket, partNumber: number): SignedRequest {
    const start = (partNumber - 1) * t.partSize!;
    const length = Math.min(t.size, start + t.partSize!) - start;
    return this.signPut(
      t.key,
      { 'Content-Length': String(length) },
      {
        partNumber,
        uploadId: t.uploadId!,
      },
    );
  }

  async createUploads(body: CreateUploadsRequest): Promise<CreateUploadsResponse> {
    const request = CreateUploadsRequest.parse(body);
    this.calls.createUploads.push(request);
    this.fault('createUploads');
    const results: CreateUploadResult[] = request.files.map((file) => {
      const refusal = this.o.refuse?.(file) ?? null;
      if (refusal) {
        return { clientId: file.clientId, ok: false, error: { code: refusal, message: refusal } };
      }
      const n = ++this.seq;
      const ticket = `ticket-${n}`;
      const key = `uploads/${n}/${file.name}`;
      if (file.size <= this.multipartThreshold) {
        const t: Ticket = { key, size: file.size, type: file.type, kind: 'single' };
        this.tickets.set(ticket, t);
        return {
          clientId: file.clientId,
          ok: true,
          upload: {
            kind: 'single',
            ticket,
            key,
            request: this.signPut(key, this.singleHeaders(t)),
          },
        };
      }
      const uploadId = `upload-${n}`;
      const partCount = Math.max(1, Math.ceil(file.size / this.partSize));
      this.tickets.set(ticket, {
        key,
        size: file.size,
        type: file.type,
        kind: 'multipart',
        uploadId,
        partSize: this.partSize,
        partCount,
      });
      this.o.cos.uploads.set(uploadId, { key, parts: new Map(), state: 'open' });
      return {
        clientId: file.clientId,
        ok: true,
        upload: { kind: 'multipart', ticket, key, uploadId, partSize: this.partSize, partCount },
      };
    });
    return CreateUploadsResponse.parse({ serverTime: this.serverTime(), results });
  }

  async sign(body: SignRequest): Promise<SignResponse> {
    const request = SignRequest.parse(body);
    this.calls.sign.push(request);
    this.fault('sign');
    const t = this.tickets.get(request.ticket);
    if (!t) throw signerError('ticket-invalid');
    if (t.kind === 'single') {
      return SignResponse.parse({
        serverTime: this.serverTime(),
        request: this.signPut(t.key, this.singleHeaders(t)),
      });
    }
    const parts = (request.parts ?? []).map((partNumber) => {
      if (partNumber > t.partCount!) throw signerError('invalid-request');
      return { partNumber, request: this.partRequest(t, partNumber) };
    });
    return SignResponse.parse({ serverTime: this.serverTime(), parts });
  }

  private verify(t: Ticket, expected: string | undefined): CompleteResponse {
    const object = this.o.cos.objects.get(t.key);
    if (!object) throw signerError('object-missing');
    if (object.bytes.length !== t.size) {
      this.o.cos.objects.delete(t.key);
      throw signerError('size-mismatch');
    }
    if (expected !== undefined && object.crc64 !== expected) {
      this.o.cos.objects.delete(t.key);
      throw signerError('checksum-mismatch');
    }
    return CompleteResponse.parse({
      serverTime: this.serverTime(),
      key: t.key,
      size: object.bytes.length,
      crc64: object.crc64,
      etag: object.etag,
      verified: true,
    });
  }

  async complete(body: CompleteRequest): Promise<CompleteResponse> {
    const request = CompleteRequest.parse(body);
    this.calls.complete.push(request);
    this.fault('complete');
    const t = this.tickets.get(request.ticket);
    if (!t) throw signerError('ticket-invalid');
    if (t.kind === 'multipart') {
      const upload = this.o.cos.uploads.get(t.uploadId!);
      if (!upload || upload.state === 'aborted') throw signerError('upload-not-found');
      if (upload.state === 'open') {
        const parts = request.parts ?? [];
        const numbers = parts.map((p) => p.partNumber);
        const complete = parts.length === t.partCount && numbers.every((n, i) => n === i + 1);
        if (!complete) throw signerError('invalid-request', 'parts missing or out of order');
        const invalid = this.o.cos.completeUpload(upload, t.key, parts);
        if (invalid !== null) throw signerError('invalid-request', `InvalidPart ${invalid}`);
      }
    }
    return this.verify(t, request.crc64);
  }

  /**
   * As the real signer does: each upload answered as `complete` would (so `calls.complete`
   * and faults on `complete` apply per upload), a refusal as that upload's result; a passing
   * failure (the signer unreachable) fails the whole call.
   */
  async completeBatch(body: CompleteBatchRequest): Promise<CompleteBatchResponse> {
    const request = CompleteBatchRequest.parse(body);
    this.calls.completeBatch.push(request);
    this.fault('completeBatch');
    const results: CompleteBatchResult[] = [];
    for (const upload of request.uploads) {
      try {
        const { serverTime: _, ...res } = await this.complete(upload);
        results.push({ ok: true, ...res });
      } catch (error) {
        if (!isSignerError(error) || error.status === 0 || error.status >= 500) {
          throw error;
        }
        results.push({
          ok: false,
          error: { code: error.code as ServerErrorCode, message: error.message },
        });
      }
    }
    return { serverTime: this.serverTime(), results };
  }

  async abort(body: AbortRequest): Promise<void> {
    const request = AbortRequest.parse(body);
    this.calls.abort.push(request);
    this.fault('abort');
    const t = this.tickets.get(request.ticket);
    if (!t) throw signerError('ticket-invalid');
    const upload = t.uploadId ? this.o.cos.uploads.get(t.uploadId) : undefined;
    if (upload && upload.state === 'open') upload.state = 'aborted';
  }

  async listParts(body: { ticket: string }): Promise<ListPartsResponse> {
    this.calls.listParts.push(body);
    this.fault('listParts');
    const t = this.tickets.get(body.ticket);
    if (!t?.uploadId) throw signerError('ticket-invalid');
    const upload = this.o.cos.uploads.get(t.uploadId);
    if (!upload || upload.state !== 'open') throw signerError('upload-not-found');
    return ListPartsResponse.parse({
      serverTime: this.serverTime(),
      parts: [...upload.parts.entries()].map(([partNumber, p]) => ({
        partNumber,
        etag: p.etag,
        size: p.bytes.length,
      })),
    });
  }
}
