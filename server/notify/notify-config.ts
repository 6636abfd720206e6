import type { NotifyTarget } from './notify-target';
import { parseTarget } from './notify-target';

/**
 * The deployment's notification settings, read from the environment with the rest of the
 * configuration (server/config.ts calls this), each problem reported in plain words:
 *
 * - NOTIFY_DEFAULT: targets added to every link (comma or space separated);
 * - WEBHOOK_SECRET: the key webhook signatures are made with, ≥ 32 characters; a comma list
 *   rotates (the first is current, every one signs: one `v1=` each); required once a webhook
 *   target exists;
 * - SMTP_URL: `smtp://user:password@host:587` or `smtps://…:465`; without it, emails are
 *   written to DATA_DIR/mail/ (local runs);
 * - MAIL_FROM: the sender of those emails;
 * - NOTIFY_ALLOW_PRIVATE=1: plain http and private, loopback addresses allowed (local tests);
 * - NOTIFY_POLL_SECONDS: how often each instance looks for deliveries that are due.
 */
export interface NotifySettings {
  defaults: NotifyTarget[];
  webhookSecrets: string[];
  smtpUrl: string | null;
  mailFrom: string | null;
  allowPrivate: boolean;
  pollSeconds: number;
}

export const MIN_WEBHOOK_SECRET_LENGTH = 32;

type Env = Record<string, string | undefined>;

const value = (env: Env, name: string) => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

export function parseNotifyEnv(env: Env, problems: string[]): NotifySettings {
  const allowRaw = value(env, 'NOTIFY_ALLOW_PRIVATE');
  let allowPrivate = false;
  if (allowRaw !== undefined) {
    if (/^(1|true|yes|on)$/i.test(allowRaw)) allowPrivate = true;
    else if (!/^(0|false|no|off)$/i.test(allowRaw)) {
      problems.push(`NOTIFY_ALLOW_PRIVATE must be 1 or 0 (got "${allowRaw}")`);
    }
  }

  const defaults: NotifyTarget[] = [];
  const rawDefaults = value(env, 'NOTIFY_DEFAULT');
  if (rawDefaults !== undefined) {
    rawDefaults
      .split(/[\s,]+/)
      .filter(Boolean)
      .forEach((spec, i) => {
        const parsed = parseTarget(spec, { allowPrivate });
        if (parsed.ok) defaults.push(parsed.target);
        else problems.push(`NOTIFY_DEFAULT entry ${i + 1}: ${parsed.message}`);
      });
  }

  const webhookSecrets: string[] = [];
  const rawSecrets = value(env, 'WEBHOOK_SECRET');
  if (rawSecrets !== undefined) {
    rawSecrets
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .forEach((secret, i) => {
        if (secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
          problems.push(
            `WEBHOOK_SECRET: secret ${i + 1} must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters long (e.g. the output of: openssl rand -hex 32)`,
          );
        } else webhookSecrets.push(secret);
      });
  }
  if (webhookSecrets.length === 0 && defaults.some((t) => t.kind === 'webhook')) {
    problems.push(
      'WEBHOOK_SECRET is required when NOTIFY_DEFAULT has a webhook (https://…) target: at least 32 random characters, e.g. the output of: openssl rand -hex 32',
    );
  }

  let smtpUrl: string | null = null;
  const rawSmtp = value(env, 'SMTP_URL');
  if (rawSmtp !== undefined) {
    let ok: boolean;
    try {
      const url = new URL(rawSmtp);
      ok = (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
    } catch {
      ok = false;
    }
    // The value is never repeated: it holds the SMTP password.
    if (ok) smtpUrl = rawSmtp;
    else {
      problems.push(
        'SMTP_URL must look like smtp://user:password@smtp.example.com:587 or smtps://user:password@smtp.example.com:465',
      );
    }
  }

  const mailFrom = value(env, 'MAIL_FROM') ?? null;
  if (
    mailFrom !== null &&
    !/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(mailFrom)
  ) {
    problems.push(
      `MAIL_FROM must be an address like portal@example.com or "Upload portal <portal@example.com>" (got "${mailFrom}")`,
    );
  }

  let pollSeconds = 10;
  const rawPoll = value(env, 'NOTIFY_POLL_SECONDS');
  if (rawPoll !== undefined) {
    if (!/^\d+$/.test(rawPoll) || Number(rawPoll) < 1 || Number(rawPoll) > 300) {
      problems.push(`NOTIFY_POLL_SECONDS must be a whole number from 1 to 300 (got "${rawPoll}")`);
    } else pollSeconds = Number(rawPoll);
  }

  return { defaults, webhookSecrets, smtpUrl, mailFrom, allowPrivate, pollSeconds };
}

/** The sender when MAIL_FROM is not set: the portal's own host name. */
export function defaultMailFrom(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  const domain = /^[\d.]+$|:/.test(host) || host === '' ? 'localhost' : host;
  return `Upload portal <notifications@${domain}>`;
}
