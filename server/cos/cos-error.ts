/**
 * A failure reported by COS (or by the network on the way to it), normalised from the SDK's
 * loose error objects. `cosCode` is COS's own code (`NoSuchUpload`, `AccessDenied`, …), or the
 * HTTP status / socket error code when COS sent no XML body.
 */
export class CosError extends Error {
  readonly cosCode: string;
  readonly statusCode: number | null;
  readonly requestId: string | null;

  constructor(
    cosCode: string,
    message: string,
    statusCode: number | null,
    requestId: string | null,
  ) {
    super(message);
    this.name = 'CosError';
    this.cosCode = cosCode;
    this.statusCode = statusCode;
    this.requestId = requestId;
  }

  static from(err: unknown): CosError {
    if (err instanceof CosError) return err;
    const e = (err ?? {}) as {
      code?: unknown;
      message?: unknown;
      statusCode?: unknown;
      headers?: Record<string, unknown>;
      error?: { Code?: unknown; Message?: unknown; RequestId?: unknown };
    };
    const code = String(e.error?.Code ?? e.code ?? 'UnknownError');
    const message = String(e.error?.Message ?? e.message ?? 'COS request failed');
    const status = typeof e.statusCode === 'number' ? e.statusCode : null;
    const requestId = e.headers?.['x-cos-request-id'] ?? e.error?.RequestId ?? null;
    return new CosError(code, message, status, requestId == null ? null : String(requestId));
  }
}

export function isCosCode(err: unknown, code: string): boolean {
  return err instanceof CosError && err.cosCode === code;
}
