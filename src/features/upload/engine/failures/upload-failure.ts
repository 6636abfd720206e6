import type { UploadError } from '../types';

/** Thrown inside the engine when a file has to end in `failed` (or `rejected`) with a code. */
export class UploadFailure extends Error {
  override readonly name = 'UploadFailure';
  readonly error: UploadError;

  constructor(error: UploadError) {
    super(error.detail ? `${error.code}: ${error.detail}` : error.code);
    this.error = error;
  }
}

export function isUploadFailure(error: unknown): error is UploadFailure {
  return error instanceof UploadFailure;
}

/** The string/number facts of a signer error's `details`, as UploadError params. */
export function errorParams(
  details: Record<string, unknown> | undefined,
): Record<string, string | number> | undefined {
  if (!details) return undefined;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(details)) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  }
  return Object.keys(params).length > 0 ? params : undefined;
}
