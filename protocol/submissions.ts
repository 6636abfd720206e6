/**
 * Wire contract of submissions (one uploader's visit: details, files, an id) and of what a link
 * may ask before it signs anything: uploader details, custom fields, a password, terms, and a
 * folder template. Shared by the signer and the portal. Human documentation: docs/protocol.md
 * ("Submissions").
 */
import { z } from 'zod/mini';

/** As `Crc64` in schemas.ts (which imports this file, so it cannot be imported from there). */
const Crc64 = z.string().check(z.regex(/^\d{1,20}$/));

/** Built-in uploader details a link can ask for (all of them then required). */
export const DETAIL_NAMES = ['name', 'email', 'organisation', 'phone'] as const;
export type DetailName = (typeof DETAIL_NAMES)[number];
export const FIELD_TYPES = ['text', 'email', 'number', 'date', 'select', 'checkbox'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const MAX_FIELDS = 10;
export const MAX_FIELD_LABEL_LENGTH = 60;
export const MAX_FIELD_OPTIONS = 50;
export const MAX_FIELD_OPTION_LENGTH = 100;
/** Longest text value (details, text fields); an email address is at most 254 characters. */
export const MAX_TEXT_VALUE_LENGTH = 1000;
export const MAX_DETAIL_LENGTH = 200;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_TERMS_LENGTH = 20_000;
export const MIN_PASSWORD_LENGTH = 4;
export const MAX_PASSWORD_LENGTH = 256;
/** UTF-8 bytes of a folder template as the owner writes it. */
export const MAX_FOLDER_TEMPLATE_BYTES = 160;
/** Placeholders in one folder template, and folders it makes. */
export const MAX_FOLDER_PLACEHOLDERS = 6;
export const MAX_FOLDER_SEGMENTS = 8;

/** SHA-256 of the terms' UTF-8 text, lowercase hex: what an uploader accepts. */
export const TermsHash = z.string().check(z.regex(/^[0-9a-f]{64}$/));

export const DetailName = z.enum(DETAIL_NAMES);
export const FieldType = z.enum(FIELD_TYPES);

export const CustomField = z.object({
  /** Shown to the uploader and the key of the value (`fields[label]`, `{field:label}`). */
  label: z.string(),
  type: FieldType,
  required: z.boolean(),
  /** `select` only: the choices, in order. */
  options: z.optional(z.array(z.string())),
});
export type CustomField = z.infer<typeof CustomField>;

/** A custom field value: text for text, email, date (`YYYY-MM-DD`) and select; a number; a box. */
export const FieldValue = z.union([
  z.string().check(z.maxLength(MAX_TEXT_VALUE_LENGTH)),
  z.number(),
  z.boolean(),
]);
export type FieldValue = z.infer<typeof FieldValue>;

/**
 * What a contributor must do before files are signed (`GET /link` → `link.submission`, only on
 * links that ask for something): the gates, in the order the server checks them.
 */
export const SubmissionRequirements = z.object({
  password: z.boolean(),
  details: z.array(DetailName),
  fields: z.array(CustomField),
  terms: z.nullable(z.object({ text: z.string(), hash: TermsHash })),
  /** A submission closes by itself this long after its last file settled. */
  idleSeconds: z.int(),
});
export type SubmissionRequirements = z.infer<typeof SubmissionRequirements>;

export const UnlockRequest = z.object({
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});
export type UnlockRequest = z.infer<typeof UnlockRequest>;
export const UnlockResponse = z.object({
  serverTime: z.int(),
  /** Opaque; send it as `proof` when opening a submission, before `expiresAt`. */
  proof: z.string(),
  expiresAt: z.int(),
});
export type UnlockResponse = z.infer<typeof UnlockResponse>;

export const OpenSubmissionRequest = z.object({
  /** The built-in details the link asks for, by name (`name`, `email`, …). */
  details: z.optional(z.record(z.string(), z.string().check(z.maxLength(MAX_TEXT_VALUE_LENGTH)))),
  /** Custom field values by label. */
  fields: z.optional(z.record(z.string(), FieldValue)),
  /** The hash of the terms the uploader accepted (`link.submission.terms.hash`). */
  termsAccepted: z.optional(TermsHash),
  /** From `POST /link/unlock`, when the link has a password. */
  proof: z.optional(z.string().check(z.maxLength(2048))),
});
export type OpenSubmissionRequest = z.infer<typeof OpenSubmissionRequest>;

export const OpenSubmissionResponse = z.object({
  serverTime: z.int(),
  submission: z.object({
    id: z.string(),
    /** Opaque; send it as `submission` with `POST /uploads`, `/submissions/status|finish`. */
    token: z.string(),
    startedAt: z.int(),
    idleSeconds: z.int(),
  }),
});
export type OpenSubmissionResponse = z.infer<typeof OpenSubmissionResponse>;

export const SubmissionRef = z.object({
  submission: z.string().check(z.minLength(1), z.maxLength(4096)),
});
export type SubmissionRef = z.infer<typeof SubmissionRef>;

export const Uploader = z.object({
  name: z.optional(z.string()),
  email: z.optional(z.string()),
  organisation: z.optional(z.string()),
  phone: z.optional(z.string()),
});
export type Uploader = z.infer<typeof Uploader>;

/** A file of a submission that landed and was verified (size, and CRC-64 where the browser sent one). */
export const SubmissionFile = z.object({
  key: z.string(),
  /** The original name with its folder path inside a dropped folder (`scans/2024/a.pdf`). */
  name: z.string(),
  size: z.int(),
  contentType: z.string(),
  crc64: z.nullable(Crc64),
  verifiedAt: z.int(),
});
export type SubmissionFile = z.infer<typeof SubmissionFile>;

/**
 * Why a file of a submission did not land: a server code (`size-mismatch`,
 * `checksum-mismatch`, `too-many-files`, `quota-exceeded`, `submission-closed`) or
 * `not-completed` (signed, never completed and not found in storage).
 */
export const FailedFile = z.object({
  key: z.string(),
  name: z.string(),
  size: z.int(),
  contentType: z.string(),
  reason: z.string(),
});
export type FailedFile = z.infer<typeof FailedFile>;

export const SUBMISSION_STATES = ['open', 'closed'] as const;
export const CLOSED_BY = ['finish', 'idle'] as const;

/** The contributor's receipt (and the owner's view of one submission). */
export const SubmissionReceipt = z.object({
  id: z.string(),
  linkId: z.string(),
  state: z.enum(SUBMISSION_STATES),
  startedAt: z.int(),
  closedAt: z.nullable(z.int()),
  closedBy: z.nullable(z.enum(CLOSED_BY)),
  /** When it closes by itself if nothing else happens; null once closed. */
  closesAt: z.nullable(z.int()),
  /** Files signed and not yet verified or failed. */
  inFlight: z.int(),
  uploader: Uploader,
  fields: z.record(z.string(), FieldValue),
  terms: z.nullable(z.object({ hash: TermsHash, acceptedAt: z.int() })),
  files: z.array(SubmissionFile),
  failed: z.array(FailedFile),
  /** Bytes of the verified files. */
  totalBytes: z.int(),
});
export type SubmissionReceipt = z.infer<typeof SubmissionReceipt>;

export const SubmissionReceiptResponse = z.object({
  serverTime: z.int(),
  submission: SubmissionReceipt,
});
export type SubmissionReceiptResponse = z.infer<typeof SubmissionReceiptResponse>;

/** What a link asks, as its owner sees it (admin API, `link show`): never the password. */
export const LinkSubmissionSettings = z.object({
  details: z.array(DetailName),
  fields: z.array(CustomField),
  password: z.boolean(),
  terms: z.nullable(z.object({ text: z.string(), hash: TermsHash })),
  /** As the owner wrote it; null = the default `{submission}/`. */
  folderTemplate: z.nullable(z.string()),
});
export type LinkSubmissionSettings = z.infer<typeof LinkSubmissionSettings>;

/** One line of the owner's list of a link's submissions. */
export const AdminSubmission = z.object({
  id: z.string(),
  state: z.enum(SUBMISSION_STATES),
  startedAt: z.int(),
  closedAt: z.nullable(z.int()),
  closedBy: z.nullable(z.enum(CLOSED_BY)),
  uploader: Uploader,
  fields: z.record(z.string(), FieldValue),
  files: z.int(),
  failed: z.int(),
  inFlight: z.int(),
  totalBytes: z.int(),
  /** Where its manifest.json is (null while open, and for a submission closed with no files). */
  manifestKey: z.nullable(z.string()),
});
export type AdminSubmission = z.infer<typeof AdminSubmission>;

export const AdminSubmissionsResponse = z.object({ submissions: z.array(AdminSubmission) });
export type AdminSubmissionsResponse = z.infer<typeof AdminSubmissionsResponse>;

/** One submission for its owner: the receipt, plus a short-lived download link per file. */
export const AdminSubmissionDetail = z.object({
  ...SubmissionReceipt.shape,
  manifestKey: z.nullable(z.string()),
  userAgent: z.string(),
  files: z.array(
    z.object({
      ...SubmissionFile.shape,
      /** Pre-signed GET with `response-content-disposition=attachment`. */
      download: z.object({ url: z.string(), expiresAt: z.int() }),
    }),
  ),
});
export type AdminSubmissionDetail = z.infer<typeof AdminSubmissionDetail>;

export const AdminSubmissionResponse = z.object({ submission: AdminSubmissionDetail });
export type AdminSubmissionResponse = z.infer<typeof AdminSubmissionResponse>;
