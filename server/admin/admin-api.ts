import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { LinkSettingIssue } from '../../protocol/link-settings';
import {
  checkLinkSettings,
  explainLinkSettingIssues,
  LINK_ISSUE_WORDS_API,
} from '../../protocol/link-settings';
import {
  ADMIN_ROUTES,
  CreateLinkRequest,
  RevokeLinkRequest,
  SelfTestVerifyRequest,
} from '../../protocol/admin';
import type { SignerConfig } from '../config';
import type { CosClient } from '../cos/cos-client';
import { finishSelfTest, isSelfTestKey, prepareSelfTest } from '../cos/bucket-selftest';
import { checkPreflight } from '../cos/cors-check';
import { Refusal } from '../refusal';
import { CosError } from '../cos/cos-error';
import { createLink } from '../links/create-link';
import { LinkSettingsError } from '../links/link-types';
import type { LinkClaims } from '../links/link-types';
import { newLinkId } from '../links/link-types';
import { clientAddress } from '../limits/client-address';
import { RateLimiter } from '../limits/rate-limiter';
import type { Logger } from '../log/logger';
import type { Notifier } from '../notify/notifier';
import { registerNotifyAdminRoutes, saveLinkTargets } from '../notify/notify-admin-routes';
import type { LinkState } from '../state/link-state';
import type { SubmissionService } from '../submissions/submission-service';
import { createSubmissionsAdmin } from '../submissions/submissions-admin';
import { adminTokenMatches, bearerToken } from './admin-auth';
import { quotaLimitsOf } from '../uploads/link-quota';
import { describeAdminLink, describeMany } from './admin-link';

/**
 * The admin API under `/api/v1/admin`: create, list, show and revoke links, list a link's
 * objects that were never verified, and the bucket
 * self-test for the admin view. Protected by ADMIN_TOKEN (bearer, compared in constant time)
 * and rate limited per client address, failed attempts costing much more than good ones.
 * Without ADMIN_TOKEN every admin route answers 404: the API does not exist.
 */
export interface AdminContext {
  config: SignerConfig;
  cos: CosClient;
  state: LinkState;
  logger: Logger;
  now: () => number;
  notifier: Notifier;
  readBody: <S extends z.core.$ZodType>(c: Context, schema: S) => Promise<z.infer<S>>;
  submissions: SubmissionService;
}

/** Requests per second (and burst) per address; a failed token costs this many requests. */
const ADMIN_RATE = 5;
const ADMIN_BURST = 30;
const FAILED_AUTH_COST = 10;
const AnyObject = z.record(z.string(), z.unknown());

/** 400 with one sentence per issue, and the issues themselves for the admin page's words. */
function settingsRefused(issues: LinkSettingIssue[]): Refusal {
  return new Refusal(
    'invalid-request',
    explainLinkSettingIssues(issues, LINK_ISSUE_WORDS_API).replace(/\n/g, ' '),
    { issues },
  );
}
/** Objects named in one answer of `/admin/links/:id/unverified` (the counts cover them all). */
const UNVERIFIED_LISTED = 1000;

