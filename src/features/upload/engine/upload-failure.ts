import type { UploadError } from './types';

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
