import type { SignerConfig } from '../config';
import type { CosClient } from '../cos/cos-client';
import type { LinkClaims } from '../links/link-types';
import type { LinkState } from '../state/link-state';
import type { UploadTicket } from './ticket';

/** What the upload operations need; the HTTP layer builds it once per app. */
export interface UploadDeps {
  config: Pick<
    SignerConfig,
    'linkKeys' | 'urlTtlSeconds' | 'multipartThreshold' | 'multipartPartSize'
  >;
  cos: CosClient;
  state: LinkState;
  now: () => number;
  /** Told about uploads that belong to a submission (tickets with `submission`). */
  submissions?: SubmissionUploadHooks;
}

/**
 * How an upload of a submission reports back (server/submissions implements it): the upload
 * operations stay ignorant of submissions beyond these three calls.
 */
export interface SubmissionUploadHooks {
  /** Before URLs are signed again; throws `submission-closed` once the submission is closed. */
  beforeSign(link: LinkClaims, ticket: UploadTicket): Promise<void>;
  /**
   * A verified upload, before it is counted: recorded in the submission. Throws (after removing
   * the object) when the submission closed without it.
   */
  verified(
    link: LinkClaims,
    ticket: UploadTicket,
    result: { size: number; crc64: string | null },
  ): Promise<void>;
  /** An upload that failed for good (its code) or was cancelled (`cancelled`). */
  failed(link: LinkClaims, ticket: UploadTicket, reason: string): Promise<void>;
}
