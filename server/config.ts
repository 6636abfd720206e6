import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { checkExactOrigin, originProblemReason } from '../protocol/exact-origin';
import type { LinkKey, LinkKeySet } from './links/link-keys';
import { DEFAULT_KID, KID_PATTERN, linkKeySet, MIN_SECRET_LENGTH } from './links/link-keys';
import { isSafePrefix } from './links/link-types';
import type { NotifySettings } from './notify/notify-config';
import { parseNotifyEnv } from './notify/notify-config';
import { MIB } from './uploads/part-plan';

/**
 * The signer's configuration, read once from the environment and validated in one place.
 * Every problem is reported at once, in plain words, so an operator fixes them in one go.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface CosSettings {
  secretId: string;
  secretKey: string;
  /** `name-appid`. */
  bucket: string;
  region: string;
  /** Custom endpoint (SDK `Domain`), e.g. `http://127.0.0.1:9000`; null = the real COS host. */
  domain: string | null;
}

export interface SignerConfig {
  port: number;
  host: string;
  /** Origin (and optional path) links are printed with; no trailing slash. */
  publicUrl: string;
  /** True when PUBLIC_URL was not given and follows the port (fixed up once bound). */
  publicUrlIsDefault: boolean;
  cos: CosSettings;
  uploadPrefix: string;
  urlTtlSeconds: number;
  multipartThreshold: number;
  multipartPartSize: number;
  allowSmallParts: boolean;
  linkKeys: LinkKeySet;
  /** True when the key set came from `devLinkSecret` rather than the environment. */
  usingDevLinkSecret: boolean;
  portalOrigins: string[];
  /** True when PORTAL_ORIGINS was not given and follows PUBLIC_URL. */
  portalOriginsAreDefault: boolean;
  dataDir: string;
  distDir: string;
  adminToken: string | null;
  logLevel: LogLevel;
  /**
   * Reserved key prefix for the signer's own state in the bucket (link registry, revocations,
   * completion ledger, quota journal). Disjoint from `uploadPrefix`, so no upload key reaches it.
   */
  statePrefix: string;
  /** How long state read from the bucket (revocations, usage) may be reused; 0..30 s. */
  stateCacheSeconds: number;
  rateLimits: RateLimitSettings;
  /** Honour `X-Forwarded-For` (its last entry) as the client address: only behind a proxy. */
  trustProxy: boolean;
  /** Notifications: default targets, webhook secrets, SMTP (server/notify/notify-config.ts). */
  notify: NotifySettings;
  /** A submission closes by itself this long after its last file settled (server/submissions). */
  submissionIdleSeconds: number;
}

export interface RateLimitSettings {
  /** Sustained requests per second per client address on the API; 0 = off. */
  perIp: number;
  /** Sustained requests per second per link; 0 = off. */
  perLink: number;
  /** Bucket size in seconds of the sustained rate (burst = rate × this). */
  burstSeconds: number;
}