export function createAdminApi(ctx: AdminContext): Hono {
  const { config, cos, state, logger, now } = ctx;
  const limiter = new RateLimiter({ ratePerSecond: ADMIN_RATE, burst: ADMIN_BURST, now });
  const api = new Hono();

  api.use('/admin/*', async (c, next) => {
    if (config.adminToken === null) {
      throw new Refusal('not-found', 'The admin API is disabled: set ADMIN_TOKEN to enable it.');
    }
    const address = clientAddress(c, config.trustProxy);
    const limited = (seconds: number) =>
      new Refusal(
        'rate-limited',
        `Too many admin requests; try again in ${seconds} s.`,
        { retryAfter: seconds },
        seconds,
      );
    const taken = limiter.take(address);
    if (!taken.ok) throw limited(taken.retryAfterSeconds);
    if (!adminTokenMatches(config.adminToken, bearerToken(c.req.header('authorization')))) {
      limiter.penalize(address, FAILED_AUTH_COST);
      logger.warn(`admin: refused a request without the right token from ${address}`);
      throw new Refusal('unauthorized', 'This request needs the admin token.');
    }
    await next();
  });

  api.route('/', createSubmissionsAdmin({ service: ctx.submissions, cos, state }));

  const describe = (claims: LinkClaims, createdAt: number | null, kid: string | null) =>
    describeAdminLink(config, state, claims, createdAt, kid);

  async function registered(id: string) {
    const record = await state.readRecord(id);
    if (!record) throw new Refusal('not-found', 'No registered link has this id.');
    return record;
  }

  api.get(ADMIN_ROUTES.links, async (c) => {
    const records = await state.listRecords();
    const links = await describeMany(records, (r) => describe(r.claims, r.createdAt, r.kid));
    return c.json({ links });
  });

  api.post(ADMIN_ROUTES.links, async (c) => {
    // Read as it came, so that a wrong value of any kind ("abc" for a size, a type without its
    // dot) is named field by field in words, not as a schema dump (protocol/link-settings.ts).
    const raw = await ctx.readBody(c, AnyObject);
    const issues = checkLinkSettings(raw);
    if (issues.length > 0) throw settingsRefused(issues);
    const parsed = z.safeParse(CreateLinkRequest, raw);
    if (!parsed.success) {
      // What checkLinkSettings does not cover (what the link asks: ask, fields, …).
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
      throw new Refusal('invalid-request', `These link settings are not valid: ${fields}.`, {
        reason: `not valid: ${fields}`,
      });
    }
    const body = parsed.data;
    const createdAt = now();
    // Notification targets are checked and stored first, under the id the link will have.
    const id = body.notify?.length ? newLinkId() : undefined;
    if (id) await saveLinkTargets(config, state, id, body.notify!, body.notifyLanguage);
    let created;
    try {
      created = await createLink(config, state, id ? { ...body, id } : body, createdAt);
    } catch (err) {
      if (err instanceof LinkSettingsError) throw settingsRefused(err.issues);
      // What the link asks is checked with a sentence naming the option (submission-settings).
      if (err instanceof Error && !(err instanceof Refusal) && !(err instanceof CosError)) {
        throw new Refusal('invalid-request', `These link settings are not valid: ${err.message}`, {
          reason: err.message.slice(0, 500),
        });
      }
      throw err;
    }
    logger.info(`admin: created link ${created.claims.id}`);
    const link = await describe(created.claims, createdAt, config.linkKeys.active.kid);
    return c.json({ link, token: created.token, url: created.url }, 201);
  });

  api.get('/admin/links/:id', async (c) => {
    const record = await registered(c.req.param('id'));
    return c.json({ link: await describe(record.claims, record.createdAt, record.kid) });
  });

  api.get('/admin/links/:id/unverified', async (c) => {
    const { claims } = await registered(c.req.param('id'));
    const { unverified } = await state.use(
      { id: claims.id, prefix: claims.prefix, withQuota: quotaLimitsOf(claims) !== null },
      UNVERIFIED_LISTED,
    );
    if (!unverified) {
      throw new Refusal(
        'storage-error',
        "The signer's key may not list the upload folder (GetBucket on the upload prefix).",
      );
    }
    return c.json({
      objects: unverified.objects.map(({ key, size, lastModified }) => ({
        key,
        size,
        lastModified,
      })),
      truncated: unverified.truncated,
    });
  });

  api.post('/admin/links/:id/revoke', async (c) => {
    const record = await registered(c.req.param('id'));
    // The body (a reason) is optional.
    const body = c.req.header('content-type') ? await ctx.readBody(c, RevokeLinkRequest) : {};
    await state.revoke(record.claims.id, body.reason ?? '');
    logger.info(`admin: revoked link ${record.claims.id}`);
    return c.json({ link: await describe(record.claims, record.createdAt, record.kid) });
  });

  api.post(ADMIN_ROUTES.selftest, async (c) => {
    const asked = c.req.header('origin');
    const origin = asked && config.portalOrigins.includes(asked) ? asked : config.portalOrigins[0]!;
    const plan = prepareSelfTest(cos, config.statePrefix, now());
    const preflight = await checkPreflight(cos.objectUrl(plan.key), origin);
    return c.json({
      key: plan.key,
      body: plan.body,
      crc64: plan.crc64,
      request: { method: 'PUT', ...plan.request },
      preflight,
    });
  });

  api.post(ADMIN_ROUTES.selftestVerify, async (c) => {
    const { key } = await ctx.readBody(c, SelfTestVerifyRequest);
    if (!isSelfTestKey(config.statePrefix, key)) {
      throw new Refusal('invalid-request', 'This is not a self-test object.');
    }
    return c.json(await finishSelfTest(cos, key));
  });

  registerNotifyAdminRoutes(api, {
    config,
    state,
    notifier: ctx.notifier,
    logger,
    readBody: ctx.readBody,
  });

  return api;
}
