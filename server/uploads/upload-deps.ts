import type { SignerConfig } from '../config';
import type { Refusal } from '../refusal';
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
   * Verified uploads of one submission, just counted in the ledger under the submission's
   * scope (which is also the submission's record of them). Checks that the submission did not
   * close meanwhile; the answer holds a refusal for each upload that must not be reported
   * verified (by object key): its object removed because the submission closed without it
   * (`submission-closed`), or `rate-limited` while a close is still writing its manifest.
   */
  recorded(
    link: LinkClaims,
    submissionId: string,
    tickets: readonly UploadTicket[],
  ): Promise<Map<string, Refusal>>;
  /** An upload that failed for good (its code) or was cancelled (`cancelled`). */
  failed(link: LinkClaims, ticket: UploadTicket, reason: string): Promise<void>;
}
