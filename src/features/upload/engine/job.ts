/**
 * The engine's private record of one file: what the snapshot does not show (the File, the
 * plan, URLs, the run in progress). Where the file is in its life is not here: that is its
 * stage, in the store (state/file-machine.ts). The multipart part of it is kept in a shape that can be
 * written to IndexedDB later for resume-after-reload: ticket, key, uploadId, partSize,
 * partCount and the acknowledged parts; URLs are a cache that is never persisted.
 */
import type { SignedRequest, UploadPlan } from '../../../../protocol/schemas';
import { toLocalExpiry } from './transfer/expiry';
import { createSpeedMeter, type SpeedMeter } from './transfer/progress';
import type { RunScope } from './engine-context';

/** A pre-signed request with its expiry on the local clock. */
export interface SignedUrl {
  url: string;
  headers: Record<string, string>;
  expiresAtLocal: number;
  /** How long it was valid when signed (by the signer's clock). */
  lifetimeMs: number;
}

export function toSignedUrl(
  request: SignedRequest,
  serverTime: number,
  localNow: number,
): SignedUrl {
  return {
    url: request.url,
    headers: request.headers,
    expiresAtLocal: toLocalExpiry(request.expiresAt, serverTime, localNow),
    lifetimeMs: request.expiresAt - serverTime,
  };
}

/** Persistable multipart state (see module comment). */
export interface MultipartState {
  ticket: string;
  key: string;
  uploadId: string;
  partSize: number;
  partCount: number;
  /** partNumber → ETag of parts COS acknowledged. */
  etags: Map<number, string>;
  /** partNumber → signed URL not used yet (cache only). */
  urls: Map<number, SignedUrl>;
}

export interface HashState {
  generation: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  promise: Promise<string>;
  resolve: (crc: string) => void;
  reject: (error: Error) => void;
  controller: AbortController | null;
}

export interface Job {
  readonly id: string;
  readonly file: File;
  readonly relativePath: string;
  /** The file's own `x-cos-meta-*` pairs (FileInput.metadata), if any. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** In the planning queue (so it is never queued twice). */
  queued: boolean;
  plan: UploadPlan | null;
  single: SignedUrl | null;
  multipart: MultipartState | null;
  run: { id: number; controller: AbortController; scope: RunScope } | null;
  runSeq: number;
  /** Re-uploads after the signer reported a checksum/size mismatch. */
  mismatchReuploads: number;
  /** Fresh multipart uploads after the old one vanished (NoSuchUpload). */
  restarts: number;
  /** Automatic retries since the file was (re)started; shown as `attempts`. */
  retries: number;
  /** Bytes COS acknowledged (whole single PUT, or finished parts). */
  ackedBytes: number;
  speed: SpeedMeter;
  lastProgressAt: number;
  hash: HashState | null;
  /** Counted against the link's file/byte limits (accepted and not cancelled/refused). */
  counted: boolean;
  /** Looked for an earlier page's unfinished upload of this file (resume after a reload). */
  resumeChecked: boolean;
  /** Upload id of the multipart upload remembered for resume, while it is. */
  resumeId: string | null;
}

export function createJob(
  id: string,
  file: File,
  relativePath: string,
  metadata?: Readonly<Record<string, string>>,
): Job {
  return {
    id,
    file,
    relativePath,
    ...(metadata ? { metadata } : {}),
    queued: false,
    plan: null,
    single: null,
    multipart: null,
    run: null,
    runSeq: 0,
    mismatchReuploads: 0,
    restarts: 0,
    retries: 0,
    ackedBytes: 0,
    speed: createSpeedMeter(),
    lastProgressAt: Number.NEGATIVE_INFINITY,
    hash: null,
    counted: false,
    resumeChecked: false,
    resumeId: null,
  };
}

/** Forget a multipart plan (and what was sent under it) so the file is planned afresh. */
export function dropPlan(job: Job): void {
  job.plan = null;
  job.single = null;
  job.multipart = null;
  job.ackedBytes = 0;
}
