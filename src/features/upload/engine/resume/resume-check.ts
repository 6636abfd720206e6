/**
 * Before a file is signed as a new upload: did an earlier page on this link leave an unfinished
 * multipart upload of it (resume after a reload)? The file is matched by its fingerprint, COS
 * is asked which parts it holds (ListParts is the truth), and the file continues from there.
 * An upload COS no longer knows may have completed before the reload: the signer is asked to
 * verify it, so a file that already landed is not sent a second time.
 *
 * The outcome is a planning event for the file (../state/file-machine.ts): planned (continue),
 * verified (it had landed), or not-resumable (sign it afresh).
 */
import type { ListPartsResponse } from '../../../../../protocol/schemas';
import { toUploadError } from '../failures/failure-codes';
import { callSigner, retryingAction } from '../failures/signer-call';
import type { EngineContext } from '../engine-context';
import type { FileRunner } from '../file-runner';
import type { Job } from '../job';
import type { PlanAdopter } from '../planning/plan-adopter';
import type { ResumeRecord } from '../ports/resume-store';
import type { Store } from '../state/store';
import { sampleHash } from './file-fingerprint';
import { fitsFile, planOf } from './resume-plan';
import type { ResumeTracker } from './resume-tracker';

/**
 * Stands in for the part list when asking the signer to verify an upload that ListParts no
 * longer knows: the signer reads parts only while the upload exists, and otherwise HEADs the
 * object under the ticket's key and compares size and CRC-64 (server/uploads/upload-ops.ts).
 */
const VANISHED_UPLOAD_PARTS = [{ partNumber: 1, etag: '"vanished"' }];

interface ResumeCheckDeps {
  ctx: EngineContext;
  runner: FileRunner;
  store: Store;
  resume: ResumeTracker;
  adopter: PlanAdopter;
  hashOf(job: Job, signal: AbortSignal): Promise<string>;
  life: AbortSignal;
}

/** The unfinished upload of an earlier page this file continues, if any (claimed). */
async function findResumable(deps: ResumeCheckDeps, job: Job): Promise<ResumeRecord | null> {
  const { resume } = deps;
  await resume.ready;
  if (resume.candidates(job.file).length === 0) return null;
  let sample: string;
  try {
    sample = await sampleHash(job.file);
  } catch {
    return null; // unreadable: the normal path reports it
  }
  for (const record of resume.candidates(job.file)) {
    if (record.fingerprint.sample !== sample) continue;
    if (!fitsFile(record, job.file)) {
      resume.forget(record.uploadId);
      continue;
    }
    resume.claim(record);
    return record;
  }
  return null;
}

/** The earlier upload is gone from COS: did it complete? True when the file is done. */
async function settleVanished(
  deps: ResumeCheckDeps,
  job: Job,
  record: ResumeRecord,
): Promise<boolean> {
  const { ctx, runner, store, life } = deps;
  try {
    const crc64 = await deps.hashOf(job, life);
    const res = await callSigner(ctx, life, (signal) =>
      ctx.signer.complete(
        { ticket: record.ticket, crc64, parts: VANISHED_UPLOAD_PARTS },
        { signal },
      ),
    );
    if (!res.verified || !runner.isPlanning(job)) return false;
    job.plan = planOf(record);
    store.dispatch({
      type: 'planned',
      id: job.id,
      key: res.key,
      mode: 'multipart',
      urlExpiresAt: null,
      parts: { done: record.partCount, total: record.partCount },
    });
    runner.send(job, {
      type: 'verified',
      key: res.key,
      etag: res.etag,
      crc64: res.crc64 ?? crc64,
    });
    return true;
  } catch {
    // Not there (or not ours to verify now): a new upload it is.
    return false;
  }
}

/** The parts COS holds of the record's upload; null when it cannot be continued now. */
async function listParts(
  deps: ResumeCheckDeps,
  job: Job,
  record: ResumeRecord,
): Promise<ListPartsResponse | 'settled' | null> {
  const { ctx, runner, store, resume, life } = deps;
  try {
    return await callSigner(
      ctx,
      life,
      (signal) => ctx.signer.listParts({ ticket: record.ticket }, { signal }),
      (retry) => store.dispatch(retryingAction(job, retry, ctx.env.now())),
    );
  } catch (error) {
    if (life.aborted) return null;
    const code = toUploadError(error).code;
    if (code === 'upload-not-found') {
      const settled = runner.isPlanning(job) && (await settleVanished(deps, job, record));
      resume.forget(record.uploadId);
      return settled ? 'settled' : null;
    }
    if (code === 'ticket-invalid' || code === 'invalid-request') {
      resume.forget(record.uploadId);
    } else {
      // Possibly passing (signer away, link closed): keep it for later and let the normal
      // path meet the same trouble and report it.
      resume.release(record);
    }
    return null;
  }
}

export function createResumeCheck(
  deps: ResumeCheckDeps,
): (job: Job, urgent: boolean) => Promise<void> {
  const { ctx, runner, store, resume, life } = deps;
  return async function checkResume(job, urgent) {
    job.resumeChecked = true;
    runner.send(job, { type: 'plan-started' });
    const record = await findResumable(deps, job);
    const listed = record && !life.aborted ? await listParts(deps, job, record) : null;
    if (listed === 'settled' || life.aborted) return;
    store.dispatch({ type: 'retry-cleared', id: job.id });
    if (!runner.isPlanning(job)) {
      // Cancelled meanwhile: the person does not want this file, nor its old upload.
      if (record && listed) {
        ctx.abortOnServer(record.ticket);
        resume.forget(record.uploadId);
      }
      return;
    }
    if (record && listed) {
      deps.adopter.adoptResumed(job, record, listed.parts);
      runner.send(job, { type: 'planned' });
      return;
    }
    runner.send(job, { type: 'not-resumable', urgent });
  };
}
