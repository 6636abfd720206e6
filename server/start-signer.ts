import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { SignerConfig } from './config';
import { withBoundPort } from './config';
import type { CosClient } from './cos/cos-client';
import { createCosClient } from './cos/cos-client';
import {
  checkBucketVersioning,
  describeVersioning,
  versioningRefused,
} from './cos/bucket-versioning';
import { createApp } from './http/app';
import { createLink } from './links/create-link';
import type { LinkOptions } from './links/link-types';
import type { Logger } from './log/logger';
import { createLogger } from './log/logger';
import { Notifier } from './notify/notifier';
import { LinkState } from './state/link-state';
import type { OnSubmissionClosed } from './submissions/submission-manifest';
import { SubmissionService } from './submissions/submission-service';

export interface StartSignerOptions {
  /** Defaults to a client built from `config.cos`. */
  cos?: CosClient;
  logger?: Logger;
  now?: () => number;
  /** Called when a submission closes with its manifest written (default: nothing). */
  onSubmissionClosed?: OnSubmissionClosed;
}

export interface RunningSigner {
  /** Public URL of the portal (PUBLIC_URL, or the bound loopback address). */
  url: string;
  port: number;
  /** The configuration in use, with port-dependent defaults resolved. */
  config: SignerConfig;
  close(): Promise<void>;
  /** The links' state in the bucket, as this signer reads it. */
  state: LinkState;
  /** Submissions as this signer handles them (`sweep()` also runs by itself). */
  submissions: SubmissionService;
  /**
   * Notifications: `notifier.onSubmissionClosed(input)` is the port a closed, verified
   * submission is reported through; its outbox scan runs while the signer does.
   */
  notifier: Notifier;
  /**
   * Mints a share link for this signer and registers it in the bucket (the same code as
   * `npm run link -- create`): its id, token and `/u/<token>` page URL.
   */
  mintLink(options?: LinkOptions): Promise<{ id: string; token: string; url: string }>;
}

/**
 * Binds HOST:PORT (port 0 picks a free one) and serves the signer app. Refuses to start on a
 * bucket that has ever had versioning (docs/security.md: its limits and forbid-overwrite would
 * not hold); when the versioning cannot be read it says so and starts.
 */
export async function startSigner(
  config: SignerConfig,
  opts: StartSignerOptions = {},
): Promise<RunningSigner> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const cos = opts.cos ?? createCosClient(config);
  const versioning = await checkBucketVersioning(cos);
  const verdict = describeVersioning(config.cos.bucket, versioning);
  if (versioningRefused(versioning)) throw new Error(verdict);
  if (versioning.state === 'unknown') logger.warn(verdict);
  // The app depends on the bound port (default PUBLIC_URL and PORTAL_ORIGINS follow it), so it
  // is built once listening; nothing can be served before that callback anyway.
  let fetchHandler: ((req: Request, env: unknown) => Response | Promise<Response>) | null = null;
  const server = serve({
    // `env` carries the Node request, which the client address (rate limits) is read from.
    fetch: (req, env) =>
      fetchHandler ? fetchHandler(req, env) : new Response('starting', { status: 503 }),
    port: config.port,
    hostname: config.host,
  }) as Server;

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    const ready = () => {
      server.off('error', onError);
      resolve();
    };
    if (server.listening) ready();
    else server.once('listening', ready);
  });

  const port = (server.address() as AddressInfo).port;
  const resolved = withBoundPort(config, port);
  const now = opts.now ?? Date.now;
  const state = new LinkState({
    cos,
    statePrefix: resolved.statePrefix,
    cacheSeconds: resolved.stateCacheSeconds,
    now,
  });
  const notifier = new Notifier({
    store: state.store,
    settings: resolved.notify,
    publicUrl: resolved.publicUrl,
    dataDir: resolved.dataDir,
    logger,
    now,
  });
  // Resumes whatever an earlier run (of this or another instance) left in the outbox.
  notifier.start();
  // A closed submission (manifest written, files verified) is told to the notifier, then to
  // the caller's own hook if any.
  const onSubmissionClosed: OnSubmissionClosed = async (manifest) => {
    await notifier.onSubmissionClosed(manifest);
    await opts.onSubmissionClosed?.(manifest);
  };
  const submissions = new SubmissionService({
    config: resolved,
    cos,
    state,
    now,
    logger,
    onSubmissionClosed,
  });
  const app = createApp({ config: resolved, cos, logger, state, now, submissions, notifier });
  fetchHandler = (req, env) => app.fetch(req, env);
  const sweeper = startSweeper(submissions, resolved.submissionIdleSeconds, logger);

  let closing: Promise<void> | null = null;
  return {
    url: resolved.publicUrl,
    port,
    config: resolved,
    close() {
      sweeper.stop();
      closing ??= Promise.all([
        new Promise<void>((resolve, reject) => {
          server.close((err) => (err ? reject(err) : resolve()));
          // Keep-alive sockets would otherwise hold the process (and tests) open.
          server.closeIdleConnections();
          server.closeAllConnections();
        }),
        notifier.stop(),
      ]).then(() => undefined);
      return closing;
    },
    state,
    submissions,
    notifier,
    async mintLink(options: LinkOptions = {}) {
      const { claims, token, url } = await createLink(resolved, state, options, now());
      return { id: claims.id, token, url };
    },
  };
}

/**
 * Every instance sweeps for idle submissions: every tenth of the idle time, between 5 s and a
 * minute, with jitter so instances started together do not list in step. Closing is a
 * create-if-absent claim, so instances sweeping at once close each submission once.
 */
function startSweeper(
  submissions: SubmissionService,
  idleSeconds: number,
  logger: Logger,
): { stop(): void } {
  const periodMs = Math.min(60, Math.max(5, idleSeconds / 10)) * 1000;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(run, periodMs * (0.75 + Math.random() / 2));
    timer.unref();
  };
  const run = () => {
    submissions.sweep().then(schedule, (err: unknown) => {
      logger.warn(`submission sweep failed: ${err instanceof Error ? err.message : 'error'}`);
      schedule();
    });
  };
  schedule();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
