/**
 * An error answered the COS way (XML body, status, code). Handlers throw these; the request
 * pipeline renders them. `extra` adds elements after `<TraceId>` (e.g. `<StringToSign>` on
 * SignatureDoesNotMatch, which real COS returns and which makes signing bugs debuggable).
 */
export class CosError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Readonly<Record<string, string>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'CosError';
  }
}

export const accessDenied = (): CosError => new CosError(403, 'AccessDenied', 'Access Denied.');

export const requestExpired = (): CosError =>
  new CosError(403, 'AccessDenied', 'Request has expired');

export const noSuchKey = (): CosError =>
  new CosError(404, 'NoSuchKey', 'The specified key does not exist.');

export const noSuchUpload = (): CosError =>
  new CosError(
    404,
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  );

export const malformedXml = (detail?: string): CosError =>
  new CosError(
    400,
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema.' +
      (detail ? ` (${detail})` : ''),
  );

export const invalidArgument = (message: string): CosError =>
  new CosError(400, 'InvalidArgument', message);

/**
 * Thrown when the emulator deliberately (fault injection) or necessarily (client vanished) ends
 * a request without an HTTP answer. The pipeline must not try to respond after it.
 */
export class ConnectionGone extends Error {
  constructor(
    reason: string,
    /** The injected fault that caused it (counted in stats); undefined when the client left. */
    readonly fault?: 'drop' | 'commitThenDrop',
  ) {
    super(reason);
    this.name = 'ConnectionGone';
  }
}
