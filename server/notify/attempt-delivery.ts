import { outcomeOf } from './answer-outcome';
import { chatRequest } from './chat-request';
import type { AttemptOutcome } from './delivery-policy';
import { mailMessage } from './mail-message';
import type { MailSender } from './mail-sender';
import type { NotifyEvent } from './notify-event';
import type { NotifyTarget } from './notify-target';
import type { Resolver } from './safe-post';
import { safePost } from './safe-post';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/**
 * One attempt at one delivery: the event, in the target's own format, sent once. Returns what
 * happened as an AttemptOutcome; never throws for a failure of the other side.
 */
export interface AttemptContext {
  webhookSecrets: readonly string[];
  allowPrivate: boolean;
  timeoutMs: number;
  mail: MailSender;
  now: () => number;
  resolve?: Resolver;
}

export async function attemptDelivery(
  target: NotifyTarget,
  event: NotifyEvent,
  raw: string,
  /** Names this delivery (the dropped .eml file, the email's Message-ID). */
  deliveryName: string,
  ctx: AttemptContext,
): Promise<AttemptOutcome> {
  const post = (url: string, body: string, headers: Record<string, string>) =>
    safePost(url, body, {
      headers,
      timeoutMs: ctx.timeoutMs,
      allowPrivate: ctx.allowPrivate,
      ...(ctx.resolve ? { resolve: ctx.resolve } : {}),
    });
  const eventId = event.body.id;
  switch (target.kind) {
    case 'webhook': {
      if (ctx.webhookSecrets.length === 0) {
        return { kind: 'permanent', status: null, problem: { code: 'no-webhook-secret' } };
      }
      const result = await post(target.url, raw, {
        [EVENT_ID_HEADER]: eventId,
        [SIGNATURE_HEADER]: signWebhook(ctx.webhookSecrets, raw, ctx.now()),
      });
      return outcomeOf('webhook', result, ctx.now());
    }
    case 'email':
      return ctx.mail.send(target.address, mailMessage(event), { eventId, name: deliveryName });
    default: {
      const request = chatRequest(target, event, ctx.now());
      const result = await post(request.url, request.body, { [EVENT_ID_HEADER]: eventId });
      return outcomeOf(target.kind, result, ctx.now());
    }
  }
}
