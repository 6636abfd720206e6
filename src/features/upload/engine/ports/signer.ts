/**
 * The engine's port to the signing server: the calls it makes and how they fail. The engine
 * owns this contract; the axios client implements it from outside (../../api/signer-api.ts)
 * and the tests plug in an in-memory signer that follows `protocol/` (../testing/fake-signer.ts).
 */
import type {
  AbortRequest,
  CompleteBatchRequest,
  CompleteBatchResponse,
  CompleteRequest,
  CompleteResponse,
  CreateUploadsRequest,
  CreateUploadsResponse,
  ListPartsResponse,
  SignRequest,
  SignResponse,
} from '../../../../../protocol/schemas';
import type { ErrorCode } from '../../../../../protocol/error-codes';

export interface SignerCallOptions {
  signal?: AbortSignal;
}

/** Every method rejects with a `SignerError` when the call fails. */
export interface SignerApi {
  createUploads(
    body: CreateUploadsRequest,
    options?: SignerCallOptions,
  ): Promise<CreateUploadsResponse>;
  sign(body: SignRequest, options?: SignerCallOptions): Promise<SignResponse>;
  complete(body: CompleteRequest, options?: SignerCallOptions): Promise<CompleteResponse>;
  completeBatch(
    body: CompleteBatchRequest,
    options?: SignerCallOptions,
  ): Promise<CompleteBatchResponse>;
  abort(body: AbortRequest, options?: SignerCallOptions): Promise<void>;
  listParts(body: { ticket: string }, options?: SignerCallOptions): Promise<ListPartsResponse>;
}

/**
 * A failed signer call: the server's stable code, the HTTP status (0 when no answer arrived)
 * and the error's `details` (e.g. `retryAfter`, a limit). An Error of this shape is all the
 * engine reads; it never looks at the HTTP client behind the port.
 */
export interface SignerError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown> | undefined;
}

export function isSignerError(error: unknown): error is SignerError {
  if (!(error instanceof Error)) return false;
  const { code, status } = error as Partial<SignerError>;
  return typeof code === 'string' && typeof status === 'number';
}

/** Anything a call threw, as a SignerError: what is not one is "the signer is unreachable". */
export function asSignerError(error: unknown): SignerError {
  if (isSignerError(error)) return error;
  const failure = new Error(error instanceof Error ? error.message : 'Signer request failed', {
    cause: error,
  }) as Error & { code: ErrorCode; status: number };
  failure.name = 'SignerError';
  failure.code = 'signer-unavailable';
  failure.status = 0;
  return failure;
}
