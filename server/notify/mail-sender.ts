import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { AttemptOutcome } from './delivery-policy';
import type { MailMessage } from './mail-message';
import { EVENT_ID_HEADER } from './webhook-signature';

/**
 * Sends notification emails through SMTP_URL with nodemailer. Without SMTP_URL (local runs),
 * each message is written to `<DATA_DIR>/mail/<name>.eml` instead, and one line per message is
 * printed, so a developer sees what would have been sent without any mail server.
 */
export interface MailSender {
  /**
   * `name` names the delivery: the Message-ID (the same on every attempt, so a mail client
   * shows a repeated message once) and the file name of a dropped message.
   */
  send(
    to: string,
    message: MailMessage,
    ids: { eventId: string; name: string },
  ): Promise<AttemptOutcome>;
  close(): void;
}

export interface MailSenderOptions {
  smtpUrl: string | null;
  from: string;
  /** Where messages go without SMTP_URL. */
  dropDir: string;
  /** One line per dropped message (the start script's output). */
  print: (line: string) => void;
  timeoutMs: number;
}

/**
 * SMTP reply codes: 4xx are temporary (try again later), 5xx permanent. Connection failures and
 * time-outs are temporary. Only codes are kept, never the server's text (it can echo addresses
 * and, on some servers, parts of the credentials exchange).
 */
function smtpOutcome(err: unknown): AttemptOutcome {
  const e = err as { responseCode?: number; code?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  // A refused login is this deployment's SMTP_URL, not the recipient: retried, so an operator
  // who fixes it within the retry window loses nothing.
  if (e.code === 'EAUTH') {
    return { kind: 'transient', status: code, problem: { code: 'smtp-login' } };
  }
  if (code !== null && code >= 500) {
    return { kind: 'permanent', status: code, problem: { code: 'smtp', detail: String(code) } };
  }
  if (code !== null) {
    return { kind: 'transient', status: code, problem: { code: 'smtp', detail: String(code) } };
  }
  return { kind: 'transient', status: null, problem: { code: 'smtp', detail: e.code ?? 'error' } };
}

function mailOf(
  from: string,
  to: string,
  message: MailMessage,
  ids: { eventId: string; name: string },
) {
  return {
    from,
    to,
    ...message,
    messageId: `<${ids.name}@cos-upload-portal>`,
    headers: { [EVENT_ID_HEADER]: ids.eventId },
  };
}

export function createMailSender(options: MailSenderOptions): MailSender {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl, {
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      // Never log the conversation: it carries the credentials and the recipients.
      logger: false,
      debug: false,
    } as object);
    return {
      async send(to, message, ids) {
        try {
          await transport.sendMail(mailOf(options.from, to, message, ids));
          return { kind: 'delivered', status: 250 };
        } catch (err) {
          return smtpOutcome(err);
        }
      },
      close: () => transport.close(),
    };
  }

  const files = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    async send(to, message, ids) {
      const info = (await files.sendMail(mailOf(options.from, to, message, ids))) as {
        message: Buffer;
      };
      await mkdir(options.dropDir, { recursive: true });
      const file = path.join(options.dropDir, `${ids.name}.eml`);
      await writeFile(file, info.message);
      options.print(`mail: wrote ${file} (to ${to}: ${message.subject})`);
      return { kind: 'delivered', status: null };
    },
    close: () => files.close(),
  };
}
