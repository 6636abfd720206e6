import { FIXED_OBJECT_HEADERS } from '../../protocol/object-headers';
import { pooledRandomBytes } from '../random-pool';
import type { ApiError, CreateUploadResult, UploadPlan } from '../../protocol/schemas';
import { FileSpec } from '../../protocol/schemas';
import { CosError } from '../cos/cos-error';
import type { LinkClaims } from '../links/link-types';
import { quotaLimitsOf, refusalOf, reservationTiming } from './link-quota';
import { fileNameRoom, metadataHeaders } from './file-metadata';
import { encodeMetaFileName, META_FILE_NAME_HEADER } from './meta-file-name';
import { objectKeyFor } from './object-key';
import { planParts } from './part-plan';
import { issueTicket, TICKET_TTL_SECONDS } from './ticket';
import { decideStoredType, typeRefusal } from './type-match';
import type { UploadDeps } from './upload-deps';

/**
 * POST /uploads: checks each file of a batch against the link's limits *before* anything is
 * signed (type and size from the token; file count and total bytes against what the link has
 * really used, reserved in the bucket so concurrent batches on any instance cannot overshoot),
 * then plans it: a pre-signed single PUT, or (above the threshold) a multipart upload the
 * server initiates. Results come back one per file, in order; one refused file does not sink
 * the batch.
 */

/** Multipart initiations run a few at a time so a 100-file batch does not flood COS. */
const INIT_CONCURRENCY = 4;

/** Forbids overwriting: even a replayed URL cannot replace what already landed. */
export const FORBID_OVERWRITE = { 'x-cos-forbid-overwrite': 'true' } as const;

/** base64url's 64 characters in ASCII order, so encoded numbers sort as they compare. */
const SORTABLE = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/**
 * A key's unique id: the signing time (ms, 8 characters that sort in time order) and 128
 * random bits. The randomness alone makes every key unique and unguessable; the time prefix
 * puts the files signed together next to each other in their folder's listing, so a batch of
 * them is verified with one GET Bucket (listed-objects.ts).
 */
export function newObjectId(nowMs: number): string {
  let time = '';
  let t = Math.max(0, Math.floor(nowMs));
  for (let i = 0; i < 8; i++) {
    time = SORTABLE[t % 64]! + time;
    t = Math.floor(t / 64);
  }
  return time + Buffer.from(pooledRandomBytes(16)).toString('base64url');
}

function refuse(clientId: string, error: ApiError): CreateUploadResult {
  return { clientId, ok: false, error };
}

function clientIdOf(raw: unknown, index: number): string {
  const id = (raw as { clientId?: unknown } | null)?.clientId;
  return typeof id === 'string' && id.length > 0 ? id.slice(0, 64) : `#${index}`;
}

/** `type`: the Content-Type decided for it (type-match.ts), signed into its upload. */
type Accepted = { index: number; clientId: string; spec: FileSpec; key: string; type: string };

/** Where the files of a submission go, and who is told about them (server/submissions). */
export interface UploadPlacement {
  /** Folder below the link's prefix, ending in `/`. */
  folder: string;
  /** Bound into each ticket, so sign, complete and abort report back to the submission. */
  submissionId: string;
  /** Told about every planned file before any URL is handed out. */
  record(files: PlannedUpload[]): Promise<void>;
}

export interface PlannedUpload {
  key: string;
  name: string;
  relativePath?: string | undefined;
  size: number;
  /** The Content-Type signed into the upload. */
  type: string;
}

