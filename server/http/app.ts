import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ROUTES } from '../../protocol/routes';
import type { ApiError } from '../../protocol/schemas';
import {
  AbortRequest,
  CompleteBatchRequest,
  CompleteRequest,
  FileSpec,
  MAX_FILES_PER_BATCH,
  PortalConfig,
  SignRequest,
} from '../../protocol/schemas';
import { API_BASE } from '../../protocol/version';
import { createAdminApi } from '../admin/admin-api';
import type { SignerConfig } from '../config';
import type { CosClient } from '../cos/cos-client';
import { CosError } from '../cos/cos-error';
import type { LinkClaims } from '../links/link-types';
import { describeLink } from '../links/link-types';
import { createLinkTokenVerifier } from '../links/link-token';
import { clientAddress } from '../limits/client-address';
import { RateLimiter } from '../limits/rate-limiter';
import type { Logger } from '../log/logger';
import { redactPath } from '../log/logger';
import { Notifier } from '../notify/notifier';
import { LinkState } from '../state/link-state';
import { QuotaBusyError, QuotaInFlightError } from '../state/quota-journal';
import { createSubmissionApi } from '../submissions/submission-api';
import type { OnSubmissionClosed } from '../submissions/submission-manifest';
import { SubmissionService } from '../submissions/submission-service';
import { completeUpload, completeUploads } from '../uploads/complete-uploads';
import { createUploads } from '../uploads/create-uploads';
import type { UploadDeps } from '../uploads/upload-deps';
import { abortUpload, listUploadParts, signUpload } from '../uploads/upload-ops';
import { embedOriginsOf, LOADER_PATHS, loaderResponse, withEmbedOrigins } from './embed-page';
import { HttpError } from './http-error';
import { readJsonBody } from './json-body';
import { COMMON_SECURITY_HEADERS, portalCsp } from './security-headers';
import { IMMUTABLE, readIndexHtml, staticFile } from './static-portal';

export interface AppContext {
  config: SignerConfig;
  cos: CosClient;
  logger: Logger;
  /** Clock for link/ticket expiry and `serverTime`; tests move it. */
  now?: () => number;
  /** The links' state in the bucket; built from `cos` and `config` when not given. */
  state?: LinkState;
  /** Notifications (outbox in the bucket); built, without its background scan, when not given. */
  notifier?: Notifier;
  /** Submissions (its sweep runs in start-signer); built from the rest when not given. */
  submissions?: SubmissionService;
  /** Called when a submission closes with its manifest written (notifications plug in here). */
  onSubmissionClosed?: OnSubmissionClosed;
}

export const MAX_JSON_BODY_BYTES = 256 * 1024;
const API_METHODS = 'GET, POST';
const API_HEADERS = 'authorization, content-type';

/**
 * CreateUploadsRequest with each file left for `FileSpec` to check on its own (in
 * createUploads), so one bad entry gets its own `invalid-request` result instead of sinking
 * the whole batch.
 */
const UploadBatch = z.object({
  files: z
    .array(z.union([FileSpec, z.unknown()]))
    .min(1)
    .max(MAX_FILES_PER_BATCH),
  submission: z.string().min(1).max(4096).optional(),
});

const LINK_MESSAGES = {
  'link-malformed': 'This upload link is not valid.',
  'link-tampered': 'This upload link is not valid.',
  'link-expired': 'This upload link has expired.',
  'link-revoked': 'This upload link has been withdrawn by its owner.',
} as const;

