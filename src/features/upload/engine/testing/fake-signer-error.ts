/** A failed call as the signer port reports it (../ports/signer.ts), for the fakes. Test-only. */
import {
  STATUS_OF,
  type ErrorCode,
  type ServerErrorCode,
} from '../../../../../protocol/error-codes';
import type { SignerError } from '../ports/signer';

export class FakeSignerError extends Error implements SignerError {
  override readonly name = 'SignerError';
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function signerError(code: ServerErrorCode | 'signer-unavailable', message: string = code) {
  return new FakeSignerError(code, code === 'signer-unavailable' ? 0 : STATUS_OF[code], message);
}
