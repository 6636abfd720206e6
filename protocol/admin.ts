/**
 * Wire contract of the admin API (`/api/v1/admin/…`, `Authorization: Bearer <ADMIN_TOKEN>`):
 * link management and the bucket self-test. Shared by the signer and the portal's admin view.
 * Human documentation: docs/protocol.md ("Admin API").
 */
import { z } from 'zod/mini';
import { Crc64, LinkLimits, SignedRequest } from './schemas';
import {
  CustomField,
  DetailName,
  LinkSubmissionSettings,
  MAX_FIELDS,
  MAX_PASSWORD_LENGTH,
  MAX_TERMS_LENGTH,
} from './submissions';

export const ADMIN_ROUTES = {
  /** GET → AdminLinksResponse; POST CreateLinkRequest → CreateLinkResponse (201). */
  links: '/admin/links',
  /** GET → AdminLinkResponse. */
  link: (id: string) => `/admin/links/${encodeURIComponent(id)}`,
  /** GET → AdminUnverifiedResponse: objects in the link's folder that were never verified. */
  unverified: (id: string) => `/admin/links/${encodeURIComponent(id)}/unverified`,
  /** POST {reason?} → AdminLinkResponse. */
  revoke: (id: string) => `/admin/links/${encodeURIComponent(id)}/revoke`,
  /** POST → SelfTestStartResponse: the server's own checks and a tiny upload for the browser. */
  selftest: '/admin/selftest',
  /** POST SelfTestVerifyRequest → SelfTestVerifyResponse: reads the test object back, deletes it. */
  selftestVerify: '/admin/selftest/verify',
  /** GET → AdminSubmissionsResponse (protocol/submissions.ts), newest first. */
  submissions: (id: string) => `/admin/links/${encodeURIComponent(id)}/submissions`,
  /** GET → AdminSubmissionResponse: one submission, each file with a short-lived download URL. */
  submission: (id: string, submissionId: string) =>
    `/admin/links/${encodeURIComponent(id)}/submissions/${encodeURIComponent(submissionId)}`,
  /** GET → text/csv: every file of every submission of the link, one row each. */
  submissionsCsv: (id: string) => `/admin/links/${encodeURIComponent(id)}/submissions.csv`,
} as const;

const size = z.nullable(z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)));

export const CreateLinkRequest = z.object({
  title: z.optional(z.string().check(z.maxLength(200))),
  message: z.optional(z.string().check(z.maxLength(2000))),
  /** Lifetime from now in seconds; absent = never expires. */
  expiresInSeconds: z.optional(z.int().check(z.positive(), z.maximum(10 * 366 * 24 * 3600))),
  maxFileSize: z.optional(size),
  maxTotalBytes: z.optional(size),
  maxFiles: z.optional(size),
  allowedTypes: z.optional(z.array(z.string().check(z.maxLength(128))).check(z.maxLength(100))),
  embedOrigins: z.optional(z.array(z.string().check(z.maxLength(256))).check(z.maxLength(20))),
  /** Uploader details to ask for (all required). */
  ask: z.optional(z.array(DetailName).check(z.maxLength(4))),
  /** Custom fields (checked in full by the server: labels, types, options). */
  fields: z.optional(z.array(CustomField).check(z.maxLength(MAX_FIELDS))),
  /** Stored only as a slow hash in the bucket's link registry; never in the token. */
  password: z.optional(z.string().check(z.maxLength(MAX_PASSWORD_LENGTH))),
  /** Text the uploader must accept. */
  terms: z.optional(z.string().check(z.maxLength(MAX_TERMS_LENGTH))),
  /** Where a submission's files go inside the link's folder, e.g. `{date}/{email}/`. */
  folderTemplate: z.optional(z.string().check(z.maxLength(512))),
  /** Notification targets (docs/notifications.md); kept in the bucket, never in the token. */
  notify: z.optional(z.array(z.string().check(z.maxLength(2048))).check(z.maxLength(10))),
  /** Language of the link's chat messages and emails; default English. */
  notifyLanguage: z.optional(z.enum(['en', 'zh-CN'])),
});
export type CreateLinkRequest = z.infer<typeof CreateLinkRequest>;

export const Usage = z.object({ files: z.int(), bytes: z.int() });

