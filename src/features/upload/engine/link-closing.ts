/**
 * The end of the link while the page is open: revoked by its owner or past its expiry, learnt
 * from whichever signer call meets it first (failures/watch-link-closed.ts) or told by the page
 * (`closeLink`). It reaches every file as one event of its state machine (`link-closed`):
 * files not under way stop (stage `closed`, their multipart uploads aborted), runs go on, since
 * the signer lets uploads signed before the end finish and count (docs/security.md, "Revoking
 * a link"). From then on the planner signs nothing, files added are refused with the link's
 * code, nobody may pause, resume or retry (state/file-actions.ts), and a file whose run fails
 * is stopped the same way: its Retry could only ask for a signature. The first reason sticks.
 */
import type { LinkClosedCode } from '../../../../protocol/error-codes';
import type { FileRunner } from './file-runner';
import type { Job } from './job';
import type { Store } from './state/store';
import type { UploadError } from './types';

export interface LinkClosedFlag {
  /** The error files stopped by the link's end carry; null while the link is open. */
  linkClosed: UploadError | null;
  readonly destroyed: boolean;
}

export function createLinkClosing(deps: {
  jobs: ReadonlyMap<string, Job>;
  runner: FileRunner;
  store: Store;
  flags: LinkClosedFlag;
}): (code: LinkClosedCode, error?: UploadError) => void {
  const { flags } = deps;
  return (code, error = { code }) => {
    if (flags.destroyed || flags.linkClosed !== null) return;
    flags.linkClosed = { ...error, code };
    deps.store.dispatch({ type: 'link-closed', code });
    for (const job of deps.jobs.values()) {
      deps.runner.send(job, { type: 'link-closed', error: flags.linkClosed });
    }
  };
}
