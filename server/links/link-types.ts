import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { checkExactOrigin, describeOriginProblem } from '../../protocol/exact-origin';
import type { LinkSettingIssue } from '../../protocol/link-settings';
import {
  checkLinkSettings,
  explainLinkSettingIssues,
  LINK_ISSUE_WORDS_API,
  MAX_MESSAGE_LENGTH,
  MAX_TITLE_LENGTH,
  TYPE_PATTERN,
} from '../../protocol/link-settings';
import type { LinkInfo } from '../../protocol/schemas';

/**
 * What a share link grants, as carried (signed) inside its token. The server keeps no link
 * table: every request re-reads these claims from the bearer token and re-checks them.
 */
export interface LinkClaims {
  /** Random link id, base64url, ≥ 96 bits. Part of every object key of this link. */
  id: string;
  /** Key prefix every upload of this link lands under, ending in `/`. */
  prefix: string;
  /** Expiry, Unix seconds; null = never. */
  exp: number | null;
  maxFileSize: number | null;
  maxTotalBytes: number | null;
  maxFiles: number | null;
  /** MIME patterns (`image/*`, `application/pdf`) and extensions (`.pdf`); empty = any. */
  allowedTypes: string[];
  title: string;
  message: string;
  /** Exact origins allowed to frame `/embed/<token>` (CSP frame-ancestors). */
  embedOrigins: string[];
  /**
   * Digest of what the link asks before it signs (password, details, fields, terms, folder
   * template; server/submissions). The settings themselves live in the link registry; absent =
   * the link asks nothing.
   */
  settingsHash?: string;
}

const LINK_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * An embed origin as a new link stores it: exact (protocol/exact-origin.ts), normalised the
 * way browsers report origins. Anything else is refused with a sentence naming the entry.
 */
const EmbedOrigin = z.string().transform((value, ctx) => {
  const checked = checkExactOrigin(value);
  if (checked.ok) return checked.origin;
  ctx.addIssue({
    code: 'custom',
    message: describeOriginProblem('embed origin', value, checked.problem),
  });
  return z.NEVER;
});

/** Normalised, without repeats, in the owner's order. */
const EmbedOrigins = z
  .array(EmbedOrigin)
  .max(20)
  .transform((origins) => [...new Set(origins)]);

/**
 * The same list read back from a token or the registry. A link minted before the rule was
 * enforced may carry a wildcard or a path: such an entry is dropped, never widened, so the
 * link still works as an upload link but no page may frame it (or hear from it) through that
 * entry. Refusing the whole token instead would also lock its owner out of `show` and `revoke`.
 */
const StoredEmbedOrigins = z
  .array(z.string())
  .max(20)
  .transform((origins) => [
    ...new Set(
      origins.flatMap((o) => {
        const checked = checkExactOrigin(o);
        return checked.ok ? [checked.origin] : [];
      }),
    ),
  ]);

/** Safe key prefix: relative, `/`-terminated, no empty, `.` or `..` segments. */
export function isSafePrefix(prefix: string): boolean {
  if (prefix === '') return true;
  if (!prefix.endsWith('/') || Buffer.byteLength(prefix, 'utf8') > 512) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(prefix)) return false;
  return prefix
    .slice(0, -1)
    .split('/')
    .every((s) => s !== '' && s !== '.' && s !== '..');
}

const size = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable();

export const LinkClaimsSchema = z.object({
  id: z.string().regex(LINK_ID),
  prefix: z.string().refine(isSafePrefix, 'unsafe key prefix'),
  exp: z.number().int().positive().nullable(),
  maxFileSize: size,
  maxTotalBytes: size,
  maxFiles: size,
  allowedTypes: z.array(z.string().regex(TYPE_PATTERN)).max(100),
  title: z.string().max(MAX_TITLE_LENGTH),
  message: z.string().max(MAX_MESSAGE_LENGTH),
  embedOrigins: EmbedOrigins,
  settingsHash: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22}$/)
    .optional(),
});

/** Claims as stored in a token or the registry: see StoredEmbedOrigins. */
export const StoredLinkClaimsSchema = LinkClaimsSchema.extend({ embedOrigins: StoredEmbedOrigins });

/**
 * The token carries claims under one-letter keys to keep share URLs short; absent keys mean
 * "no limit" / empty.
 */
const WireClaims = z.object({
  i: z.string(),
  p: z.string(),
  e: z.number().optional(),
  s: z.number().optional(),
  b: z.number().optional(),
  n: z.number().optional(),
  a: z.array(z.string()).optional(),
  t: z.string().optional(),
  m: z.string().optional(),
  o: z.array(z.string()).optional(),
  q: z.string().optional(),
});
type WireClaims = z.infer<typeof WireClaims>;

export function claimsToWire(c: LinkClaims): WireClaims {
  const w: WireClaims = { i: c.id, p: c.prefix };
  if (c.exp !== null) w.e = c.exp;
  if (c.maxFileSize !== null) w.s = c.maxFileSize;
  if (c.maxTotalBytes !== null) w.b = c.maxTotalBytes;
  if (c.maxFiles !== null) w.n = c.maxFiles;
  if (c.allowedTypes.length) w.a = c.allowedTypes;
  if (c.title) w.t = c.title;
  if (c.message) w.m = c.message;
  if (c.embedOrigins.length) w.o = c.embedOrigins;
  if (c.settingsHash !== undefined) w.q = c.settingsHash;
  return w;
}

