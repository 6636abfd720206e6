import { Hono } from 'hono';
import { API_BASE } from '../../protocol/version';
import { createAdminApi } from '../admin/admin-api';
import type { SignerConfig } from '../config';
import type { CosClient } from '../cos/cos-client';
import { clientAddress } from '../limits/client-address';
import type { Logger } from '../log/logger';
import { Notifier } from '../notify/notifier';
import { LinkState } from '../state/link-state';
import { createSubmissionApi } from '../submissions/submission-api';
import type { OnSubmissionClosed } from '../submissions/submission-manifest';
import { SubmissionService } from '../submissions/submission-service';
import type { UploadDeps } from '../uploads/upload-deps';
import { accessLog } from './access-log';
import { apiCors } from './api-cors';
import { answerFailures, createFailureMapper } from './error-response';
import { jsonBodyLimit } from './json-body-limit';
import { createLinkAuth } from './link-auth';
import { createPortalRoutes } from './portal-routes';
import { addressRateLimit, createRateLimiters } from './rate-limits';
import { readBody } from './read-body';
import { createUploadRoutes } from './upload-routes';

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

/**
 * The signing server as a Hono app: middleware (access log, CORS, body limit, per-address
 * rate), the JSON API under API_BASE (uploads, submissions, admin), the portal's runtime
 * config and the built portal itself, and one error handler. Stateless: every API call
 * re-verifies the link token it carries.
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
  const uploads: UploadDeps = { config, cos, state, now, submissions: submissions.uploadHooks };
  const limiters = createRateLimiters(config, now);
  const auth = createLinkAuth({ config, state, perLink: limiters.perLink, now });
  const knownFailure = createFailureMapper(logger);
  const app = new Hono();

  app.use('*', accessLog(logger));
  app.use(`${API_BASE}/*`, apiCors(config.portalOrigins));
  app.use(`${API_BASE}/*`, jsonBodyLimit());
  app.use(`${API_BASE}/*`, addressRateLimit(limiters.perAddress, config));

  app.route(
    API_BASE,
    createUploadRoutes({ config, state, submissions, uploads, auth, readBody, knownFailure, now }),
  );
  app.route(
    API_BASE,
    createSubmissionApi({
      service: submissions,
      now,
      requireLink: auth.requireLink,
      verifiedLink: auth.verifiedLink,
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
  app.route('/', createPortalRoutes({ config, cos }));

  answerFailures(app, knownFailure, logger);
  return app;
}
