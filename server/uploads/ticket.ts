import { z } from 'zod';
import { Refusal } from '../refusal';
import type { LinkKeySet } from '../links/link-keys';
import { openToken, sealToken } from '../links/signed-token';

/**
 * Upload tickets: the server's memory of one upload, handed to the browser and signed so it
 * cannot be altered. A ticket binds the link, the object key, the declared size and type, and
 * for multipart the upload id and part layout, so later calls (sign, parts, complete, abort)
 * need no server-side state and can only ever touch that one key.
 */
export interface UploadTicket {
  linkId: string;
  key: string;
  size: number;
  /** Content-Type signed into the upload. */
  type: string;
  mode: 'single' | 'multipart';
  /** Single PUT: the signed `x-cos-meta-filename` value, so a re-sign signs the same headers. */
  metaFileName?: string;
  /** Single PUT: the host's `x-cos-meta-*` pairs, re-signed as they were (file-metadata.ts). */
  metadata?: Record<string, string>;
  uploadId?: string;
  partSize?: number;
  partCount?: number;
  /** The submission the upload belongs to (server/submissions), if any. */
  submission?: string;
  /** Expiry, Unix seconds. */
  exp: number;
}

/**
 * A week: long enough to resume a large multipart upload after a reload or a night's sleep.
 * The link itself is re-checked on every call, so an expired link stops its tickets anyway.
 */
export const TICKET_TTL_SECONDS = 7 * 24 * 3600;
const DOMAIN = 'ticket';

const Wire = z
  .object({
    l: z.string().min(1),
    k: z.string().min(1),
    s: z.number().int().nonnegative(),
    t: z.string(),
    m: z.enum(['single', 'multipart']),
    n: z.string().max(2048).optional(),
    x: z.record(z.string(), z.string()).optional(),
    u: z.string().min(1).optional(),
    ps: z.number().int().positive().optional(),
    pc: z.number().int().positive().max(10_000).optional(),
    sb: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/)
      .optional(),
    e: z.number().int().positive(),
  })
  .refine(
    (w) =>
      (w.m === 'multipart') === (w.u !== undefined && w.ps !== undefined && w.pc !== undefined),
  );

export function issueTicket(keys: LinkKeySet, t: UploadTicket): string {
  const wire: z.infer<typeof Wire> = {
    l: t.linkId,
    k: t.key,
    s: t.size,
    t: t.type,
    m: t.mode,
    e: t.exp,
  };
  if (t.metaFileName !== undefined) wire.n = t.metaFileName;
  if (t.metadata !== undefined) wire.x = t.metadata;
  if (t.submission !== undefined) wire.sb = t.submission;
  if (t.mode === 'multipart') {
    wire.u = t.uploadId;
    wire.ps = t.partSize;
    wire.pc = t.partCount;
  }
  return sealToken(keys, DOMAIN, Wire.parse(wire));
}

/**
 * Opens a ticket for a request made with link `linkId`. Tampered, expired, foreign-link and
 * malformed tickets all answer the same `ticket-invalid`: the reason is of no use to a client.
 */
export function readTicket(
  keys: LinkKeySet,
  ticket: string,
  expect: { linkId: string; nowMs: number },
): UploadTicket {
  const invalid = (why: string) => new Refusal('ticket-invalid', `The upload ticket is ${why}.`);
  const opened = openToken(keys, DOMAIN, ticket);
  if (!opened.ok) throw invalid('not valid');
  const w = Wire.safeParse(opened.payload);
  if (!w.success) throw invalid('not valid');
  const d = w.data;
  if (d.l !== expect.linkId) throw invalid('for another link');
  if (expect.nowMs >= d.e * 1000) throw invalid('expired');
  const t: UploadTicket = { linkId: d.l, key: d.k, size: d.s, type: d.t, mode: d.m, exp: d.e };
  if (d.n !== undefined) t.metaFileName = d.n;
  if (d.x !== undefined) t.metadata = d.x;
  if (d.sb !== undefined) t.submission = d.sb;
  if (d.m === 'multipart') {
    t.uploadId = d.u;
    t.partSize = d.ps;
    t.partCount = d.pc;
  }
  return t;
}