export class ConfigError extends Error {
  readonly code = 'config-invalid';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface LoadConfigOptions {
  /** Dev only: the start script's generated secret, used when LINK_SECRET/LINK_KEYS are unset. */
  devLinkSecret?: string;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GIB = 1024 * MIB;

type Env = Record<string, string | undefined>;

/** Optional env value: unset and blank both mean "use the default". */
const opt = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

function intVar(name: string, def: number, min: number, max: number) {
  return opt.transform((v, ctx) => {
    if (v === undefined) return def;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be a whole number from ${min} to ${max} (got "${v}")`,
      });
      return z.NEVER;
    }
    return Number(v);
  });
}

function required(name: string, what: string, check?: (v: string) => boolean) {
  return opt.transform((v, ctx) => {
    if (v === undefined) {
      ctx.addIssue({ code: 'custom', message: `${name} is required (${what})` });
      return z.NEVER;
    }
    if (check && !check(v)) {
      ctx.addIssue({ code: 'custom', message: `${name} must be ${what} (got "${v}")` });
      return z.NEVER;
    }
    return v;
  });
}

const flag = (name: string) =>
  opt.transform((v, ctx) => {
    if (v === undefined) return false;
    if (/^(1|true|yes|on)$/i.test(v)) return true;
    if (/^(0|false|no|off)$/i.test(v)) return false;
    ctx.addIssue({ code: 'custom', message: `${name} must be 1 or 0 (got "${v}")` });
    return z.NEVER;
  });

const EnvSchema = z.object({
  PORT: intVar('PORT', 8080, 0, 65535),
  HOST: opt.transform((v) => v ?? '127.0.0.1'),
  PUBLIC_URL: opt.transform((v, ctx) => {
    if (v === undefined) return undefined;
    try {
      const url = new URL(v);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
      if (url.search || url.hash) throw new Error('query');
      return url.href.replace(/\/$/, '');
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `PUBLIC_URL must be an http(s) URL without query (got "${v}")`,
      });
      return z.NEVER;
    }
  }),
  COS_SECRET_ID: required('COS_SECRET_ID', 'the SecretId of the COS key'),
  COS_SECRET_KEY: required('COS_SECRET_KEY', 'the SecretKey of the COS key'),
  COS_BUCKET: required('COS_BUCKET', 'a bucket name like "name-1250000000"', (v) =>
    /^[a-z\d-]+-\d+$/.test(v),
  ),
  COS_REGION: required('COS_REGION', 'a region like "ap-guangzhou"', (v) => /^[a-z\d-]+$/.test(v)),
  COS_DOMAIN: opt.transform((v, ctx) => {
    if (v === undefined) return null;
    const withScheme = /^[a-z]+:\/\//i.test(v) ? v : `https://${v}`;
    try {
      const url = new URL(withScheme.replace(/\{[A-Za-z]+\}/g, 'x'));
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
      if (url.search || url.hash || /\s/.test(v)) throw new Error('query');
      return v.replace(/\/+$/, '');
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `COS_DOMAIN must be a host or http(s) URL such as http://127.0.0.1:9000 (got "${v}")`,
      });
      return z.NEVER;
    }
  }),
  UPLOAD_PREFIX: opt.transform((v, ctx) => {
    const prefix = v ?? 'uploads/';
    if (!isSafePrefix(prefix)) {
      ctx.addIssue({
        code: 'custom',
        message: `UPLOAD_PREFIX must be relative and end with "/", without "." or ".." folders (got "${prefix}")`,
      });
      return z.NEVER;
    }
    return prefix;
  }),
  URL_TTL_SECONDS: intVar('URL_TTL_SECONDS', 900, 1, 7 * 24 * 3600),
  MULTIPART_THRESHOLD: intVar('MULTIPART_THRESHOLD', 64 * MIB, 1, 5 * GIB),
  MULTIPART_PART_SIZE: intVar('MULTIPART_PART_SIZE', 8 * MIB, 1, 5 * GIB),
  ALLOW_SMALL_PARTS: flag('ALLOW_SMALL_PARTS'),
  LINK_SECRET: opt,
  LINK_KEYS: opt,
  PORTAL_ORIGINS: opt,
  DATA_DIR: opt.transform((v) => v ?? '.data'),
  PORTAL_DIST_DIR: opt.transform((v) => path.resolve(v ?? path.join(REPO_ROOT, 'dist'))),
  ADMIN_TOKEN: opt.transform((v, ctx) => {
    if (v !== undefined && v.length < 16) {
      ctx.addIssue({ code: 'custom', message: 'ADMIN_TOKEN must be at least 16 characters long' });
      return z.NEVER;
    }
    return v ?? null;
  }),
  STATE_PREFIX: opt.transform((v, ctx) => {
    const prefix = v ?? '.portal/';
    if (prefix === '' || !isSafePrefix(prefix)) {
      ctx.addIssue({
        code: 'custom',
        message: `STATE_PREFIX must be a relative folder ending in "/", without "." or ".." folders (got "${prefix}")`,
      });
      return z.NEVER;
    }
    return prefix;
  }),
  STATE_CACHE_SECONDS: intVar('STATE_CACHE_SECONDS', 5, 0, 30),
  RATE_LIMIT_IP_PER_SECOND: intVar('RATE_LIMIT_IP_PER_SECOND', 200, 0, 1_000_000),
  RATE_LIMIT_LINK_PER_SECOND: intVar('RATE_LIMIT_LINK_PER_SECOND', 400, 0, 1_000_000),
  RATE_LIMIT_BURST_SECONDS: intVar('RATE_LIMIT_BURST_SECONDS', 10, 1, 3600),
  TRUST_PROXY: flag('TRUST_PROXY'),
  SUBMISSION_IDLE_SECONDS: intVar('SUBMISSION_IDLE_SECONDS', 600, 1, 7 * 24 * 3600),
  LOG_LEVEL: opt.transform((v, ctx) => {
    const level = (v ?? 'info').toLowerCase();
    if (!['debug', 'info', 'warn', 'error', 'silent'].includes(level)) {
      ctx.addIssue({
        code: 'custom',
        message: `LOG_LEVEL must be one of debug, info, warn, error, silent (got "${v}")`,
      });
      return z.NEVER;
    }
    return level as LogLevel;
  }),
});

