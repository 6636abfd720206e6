/**
 * The engine's port to where unfinished multipart uploads are remembered across page loads
 * (resume after a reload). IndexedDB implements it from outside (../../resume); the tests use
 * an in-memory one (../testing/memory-resume-store.ts).
 */

/**
 * What identifies a file across page loads. Name, size and lastModified are cheap; `sample`
 * (CRC-64 of a few slices spread over the file) tells apart files that share them. The final
 * CRC-64 verification still catches a file that changed where no sample looked.
 */
export interface FileFingerprint {
  name: string;
  size: number;
  lastModified: number;
  sample: string;
}

/**
 * One unfinished multipart upload as persisted for resume after a reload. Never holds a URL or
 * the link token. It holds the upload's ticket: a server-signed capability bound to the link,
 * useless without the link token, and needed to sign parts, list parts and complete after the
 * reload (docs/security.md).
 */
export interface ResumeRecord {
  uploadId: string;
  ticket: string;
  key: string;
  partSize: number;
  partCount: number;
  fingerprint: FileFingerprint;
  relativePath: string;
  type: string;
  /** Informational (the banner): parts acknowledged when last written. ListParts is the truth. */
  partsDone: number;
  createdAt: number;
  updatedAt: number;
}

/**
 * Where resume records live. One store serves one link. Implementations never reject: storage
 * that is unavailable (private mode, a partitioned iframe) behaves as an empty store, so resume
 * quietly does not happen.
 */
export interface ResumeStore {
  /** This link's records, except those another open page is running (see `hold`). */
  list(): Promise<ResumeRecord[]>;
  put(record: ResumeRecord): Promise<void>;
  remove(uploadId: string): Promise<void>;
  /**
   * Mark the upload as run by this page until the returned release is called (or the page
   * goes away), so another tab on the same link does not offer it as unfinished. Optional:
   * without it every record is offered.
   */
  hold?(uploadId: string): () => void;
}
