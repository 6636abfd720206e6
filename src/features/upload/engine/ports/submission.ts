/**
 * The engine's port to the page's submission (one visit's files, docs/protocol.md
 * "Submissions"): before each batch the engine asks it for the submission token the files are
 * signed into, and tells it when the signer says the submission is closed. The engine knows
 * nothing more of submissions; the page's submission session implements this from outside.
 */
export interface SubmissionPort {
  /**
   * The token for the next batch (undefined: sign without one). May open the submission, so
   * it may take a signer call; rejects (a SignerError) when a gate is not passed yet.
   */
  token(signal?: AbortSignal): Promise<string | undefined>;
  /** A signer call answered `submission-closed`. */
  noticeClosed(): void;
}
