import type { Context } from 'hono';
import { Hono } from 'hono';
import type { z } from 'zod';
import { ROUTES } from '../../protocol/routes';
import { OpenSubmissionRequest, SubmissionRef, UnlockRequest } from '../../protocol/submissions';
import type { LinkClaims } from '../links/link-types';
import type { SubmissionService } from './submission-service';

/**
 * The contributor's side of submissions, under API_BASE with the link token like every other
 * link call: unlock a password, open a submission, ask how it stands, finish it. Mounted by
 * the app, which lends its link checks and body parser.
 */
export interface SubmissionApiContext {
  service: SubmissionService;
  now: () => number;
  /** The link, verified and not revoked. */
  requireLink: (c: Context) => Promise<LinkClaims>;
  /** The link, verified (revoked allowed: finishing and receipts only read or close). */
  verifiedLink: (c: Context) => LinkClaims;
  readBody: <S extends z.core.$ZodType>(c: Context, schema: S) => Promise<z.infer<S>>;
  clientAddress: (c: Context) => string;
}

export function createSubmissionApi(ctx: SubmissionApiContext): Hono {
  const { service, now } = ctx;
  const api = new Hono();

  api.post(ROUTES.unlock, async (c) => {
    const link = await ctx.requireLink(c);
    const { password } = await ctx.readBody(c, UnlockRequest);
    const proof = await service.unlock(link, password, ctx.clientAddress(c));
    return c.json({ serverTime: now(), ...proof });
  });

  api.post(ROUTES.submissions, async (c) => {
    const link = await ctx.requireLink(c);
    const body = await ctx.readBody(c, OpenSubmissionRequest);
    const submission = await service.open(link, body, c.req.header('user-agent'));
    return c.json({ serverTime: now(), submission }, 201);
  });

  api.post(ROUTES.submissionStatus, async (c) => {
    const link = ctx.verifiedLink(c);
    const { submission } = await ctx.readBody(c, SubmissionRef);
    return c.json({
      serverTime: now(),
      submission: await service.receipt(link, submission, false),
    });
  });

  api.post(ROUTES.submissionFinish, async (c) => {
    const link = ctx.verifiedLink(c);
    const { submission } = await ctx.readBody(c, SubmissionRef);
    return c.json({ serverTime: now(), submission: await service.receipt(link, submission, true) });
  });

  return api;
}