export async function createUploads(
  deps: UploadDeps,
  link: LinkClaims,
  files: readonly unknown[],
  placement?: UploadPlacement,
): Promise<CreateUploadResult[]> {
  const results: CreateUploadResult[] = new Array(files.length);
  const candidates: Accepted[] = [];

  files.forEach((raw, index) => {
    const parsed = FileSpec.safeParse(raw);
    if (!parsed.success) {
      results[index] = refuse(clientIdOf(raw, index), {
        code: 'invalid-request',
        message: 'This file description is not valid.',
        details: {
          issues: parsed.error.issues
            .slice(0, 5)
            .map((i) => ({ path: i.path.join('.'), message: i.message })),
        },
      });
      return;
    }
    const spec = parsed.data;
    const key = objectKeyFor({
      prefix: placement ? link.prefix + placement.folder : link.prefix,
      relativePath: spec.relativePath,
      name: spec.name,
      id: newObjectId(deps.now()),
    });
    // Judged on the name the key really ends with (sanitising may drop characters).
    const decision = decideStoredType(link.allowedTypes, key, spec.type);
    if (!decision.ok) {
      results[index] = refuse(spec.clientId, typeRefusal(link.allowedTypes, decision));
      return;
    }
    if (link.maxFileSize !== null && spec.size > link.maxFileSize) {
      results[index] = refuse(spec.clientId, {
        code: 'file-too-large',
        message: 'This file is larger than the link allows.',
        details: { limit: link.maxFileSize },
      });
      return;
    }
    candidates.push({ index, clientId: spec.clientId, spec, key, type: decision.type });
  });

  // File count and total bytes: reserved against the link's real use, in batch order.
  let accepted = candidates;
  const limits = quotaLimitsOf(link);
  if (limits && candidates.length > 0) {
    const outcomes = await deps.state.quota.reserve(
      link.id,
      limits,
      candidates.map((a) => ({ key: a.key, size: a.spec.size })),
      reservationTiming(deps).ttlMs,
    );
    accepted = candidates.filter((a, i) => {
      const outcome = outcomes[i]!;
      if (!outcome.ok) results[a.index] = refuse(a.clientId, refusalOf(outcome));
      return outcome.ok;
    });
  }

  const exp = Math.floor(deps.now() / 1000) + TICKET_TTL_SECONDS;
  const submission = placement?.submissionId;
  const multipart: Accepted[] = [];
  for (const a of accepted) {
    if (a.spec.size > deps.config.multipartThreshold) {
      multipart.push(a);
      continue;
    }
    results[a.index] = {
      clientId: a.clientId,
      ok: true,
      upload: planSingle(deps, link, a, exp, submission),
    };
  }

  let next = 0;
  const worker = async () => {
    while (next < multipart.length) {
      const a = multipart[next++]!;
      try {
        results[a.index] = {
          clientId: a.clientId,
          ok: true,
          upload: await planMultipart(deps, link, a, exp, submission),
        };
      } catch (err) {
        if (!(err instanceof CosError)) throw err;
        // Nothing will be uploaded for it: give its room back (best effort; it expires anyway).
        if (limits) await deps.state.quota.release(link.id, a.key).catch(() => {});
        results[a.index] = refuse(a.clientId, {
          code: 'storage-error',
          message: 'The storage service could not start this upload.',
          details: { cosCode: err.cosCode, status: err.statusCode, requestId: err.requestId },
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(INIT_CONCURRENCY, multipart.length) }, worker));
  if (placement) {
    const planned = accepted
      .filter((a) => results[a.index]?.ok)
      .map((a) => ({
        key: a.key,
        name: a.spec.name,
        relativePath: a.spec.relativePath,
        size: a.spec.size,
        type: a.type,
      }));
    if (planned.length) await placement.record(planned);
  }
  return results;
}

function planSingle(
  deps: UploadDeps,
  link: LinkClaims,
  a: Accepted,
  exp: number,
  submission: string | undefined,
): UploadPlan {
  const type = a.type;
  const metaFileName = encodeMetaFileName(a.spec.name, fileNameRoom(a.spec.metadata));
  const ticket = issueTicket(deps.config.linkKeys, {
    linkId: link.id,
    key: a.key,
    size: a.spec.size,
    type,
    mode: 'single',
    metaFileName,
    ...(a.spec.metadata ? { metadata: a.spec.metadata } : {}),
    ...(submission ? { submission } : {}),
    exp,
  });
  return {
    kind: 'single',
    ticket,
    key: a.key,
    request: presignSingle(deps, a.key, a.spec.size, type, metaFileName, a.spec.metadata),
  };
}

/** The single-PUT request; `/uploads/sign` re-creates it from the ticket with the same headers. */
export function presignSingle(
  deps: UploadDeps,
  key: string,
  size: number,
  type: string,
  metaFileName: string,
  metadata?: Record<string, string>,
): { method: 'PUT'; url: string; headers: Record<string, string>; expiresAt: number } {
  const signed = deps.cos.presignPut(key, {
    size,
    contentType: type,
    extraHeaders: {
      ...FORBID_OVERWRITE,
      // Signed, so a link holder cannot add `x-cos-acl: public-read` (protocol/object-headers.ts).
      ...FIXED_OBJECT_HEADERS,
      ...metadataHeaders(metadata),
      [META_FILE_NAME_HEADER]: metaFileName,
    },
    expiresSeconds: deps.config.urlTtlSeconds,
  });
  return { method: 'PUT', ...signed };
}

async function planMultipart(
  deps: UploadDeps,
  link: LinkClaims,
  a: Accepted,
  exp: number,
  submission: string | undefined,
): Promise<UploadPlan> {
  const type = a.type;
  const { partSize, partCount } = planParts(a.spec.size, deps.config.multipartPartSize);
  const uploadId = await deps.cos.initiateMultipart(a.key, {
    contentType: type,
    headers: {
      // The browser only sends parts; the object's ACL and disposition are fixed here.
      ...FIXED_OBJECT_HEADERS,
      ...metadataHeaders(a.spec.metadata),
      [META_FILE_NAME_HEADER]: encodeMetaFileName(a.spec.name, fileNameRoom(a.spec.metadata)),
    },
  });
  const ticket = issueTicket(deps.config.linkKeys, {
    linkId: link.id,
    key: a.key,
    size: a.spec.size,
    type,
    mode: 'multipart',
    uploadId,
    partSize,
    partCount,
    ...(submission ? { submission } : {}),
    exp,
  });
  return { kind: 'multipart', ticket, key: a.key, uploadId, partSize, partCount };
}
