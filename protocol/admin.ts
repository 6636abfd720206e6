/**
 * Wire contract of the admin API (`/api/v1/admin/…`, `Authorization: Bearer <ADMIN_TOKEN>`):
 * link management and the bucket self-test. Shared by the signer and the portal's admin view.
 * Human documentation: docs/protocol.md ("Admin API").
 */
import { z } from 'zod';
import { Crc64, LinkLimits, SignedRequest } from './schemas';

export const ADMIN_ROUTES = {
  /** GET → AdminLinksResponse; POST CreateLinkRequest → CreateLinkResponse (201). */
  links: '/admin/links',
  /** GET → AdminLinkResponse. */
  link: (id: string) => `/admin/links/${encodeURIComponent(id)}`,
  /** POST {reason?} → AdminLinkResponse. */
  revoke: (id: string) => `/admin/links/${encodeURIComponent(id)}/revoke`,
  /** POST → SelfTestStartResponse: the server's own checks and a tiny upload for the browser. */
  selftest: '/admin/selftest',
  /** POST SelfTestVerifyRequest → SelfTestVerifyResponse: reads the test object back, deletes it. */
  selftestVerify: '/admin/selftest/verify',
} as const;

const size = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable();

export const CreateLinkRequest = z.object({
  title: z.string().max(200).optional(),
  message: z.string().max(2000).optional(),
  /** Lifetime from now in seconds; absent = never expires. */
  expiresInSeconds: z
    .number()
    .int()
    .positive()
    .max(10 * 366 * 24 * 3600)
    .optional(),
  maxFileSize: size.optional(),
  maxTotalBytes: size.optional(),
  maxFiles: size.optional(),
  allowedTypes: z.array(z.string().max(128)).max(100).optional(),
  embedOrigins: z.array(z.string().max(256)).max(20).optional(),
});
export type CreateLinkRequest = z.infer<typeof CreateLinkRequest>;

export const Usage = z.object({ files: z.number().int(), bytes: z.number().int() });

export const AdminLink = z.object({
  id: z.string(),
  title: z.string(),
  message: z.string(),
  /** When it was registered; null when the link was found only through its token. */
  createdAt: z.number().int().nullable(),
  expiresAt: z.number().int().nullable(),
  limits: LinkLimits,
  embedOrigins: z.array(z.string()),
  keyPrefix: z.string(),
  revoked: z.object({ at: z.number().int(), reason: z.string() }).nullable(),
  /** Verified completions (the ledger). */
  usage: Usage,
  /** Uploads signed and not yet counted (reservations running), when the link has quotas. */
  inFlight: Usage.nullable(),
  /** Upload page; null when the key that minted it is no longer the active one. */
  url: z.string().nullable(),
});
export type AdminLink = z.infer<typeof AdminLink>;

export const AdminLinkResponse = z.object({ link: AdminLink });
export type AdminLinkResponse = z.infer<typeof AdminLinkResponse>;
export const AdminLinksResponse = z.object({ links: z.array(AdminLink) });
export type AdminLinksResponse = z.infer<typeof AdminLinksResponse>;
export const CreateLinkResponse = z.object({
  link: AdminLink,
  token: z.string(),
  url: z.string(),
});
export type CreateLinkResponse = z.infer<typeof CreateLinkResponse>;
export const RevokeLinkRequest = z.object({ reason: z.string().max(500).optional() });

/**
 * What can be wrong with a bucket's CORS rules, from the browser's point of view. Each code has
 * words in the admin view (and the CLI) naming the rule to add.
 */
export const CORS_PROBLEMS = [
  /** No rule matches the portal origin at all. */
  'origin-not-allowed',
  /** A rule matches the origin, but not the PUT method. */
  'put-not-allowed',
  /** PUT from the origin is allowed, but not the headers an upload sends. */
  'headers-not-allowed',
  /** `ETag` is not in ExposeHeader: multipart uploads cannot read part ETags. */
  'etag-not-exposed',
  /** `x-cos-hash-crc64ecma` is not in ExposeHeader: the browser cannot check CRC64 itself. */
  'crc64-not-exposed',
  /** The storage endpoint did not answer. */
  'endpoint-unreachable',
  /** The test upload itself failed (see the status and COS code). */
  'put-failed',
] as const;
export type CorsProblem = (typeof CORS_PROBLEMS)[number];

export const PreflightCheck = z.object({
  origin: z.string(),
  /** HTTP status of the preflight (null when no answer). */
  status: z.number().int().nullable(),
  allowOrigin: z.string().nullable(),
  allowMethods: z.array(z.string()),
  allowHeaders: z.array(z.string()),
  exposeHeaders: z.array(z.string()),
  problems: z.array(z.enum(CORS_PROBLEMS)),
});
export type PreflightCheck = z.infer<typeof PreflightCheck>;

export const SelfTestStartResponse = z.object({
  /** Where the test object goes (under the state prefix; deleted by the verify step). */
  key: z.string(),
  /** Text the browser uploads, and its CRC64. */
  body: z.string(),
  crc64: Crc64,
  request: SignedRequest,
  /** The same preflight the browser is about to make, sent by the server (for diagnosis). */
  preflight: PreflightCheck,
});
export type SelfTestStartResponse = z.infer<typeof SelfTestStartResponse>;

export const SelfTestVerifyRequest = z.object({ key: z.string().min(1).max(1024) });
export const SelfTestVerifyResponse = z.object({
  found: z.boolean(),
  size: z.number().int().nullable(),
  crc64: Crc64.nullable(),
  deleted: z.boolean(),
});
export type SelfTestVerifyResponse = z.infer<typeof SelfTestVerifyResponse>;