/** Parses and validates wire claims; null when they are not a valid claim set. */
export function claimsFromWire(value: unknown): LinkClaims | null {
  const w = WireClaims.safeParse(value);
  if (!w.success) return null;
  const d = w.data;
  const claims = StoredLinkClaimsSchema.safeParse({
    id: d.i,
    prefix: d.p,
    exp: d.e ?? null,
    maxFileSize: d.s ?? null,
    maxTotalBytes: d.b ?? null,
    maxFiles: d.n ?? null,
    allowedTypes: d.a ?? [],
    title: d.t ?? '',
    message: d.m ?? '',
    embedOrigins: d.o ?? [],
    ...(d.q !== undefined ? { settingsHash: d.q } : {}),
  });
  return claims.success ? claims.data : null;
}

/** 16 random bytes (128 bits, above the ≥ 120 bits capability URLs call for), base64url. */
export function newLinkId(): string {
  return randomBytes(16).toString('base64url');
}

export interface LinkOptions {
  title?: string;
  message?: string;
  /** Absolute expiry in ms since the epoch, or a lifetime in seconds from now. */
  expiresAt?: number | null;
  expiresInSeconds?: number;
  maxFileSize?: number | null;
  maxTotalBytes?: number | null;
  maxFiles?: number | null;
  allowedTypes?: string[];
  embedOrigins?: string[];
  /** Key prefix; default `<uploadPrefix><linkId>/`. */
  prefix?: string;
  id?: string;
  /** What the link asks before signing (server/submissions/submission-settings.ts). */
  ask?: string[];
  fields?: Array<{ label: string; type: string; required?: boolean; options?: string[] }>;
  /** In clear only on its way to the registry, where it is stored as a slow hash. */
  password?: string;
  terms?: string;
  folderTemplate?: string;
  /** Set by createLink from the registered settings; not an option a caller gives. */
  settingsHash?: string;
}

/**
 * Settings a new link may not have, each issue named (protocol/link-settings.ts): every surface
 * that makes links (CLI, admin API, admin page) explains them in its own words.
 */
export class LinkSettingsError extends Error {
  constructor(readonly issues: LinkSettingIssue[]) {
    super(explainLinkSettingIssues(issues, LINK_ISSUE_WORDS_API));
    this.name = 'LinkSettingsError';
  }
}

/**
 * Builds (and validates) the claims of a new link. Throws LinkSettingsError for settings a
 * person chose (also those the claims could carry but no link should have, such as a file
 * limit of 0), and a plain error for anything else (a bad prefix or id from code).
 */
export function createLinkClaims(
  options: LinkOptions,
  uploadPrefix: string,
  nowMs: number = Date.now(),
): LinkClaims {
  // Every issue named, origins included (protocol/link-settings.ts, which words them from
  // protocol/exact-origin.ts); the schema below enforces the same rules for every other caller.
  const issues = checkLinkSettings(options);
  if (issues.length > 0) throw new LinkSettingsError(issues);
  const id = options.id ?? newLinkId();
  let exp: number | null = null;
  if (options.expiresInSeconds !== undefined) {
    exp = Math.floor(nowMs / 1000) + Math.max(1, Math.floor(options.expiresInSeconds));
  } else if (options.expiresAt != null) {
    exp = Math.ceil(options.expiresAt / 1000);
  }
  return LinkClaimsSchema.parse({
    id,
    prefix: options.prefix ?? `${uploadPrefix}${id}/`,
    exp,
    maxFileSize: options.maxFileSize ?? null,
    maxTotalBytes: options.maxTotalBytes ?? null,
    maxFiles: options.maxFiles ?? null,
    allowedTypes: options.allowedTypes ?? [],
    title: options.title ?? '',
    message: options.message ?? '',
    embedOrigins: options.embedOrigins ?? [],
    ...(options.settingsHash !== undefined ? { settingsHash: options.settingsHash } : {}),
  });
}

/** What a link accepts, as the portal and /admin show it. */
export function limitsOf(claims: LinkClaims): LinkInfo['limits'] {
  return {
    maxFileSize: claims.maxFileSize,
    maxTotalBytes: claims.maxTotalBytes,
    maxFiles: claims.maxFiles,
    allowedTypes: [...claims.allowedTypes],
  };
}

/** The public view of a link (`protocol` LinkInfo). Never includes the key prefix. */
export function describeLink(
  claims: LinkClaims,
  opts: { multipartThreshold: number; usage?: LinkInfo['usage'] },
): LinkInfo {
  return {
    id: claims.id,
    title: claims.title,
    message: claims.message,
    expiresAt: claims.exp === null ? null : claims.exp * 1000,
    limits: limitsOf(claims),
    usage: opts.usage ?? null,
    multipartThreshold: opts.multipartThreshold,
    // The embedded portal talks (postMessage) to these origins only; they are public anyway,
    // in the embed page's frame-ancestors header.
    embedOrigins: [...claims.embedOrigins],
  };
}