/** Neither prefix contains the other (an empty prefix contains everything). */
function overlaps(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

function errorResponse(c: Context, error: ApiError, status: number): Response {
  return c.json({ error }, status as 400);
}

/**
 * A header on a response that is already made (middleware after `next()`). Hono's `c.header`
 * rebuilds a finished response to do that, and on Node that turns the server's lightweight
 * response into a full web Response first: profiled, a seventh of a signing call. The headers
 * of a response we made ourselves can simply be changed; only one with immutable headers
 * (say, a proxied fetch) goes the long way.
 */
function setHeader(c: Context, name: string, value: string, options?: { append?: boolean }) {
  try {
    if (options?.append) c.res.headers.append(name, value);
    else c.res.headers.set(name, value);
  } catch {
    c.header(name, value, options);
  }
}

/**
 * The signing server as a Hono app: the JSON API under API_BASE, the portal's runtime config,
 * and the built portal itself. Stateless: every API call re-verifies the link token it carries.
 */
export function createApp(ctx: AppContext): Hono {
  const { config, cos, logger } = ctx;
  const now = ctx.now ?? Date.now;
  const state =
    ctx.state ??
    new LinkState({
      cos,
      statePrefix: config.statePrefix,
      cacheSeconds: config.stateCacheSeconds,
      now,
    });
  const notifier =
    ctx.notifier ??
    new Notifier({
      store: state.store,
      settings: config.notify,
      publicUrl: config.publicUrl,
      dataDir: config.dataDir,
      logger,
      now,
    });
  const submissions =
    ctx.submissions ??
    new SubmissionService({
      config,
      cos,
      state,
      now,
      logger,
      // Closed submissions are told to the notifier (and to the caller's hook, if any).
      onSubmissionClosed: async (manifest) => {
        await notifier.onSubmissionClosed(manifest);
        await ctx.onSubmissionClosed?.(manifest);
      },
    });
  const deps: UploadDeps = { config, cos, state, now, submissions: submissions.uploadHooks };
  const origins = new Set(config.portalOrigins);
  const { perIp, perLink, burstSeconds } = config.rateLimits;
  const ipLimiter = new RateLimiter({ ratePerSecond: perIp, burst: perIp * burstSeconds, now });
  const linkLimiter = new RateLimiter({
    ratePerSecond: perLink,
    burst: perLink * burstSeconds,
    now,
  });
  const verifyLink = createLinkTokenVerifier(config.linkKeys);
  const app = new Hono();

  // Outermost: timing, security headers and the access log, for every response (errors too).
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) setHeader(c, name, value);
    const ms = Math.round(performance.now() - started);
    // Never the query string, never headers; link tokens in paths are redacted.
    logger.info(`${c.req.method} ${redactPath(c.req.path)} ${c.res.status} ${ms}ms`);
  });

  // CORS for the API: exact origins only, no credentials (the token travels in a header).
  app.use(`${API_BASE}/*`, async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && origins.has(origin);
    if (c.req.method === 'OPTIONS') {
      c.header('Vary', 'Origin');
      if (!allowed) {
        return errorResponse(
          c,
          { code: 'origin-not-allowed', message: 'This origin may not call the upload API.' },
          403,
        );
      }
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': API_METHODS,
        'Access-Control-Allow-Headers': API_HEADERS,
        'Access-Control-Max-Age': '600',
      });
    }
    await next();
    setHeader(c, 'Vary', 'Origin', { append: true });
    if (allowed) setHeader(c, 'Access-Control-Allow-Origin', origin);
    // Answers depend on the bearer token, which is not in the URL: a browser must never reuse
    // one (Chromium keeps a 410 without caching headers as fresh, and would show an expired
    // link's answer for the next link opened in the same tab).
    setHeader(c, 'Cache-Control', 'no-store');
  });

  const tooLarge = (c: Context) =>
    errorResponse(c, { code: 'payload-too-large', message: 'The request body is too large.' }, 413);
  // Hono's bodyLimit for bodies of unknown length only: it wraps the request in a stream,
  // which on Node builds a full web Request and costs more than the rest of a signing call.
  const streamedLimit = bodyLimit({ maxSize: MAX_JSON_BODY_BYTES, onError: tooLarge });
  app.use(`${API_BASE}/*`, async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) {
      return streamedLimit(c, next);
    }
    return Number(length) > MAX_JSON_BODY_BYTES ? tooLarge(c) : next();
  });

  function limited(retryAfterSeconds: number, what: string): HttpError {
    return new HttpError(
      'rate-limited',
      `Too many requests ${what}; try again in ${retryAfterSeconds} s.`,
      { retryAfter: retryAfterSeconds },
      retryAfterSeconds,
    );
  }

  // Per client address, before any work (the cheapest reject comes first).
  app.use(`${API_BASE}/*`, async (c, next) => {
    if (c.req.method === 'OPTIONS' || c.req.path.startsWith(`${API_BASE}/admin`)) return next();
    const taken = ipLimiter.take(clientAddress(c, config.trustProxy));
    if (!taken.ok) throw limited(taken.retryAfterSeconds, 'from this address');
    return next();
  });

  /**
   * The link a request acts for: its token verified (signature, expiry), its key prefix clear of
   * the state prefix, and its per-link rate respected.
   */
  function verifiedLink(c: Context, { finishing = false } = {}): LinkClaims {
    const auth = c.req.header('authorization');
    if (!auth) throw new HttpError('link-missing', 'This request needs an upload link.');
    const m = /^Bearer +([^\s]+)$/i.exec(auth);
    if (!m) throw new HttpError('link-malformed', LINK_MESSAGES['link-malformed']);
    // Finishing an upload signed earlier is allowed past the link's expiry (finishingLink).
    const result = verifyLink(m[1]!, finishing ? 0 : now());
    if (!result.ok) throw new HttpError(result.code, LINK_MESSAGES[result.code]);
    const link = result.link;
    if (overlaps(link.prefix, config.statePrefix)) {
      throw new HttpError('link-malformed', LINK_MESSAGES['link-malformed']);
    }
    const taken = linkLimiter.take(link.id);
    if (!taken.ok) throw limited(taken.retryAfterSeconds, 'for this link');
    return link;
  }

  /**
   * A verified link that is also not revoked. The revocation is read through the state cache,
   * so it takes effect within STATE_CACHE_SECONDS on every instance.
   */
  async function requireLink(c: Context): Promise<LinkClaims> {
    const link = verifiedLink(c);
    if (await state.revocation(link.id)) {
      throw new HttpError('link-revoked', LINK_MESSAGES['link-revoked']);
    }
    return link;
  }

  /**
   * The link of a call that only finishes an upload signed earlier (list its parts, complete,
   * abort): its token must verify, but the link may have expired or been revoked since. Those
   * bytes could land anyway, their URLs being valid; completing verifies and counts them, so
   * the contributor sees them done and the owner sees them counted instead of finding
   * unverified objects (docs/security.md, "Revoking a link"). The ticket (signed, bound to this
   * link and one key) is the authority, and nothing new can be signed: `/uploads` and
   * `/uploads/sign` still require a live link.
   */
  function finishingLink(c: Context): LinkClaims {
    return verifiedLink(c, { finishing: true });
  }

  // Any zod schema, classic or mini (the protocol's schemas are zod/mini for the portal's size).
  async function readBody<S extends z.core.$ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new HttpError('invalid-request', 'Send the request body as application/json.');
    }
    let json: unknown;
    try {
      json = await readJsonBody(c);
    } catch {
      throw new HttpError('invalid-request', 'The request body is not valid JSON.');
    }
    const parsed = z.safeParse(schema, json);
    if (!parsed.success) {
      throw new HttpError('invalid-request', 'The request body is not valid.', {
        issues: parsed.error.issues
          .slice(0, 10)
          .map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    return parsed.data;
  }

  /** The answer for a failure we know (ours, the quota journal's, COS's); null for a bug. */
  function knownFailure(err: unknown): HttpError | null {
    if (err instanceof HttpError) return err;
    if (err instanceof QuotaBusyError || err instanceof QuotaInFlightError) {
      return limited(1, err instanceof QuotaBusyError ? 'for this link right now' : 'in flight');
    }
    if (err instanceof CosError) {
      logger.warn(
        `storage error ${err.cosCode} (${err.statusCode ?? 'no status'}) request ${err.requestId ?? '-'}`,
      );
      return new HttpError('storage-error', 'The storage service failed to handle the request.', {
        cosCode: err.cosCode,
        status: err.statusCode,
        requestId: err.requestId,
      });
    }
    return null;
  }

  const api = new Hono();

  api.get(ROUTES.link, async (c) => {
    const link = await requireLink(c);
    const [usage, asks] = await Promise.all([state.usage(link.id), submissions.requirements(link)]);
    const info = describeLink(link, { multipartThreshold: config.multipartThreshold, usage });
    return c.json({ serverTime: now(), link: asks ? { ...info, submission: asks } : info });
  });

  api.post(ROUTES.uploads, async (c) => {
    const link = await requireLink(c);
    const body = await readBody(c, UploadBatch);
    const placement = await submissions.placementFor(link, body.submission);
    const results = await createUploads(deps, link, body.files, placement ?? undefined);
    return c.json({ serverTime: now(), results });
  });

  api.post(ROUTES.sign, async (c) => {
    const link = await requireLink(c);
    const body = await readBody(c, SignRequest);
    return c.json({ serverTime: now(), ...(await signUpload(deps, link, body)) });
  });

  api.post(ROUTES.parts, async (c) => {
    const link = finishingLink(c);
    const body = await readBody(c, AbortRequest);
    return c.json({ serverTime: now(), ...(await listUploadParts(deps, link, body.ticket)) });
  });

  api.post(ROUTES.complete, async (c) => {
    const link = finishingLink(c);
    const body = await readBody(c, CompleteRequest);
    return c.json({ serverTime: now(), ...(await completeUpload(deps, link, body)) });
  });

  api.post(ROUTES.completeBatch, async (c) => {
    const link = finishingLink(c);
    const body = await readBody(c, CompleteBatchRequest);
    const results = await completeUploads(deps, link, body.uploads, knownFailure);
    return c.json({ serverTime: now(), results });
  });

  api.post(ROUTES.abort, async (c) => {
    // Aborting only removes data, so it stays allowed on a revoked or expired link.
    const link = finishingLink(c);
    const body = await readBody(c, AbortRequest);
    await abortUpload(deps, link, body.ticket);
    return c.body(null, 204);
  });

  app.route(API_BASE, api);
  app.route(
    API_BASE,
    createSubmissionApi({
      service: submissions,
      now,
      requireLink,
      verifiedLink,
      readBody,
      clientAddress: (c) => clientAddress(c, config.trustProxy),
    }),
  );
  app.route(
    API_BASE,
    createAdminApi({
      config,
      cos,
      state,
      logger,
      now,
      readBody,
      submissions,
      notifier,
    }),
  );

  app.get('/config.json', (c) => {
    const portal = PortalConfig.parse({
      apiBase: API_BASE,
      concurrency: 6,
      stallTimeoutMs: 30_000,
      // The browser sends bytes only to URLs on this origin (signed-request-check.ts), so a
      // signer answer tampered on the way cannot send a file elsewhere.
      storageOrigin: cos.endpointOrigin,
    });
    c.header('Cache-Control', 'no-store');
    return c.json(portal);
  });

  // The portal page. `/embed/<token>` may be framed by the origins its link names; every
  // other page by nobody.
  async function page(c: Context, frameAncestors: string[]): Promise<Response> {
    const html = await readIndexHtml(config.distDir);
    if (html === null) {
      c.header('Cache-Control', 'no-store');
      return c.text('portal not built: run npm run build', 503);
    }
    c.header('Cache-Control', 'no-store');
    c.header(
      'Content-Security-Policy',
      portalCsp({ connectOrigins: [cos.endpointOrigin], frameAncestors }),
    );
    return c.html(withEmbedOrigins(html, frameAncestors));
  }

  app.get('/', (c) => page(c, []));
  app.get('/index.html', (c) => page(c, []));
  app.get('/u/:token', (c) => page(c, []));
  // The admin view: never framed, token asked for on the page and kept in memory only.
  app.get('/admin', (c) => page(c, []));
  app.get('/embed/:token', (c) => page(c, embedOriginsOf(config.linkKeys, c.req.param('token'))));

  // The embed loader: one stable URL that host pages include (see embed-page.ts).
  for (const file of LOADER_PATHS) {
    app.get(file, async (c) => {
      const res = await loaderResponse(config.distDir, file, c.req.header('if-none-match'));
      return res ?? c.text('not found', 404);
    });
  }

  app.get('/assets/*', async (c) => {
    const res = await staticFile(config.distDir, c.req.path);
    if (!res) return c.text('not found', 404);
    res.headers.set('Cache-Control', IMMUTABLE);
    return res;
  });

  // Other files vite copied from public/ (icons, the embed loader): revalidated each time.
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith(`${API_BASE}/`) || c.req.path === API_BASE) return next();
    const res = await staticFile(config.distDir, c.req.path);
    if (!res) return next();
    res.headers.set('Cache-Control', 'no-cache');
    return res;
  });

  app.notFound((c) => {
    if (c.req.path === API_BASE || c.req.path.startsWith(`${API_BASE}/`)) {
      return errorResponse(c, { code: 'not-found', message: 'No such API route.' }, 404);
    }
    return c.text('not found', 404);
  });

  app.onError((err, c) => {
    const failure = knownFailure(err);
    if (failure) {
      if (failure.retryAfterSeconds !== undefined)
        c.header('Retry-After', String(failure.retryAfterSeconds));
      return errorResponse(c, failure.toApiError(), failure.status);
    }
    logger.error(`unhandled error on ${c.req.method} ${redactPath(c.req.path)}`, err);
    return errorResponse(c, { code: 'internal-error', message: 'Something went wrong.' }, 500);
  });

  return app;
}
