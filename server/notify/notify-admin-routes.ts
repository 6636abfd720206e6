import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { UpdateNotificationsRequest } from '../../protocol/admin';
import type { SignerConfig } from '../config';
import { Refusal } from '../refusal';
import type { Logger } from '../log/logger';
import type { LinkState } from '../state/link-state';
import type { NotifyLanguage } from './closed-submission';
import {
  checkLinkTargets,
  linkTargetsRecord,
  TargetsError,
  writeLinkTargets,
} from './link-targets';
import type { Notifier } from './notifier';
import { NoTargetsError } from './notifier';

/**
 * The admin API's notification routes, behind the admin API's token check (added to its Hono
 * app by createAdminApi):
 *
 *   GET  /admin/links/:id/notifications        targets (masked) and the delivery log
 *   PUT  /admin/links/:id/notifications        replace the link's targets and language
 *   POST /admin/links/:id/notifications/test   send a `test` event to every target (202)
 */
export interface NotifyAdminContext {
  config: SignerConfig;
  state: LinkState;
  notifier: Notifier;
  logger: Logger;
  readBody: <S extends z.core.$ZodType>(c: Context, schema: S) => Promise<z.infer<S>>;
}

/**
 * Checks targets given to the admin API or the CLI: a TargetsError becomes `invalid-request`
 * with every problem listed (`details.problems`).
 */
export function checkTargetsForRequest(config: SignerConfig, specs: readonly string[]) {
  try {
    return checkLinkTargets(specs, config.notify);
  } catch (err) {
    if (err instanceof TargetsError) {
      // `reason` is what the admin view shows; `problems` the same, one per entry.
      throw new Refusal('invalid-request', err.problems[0]!, {
        reason: err.problems.join(' '),
        problems: err.problems,
      });
    }
    throw err;
  }
}

/** Saves a new link's targets (before its registry record, so no link is ever without them). */
export async function saveLinkTargets(
  config: SignerConfig,
  state: LinkState,
  linkId: string,
  specs: readonly string[],
  language: NotifyLanguage = 'en',
): Promise<void> {
  const targets = checkTargetsForRequest(config, specs);
  await writeLinkTargets(state.store, linkId, linkTargetsRecord(targets, language));
}

export function registerNotifyAdminRoutes(api: Hono, ctx: NotifyAdminContext): void {
  const { config, state, notifier, logger } = ctx;

  async function registered(id: string) {
    const record = await state.readRecord(id);
    if (!record) throw new Refusal('not-found', 'No registered link has this id.');
    return record;
  }

  async function view(linkId: string) {
    const [{ language, targets }, deliveries] = await Promise.all([
      notifier.targetViews(linkId),
      notifier.deliveryLog(linkId),
    ]);
    return { language, targets, deliveries };
  }

  api.get('/admin/links/:id/notifications', async (c) => {
    const record = await registered(c.req.param('id'));
    return c.json(await view(record.claims.id));
  });

  api.put('/admin/links/:id/notifications', async (c) => {
    const record = await registered(c.req.param('id'));
    const body = await ctx.readBody(c, UpdateNotificationsRequest);
    const current = await notifier.linkTargets(record.claims.id);
    await saveLinkTargets(
      config,
      state,
      record.claims.id,
      body.targets,
      body.language ?? current?.language ?? 'en',
    );
    logger.info(
      `admin: set ${body.targets.length} notification targets on link ${record.claims.id}`,
    );
    return c.json(await view(record.claims.id));
  });

  api.post('/admin/links/:id/notifications/test', async (c) => {
    const record = await registered(c.req.param('id'));
    try {
      const sent = await notifier.sendTest({ id: record.claims.id, title: record.claims.title });
      return c.json(sent, 202);
    } catch (err) {
      if (err instanceof NoTargetsError) throw new Refusal('invalid-request', err.message);
      throw err;
    }
  });
}
