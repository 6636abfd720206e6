/**
 * A plan taken on by a file: one the signer just made (`/uploads`: a single PUT or a new
 * multipart upload), or an earlier page's multipart upload continued with the parts COS holds
 * (resume after a reload). The job gets the plan, its row the key, mode and parts, and a new
 * multipart upload is remembered for resume. Plans whose URL must not be used never get here.
 */
import type { ListPartsResponse, MultipartPlan, UploadPlan } from '../../../../../protocol/schemas';
import { toSignedUrl, type Job, type MultipartState } from '../job';
import type { ResumeRecord } from '../ports/resume-store';
import { acknowledgedParts, planOf } from '../resume/resume-plan';
import type { ResumeTracker } from '../resume/resume-tracker';
import type { Store } from '../state/store';
import { signedRequestProblem } from '../transfer/signed-request-check';
import type { UploadError } from '../types';

/** A multipart plan as its run keeps it, with the parts COS already holds. */
function multipartStateOf(plan: MultipartPlan, etags: Map<number, string>): MultipartState {
  const { ticket, key, uploadId, partSize, partCount } = plan;
  return { ticket, key, uploadId, partSize, partCount, etags, urls: new Map() };
}

export interface PlanAdopter {
  /** Why the signer's plan must not be used, as the file's error; null when it may. */
  problemOf(plan: UploadPlan): UploadError | null;
  adopt(job: Job, plan: UploadPlan, serverTime: number): void;
  /** Continue an earlier page's upload: the plan it remembered, the parts COS holds. */
  adoptResumed(job: Job, record: ResumeRecord, listed: ListPartsResponse['parts']): void;
}

export function createPlanAdopter(deps: {
  store: Store;
  resume: ResumeTracker;
  now: () => number;
  /** Signed URLs pointing anywhere else are refused (PortalConfig.storageOrigin). */
  storageOrigin: string | null;
}): PlanAdopter {
  const { store, resume } = deps;
  return {
    problemOf(plan) {
      if (plan.kind !== 'single') return null;
      const problem = signedRequestProblem(plan.request, plan.key, deps.storageOrigin);
      return problem === null ? null : { code: 'url-rejected', detail: problem };
    },

    adopt(job, plan, serverTime) {
      if (job.resumeId !== null && (plan.kind === 'single' || plan.uploadId !== job.resumeId)) {
        resume.forgetFile(job);
      }
      job.plan = plan;
      job.ackedBytes = 0;
      if (plan.kind === 'single') {
        job.single = toSignedUrl(plan.request, serverTime, deps.now());
        job.multipart = null;
      } else {
        job.single = null;
        job.multipart = multipartStateOf(plan, new Map());
      }
      store.dispatch({
        type: 'planned',
        id: job.id,
        key: plan.key,
        mode: plan.kind,
        urlExpiresAt: job.single ? job.single.expiresAtLocal : null,
        parts: plan.kind === 'multipart' ? { done: 0, total: plan.partCount } : null,
      });
      if (job.multipart) {
        resume.remember(job);
        job.resumeId = job.multipart.uploadId;
      }
    },

    adoptResumed(job, record, listed) {
      const plan = planOf(record);
      const { etags, bytes } = acknowledgedParts(record, job.file.size, listed);
      job.plan = plan;
      job.single = null;
      job.multipart = multipartStateOf(plan, etags);
      job.ackedBytes = bytes;
      job.resumeId = plan.uploadId;
      store.dispatch({
        type: 'planned',
        id: job.id,
        key: plan.key,
        mode: 'multipart',
        urlExpiresAt: null,
        parts: { done: etags.size, total: plan.partCount },
      });
      store.dispatch({
        type: 'progress',
        id: job.id,
        bytesSent: bytes,
        speed: 0,
        partsDone: etags.size,
      });
      resume.progress(job);
    },
  };
}