export const AdminLink = z.object({
  id: z.string(),
  title: z.string(),
  message: z.string(),
  /** When it was registered; null when the link was found only through its token. */
  createdAt: z.nullable(z.int()),
  expiresAt: z.nullable(z.int()),
  limits: LinkLimits,
  embedOrigins: z.array(z.string()),
  keyPrefix: z.string(),
  revoked: z.nullable(z.object({ at: z.int(), reason: z.string() })),
  /** Verified completions (the ledger). */
  usage: Usage,
  /** Uploads signed and not yet counted (reservations running), when the link has quotas. */
  inFlight: z.nullable(Usage),
  /**
   * Objects in the link's folder that no verified upload accounts for and no running
   * reservation covers: uploads that landed and were never completed (the page was closed,
   * or they were refused at completion). See AdminUnverifiedResponse for the list. Null when
   * the signer's key may not list the upload folder (docs/deploy.md).
   */
  unverified: z.nullable(Usage),
  /** Upload page; null when the key that minted it is no longer the active one. */
  url: z.nullable(z.string()),
  /** What the link asks before it signs (absent when it asks nothing). */
  submission: z.optional(LinkSubmissionSettings),
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
export const UnverifiedObject = z.object({
  key: z.string(),
  size: z.int(),
  /** As COS lists it (ISO 8601). */
  lastModified: z.string(),
});
export type UnverifiedObject = z.infer<typeof UnverifiedObject>;
export const AdminUnverifiedResponse = z.object({
  /** In key order, at most 1000; `truncated` when there are more. */
  objects: z.array(UnverifiedObject),
  truncated: z.boolean(),
});
export type AdminUnverifiedResponse = z.infer<typeof AdminUnverifiedResponse>;
export const RevokeLinkRequest = z.object({
  reason: z.optional(z.string().check(z.maxLength(500))),
});

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
  status: z.nullable(z.int()),
  allowOrigin: z.nullable(z.string()),
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

export const SelfTestVerifyRequest = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(1024)),
});
export const SelfTestVerifyResponse = z.object({
  found: z.boolean(),
  size: z.nullable(z.int()),
  crc64: z.nullable(Crc64),
  deleted: z.boolean(),
});
export type SelfTestVerifyResponse = z.infer<typeof SelfTestVerifyResponse>;

/**
 * A link's notifications (docs/notifications.md): its targets as the owner may see them (host
 * and a masked key, never the key), and the delivery log of its newest events.
 */
export const NOTIFY_ROUTES = {
  /** GET → LinkNotificationsResponse; PUT UpdateNotificationsRequest → the same. */
  notifications: (id: string) => `/admin/links/${encodeURIComponent(id)}/notifications`,
  /** POST → NotifyTestResponse (202): a `test` event to every target of the link. */
  test: (id: string) => `/admin/links/${encodeURIComponent(id)}/notifications/test`,
} as const;

export const NotifyLanguage = z.enum(['en', 'zh-CN']);

export const NotifyTargetView = z.object({
  id: z.string(),
  /** `webhook`, `wecom`, `dingtalk`, `feishu`, `slack`, `email`; `removed` when no longer configured. */
  kind: z.string(),
  display: z.string(),
  /** `link`: the link's own; `default`: from NOTIFY_DEFAULT. */
  source: z.enum(['link', 'default']),
});
export type NotifyTargetView = z.infer<typeof NotifyTargetView>;

/**
 * Why a delivery did not go through, as a code the owner's page can put in their language
 * (`lastError` is the same in English, for logs and the CLI). `detail` is the one value the
 * sentence names: an HTTP or SMTP status, a chat service's result code, a network error's
 * name, or the kind of address a host resolved to. `gaveUpAfterHours`: retries stopped after
 * that long, `code` being the last attempt's problem.
 */
export const DeliveryProblemCode = z.enum([
  'no-webhook-secret',
  'target-gone',
  'target-not-allowed',
  'not-https',
  'no-address',
  'blocked-address',
  'timeout',
  'network',
  'no-result-code',
  'rate-limited',
  'service-refused',
  'redirect',
  'http',
  'smtp-login',
  'smtp',
  'no-report',
]);
export type DeliveryProblemCode = z.infer<typeof DeliveryProblemCode>;

export const DeliveryProblem = z.object({
  code: DeliveryProblemCode,
  detail: z.optional(z.string()),
  gaveUpAfterHours: z.optional(z.number()),
});
export type DeliveryProblem = z.infer<typeof DeliveryProblem>;

export const DeliveryLogEntry = z.object({
  eventId: z.string(),
  type: z.enum(['submission.completed', 'test']),
  createdAt: z.number(),
  target: NotifyTargetView,
  attempts: z.int(),
  status: z.enum(['pending', 'delivering', 'retrying', 'delivered', 'failed']),
  /** HTTP (or SMTP) status of the last attempt that reported back. */
  lastStatus: z.nullable(z.int()),
  /** Why it was not delivered, in the portal's words (never the receiver's answer). */
  lastError: z.nullable(z.string()),
  /** The same as a code (null for entries recorded before codes were kept). */
  lastProblem: z.nullable(DeliveryProblem),
  lastAttemptAt: z.nullable(z.number()),
  nextAttemptAt: z.nullable(z.number()),
});
export type DeliveryLogEntry = z.infer<typeof DeliveryLogEntry>;

export const LinkNotificationsResponse = z.object({
  language: NotifyLanguage,
  targets: z.array(NotifyTargetView),
  deliveries: z.array(DeliveryLogEntry),
});
export type LinkNotificationsResponse = z.infer<typeof LinkNotificationsResponse>;

export const UpdateNotificationsRequest = z.object({
  targets: z.array(z.string().check(z.maxLength(2048))).check(z.maxLength(10)),
  language: z.optional(NotifyLanguage),
});
export type UpdateNotificationsRequest = z.infer<typeof UpdateNotificationsRequest>;

export const NotifyTestResponse = z.object({ eventId: z.string(), targets: z.int() });
export type NotifyTestResponse = z.infer<typeof NotifyTestResponse>;