function parseLinkKeys(
  env: { LINK_SECRET?: string | undefined; LINK_KEYS?: string | undefined },
  devLinkSecret: string | undefined,
  problems: string[],
): { keys: LinkKey[]; dev: boolean } {
  if (env.LINK_SECRET !== undefined && env.LINK_KEYS !== undefined) {
    problems.push('set either LINK_SECRET or LINK_KEYS, not both');
    return { keys: [], dev: false };
  }
  if (env.LINK_KEYS !== undefined) {
    const keys: LinkKey[] = [];
    const seen = new Set<string>();
    for (const entry of env.LINK_KEYS.split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      const colon = entry.indexOf(':');
      const kid = colon > 0 ? entry.slice(0, colon) : '';
      const secret = colon > 0 ? entry.slice(colon + 1) : '';
      if (!KID_PATTERN.test(kid)) {
        problems.push(
          `LINK_KEYS entries must look like "kid:secret" with a kid of letters, digits, "_" or "-" (bad entry starting "${entry.slice(0, 8)}…")`,
        );
      } else if (seen.has(kid)) {
        problems.push(`LINK_KEYS has the key id "${kid}" twice`);
      } else if (secret.length < MIN_SECRET_LENGTH) {
        problems.push(
          `LINK_KEYS: the secret of key "${kid}" must be at least ${MIN_SECRET_LENGTH} characters long`,
        );
      } else {
        seen.add(kid);
        keys.push({ kid, secret });
      }
    }
    if (keys.length === 0 && problems.length === 0) problems.push('LINK_KEYS has no keys');
    return { keys, dev: false };
  }
  const secret = env.LINK_SECRET ?? devLinkSecret;
  if (secret === undefined) {
    problems.push(
      `LINK_SECRET is required (at least ${MIN_SECRET_LENGTH} random characters; or LINK_KEYS=kid:secret,… for rotation)`,
    );
    return { keys: [], dev: false };
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    problems.push(`LINK_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    return { keys: [], dev: false };
  }
  return { keys: [{ kid: DEFAULT_KID, secret }], dev: env.LINK_SECRET === undefined };
}

export function loadConfig(env: Env = process.env, options: LoadConfigOptions = {}): SignerConfig {
  const problems: string[] = [];
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => i.message));
  const e = parsed.success ? parsed.data : undefined;

  const rawKeys = {
    LINK_SECRET: opt.parse(env.LINK_SECRET),
    LINK_KEYS: opt.parse(env.LINK_KEYS),
  };
  const { keys, dev } = parseLinkKeys(rawKeys, options.devLinkSecret, problems);
  const notify = parseNotifyEnv(env, problems);

  if (e) {
    const minPart = e.ALLOW_SMALL_PARTS ? MIB : 5 * MIB;
    // Neither prefix may contain the other: an upload key must never land among the state
    // objects (or the other way round), whatever a link's sanitised file names are.
    if (e.UPLOAD_PREFIX.startsWith(e.STATE_PREFIX) || e.STATE_PREFIX.startsWith(e.UPLOAD_PREFIX)) {
      problems.push(
        `STATE_PREFIX ("${e.STATE_PREFIX}") and UPLOAD_PREFIX ("${e.UPLOAD_PREFIX}") must not contain one another`,
      );
    }
    if (e.MULTIPART_PART_SIZE < minPart) {
      problems.push(
        e.ALLOW_SMALL_PARTS
          ? `MULTIPART_PART_SIZE must be at least 1 MiB (${MIB}), COS's smallest part`
          : `MULTIPART_PART_SIZE must be at least 5 MiB (${5 * MIB}); set ALLOW_SMALL_PARTS=1 for tests only`,
      );
    }
  }

  let portalOrigins: string[] = [];
  const rawOrigins = opt.parse(env.PORTAL_ORIGINS);
  if (rawOrigins !== undefined) {
    for (const o of rawOrigins
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      // The same rule as a link's embed origins (protocol/exact-origin.ts): a wildcard here
      // would match no browser's Origin header, and a path or credentials mean a typo.
      const checked = checkExactOrigin(o);
      if (!checked.ok) {
        problems.push(
          `PORTAL_ORIGINS entries must be exact origins like https://portal.example.com (got "${o}"): ${originProblemReason(checked.problem)}`,
        );
      } else if (!portalOrigins.includes(checked.origin)) {
        portalOrigins.push(checked.origin);
      }
    }
  }

  if (problems.length > 0 || !e) throw new ConfigError(problems);

  const publicUrl = e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`;
  if (rawOrigins === undefined) portalOrigins = [new URL(publicUrl).origin];

  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    publicUrlIsDefault: e.PUBLIC_URL === undefined,
    cos: {
      secretId: e.COS_SECRET_ID,
      secretKey: e.COS_SECRET_KEY,
      bucket: e.COS_BUCKET,
      region: e.COS_REGION,
      domain: e.COS_DOMAIN,
    },
    uploadPrefix: e.UPLOAD_PREFIX,
    urlTtlSeconds: e.URL_TTL_SECONDS,
    multipartThreshold: e.MULTIPART_THRESHOLD,
    multipartPartSize: e.MULTIPART_PART_SIZE,
    allowSmallParts: e.ALLOW_SMALL_PARTS,
    linkKeys: linkKeySet(keys),
    usingDevLinkSecret: dev,
    portalOrigins,
    portalOriginsAreDefault: rawOrigins === undefined,
    dataDir: e.DATA_DIR,
    distDir: e.PORTAL_DIST_DIR,
    adminToken: e.ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL,
    statePrefix: e.STATE_PREFIX,
    stateCacheSeconds: e.STATE_CACHE_SECONDS,
    rateLimits: {
      perIp: e.RATE_LIMIT_IP_PER_SECOND,
      perLink: e.RATE_LIMIT_LINK_PER_SECOND,
      burstSeconds: e.RATE_LIMIT_BURST_SECONDS,
    },
    trustProxy: e.TRUST_PROXY,
    notify,
    submissionIdleSeconds: e.SUBMISSION_IDLE_SECONDS,
  };
}

/** Once the real port is known (PORT=0), defaults that follow it are fixed up. */
export function withBoundPort(config: SignerConfig, port: number): SignerConfig {
  if (!config.publicUrlIsDefault) return { ...config, port };
  const publicUrl = `http://127.0.0.1:${port}`;
  return {
    ...config,
    port,
    publicUrl,
    portalOrigins: config.portalOriginsAreDefault
      ? [new URL(publicUrl).origin]
      : config.portalOrigins,
  };
}
