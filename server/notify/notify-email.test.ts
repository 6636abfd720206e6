/**
 * Email notifications through a real SMTP server in the test (`smtp-server`, with login), the
 * received message parsed back with `mailparser`: text and HTML parts in the link's language.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger';
import { createStateStore } from '../state/state-store';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';
import { linkTargetsRecord, writeLinkTargets } from './link-targets';
import { Notifier } from './notifier';
import { parseTarget } from './notify-target';

const USER = 'portal';
const PASS = 'smtp-password-not-to-be-logged';

let stack: TestStack;
let smtp: SMTPServer;
let smtpPort: number;
const inbox: Array<{ from: string; to: string[]; mail: ParsedMail }> = [];
/** What the server answers to DATA: null accepts; otherwise an SMTP reply code. */
let refuseWith: number | null = null;

beforeAll(async () => {
  stack = await startTestStack();
  smtp = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASS) callback(null, { user: USER });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          if (refuseWith !== null) {
            const err = new Error('refused by the test') as Error & { responseCode: number };
            err.responseCode = refuseWith;
            callback(err);
            return;
          }
          inbox.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            mail,
          });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await stack?.close();
});

function notifier(lines: string[], password = PASS) {
  const prefix = `.portal-${randomBytes(4).toString('hex')}/`;
  const store = createStateStore(stack.cos, prefix);
  const n = new Notifier({
    store,
    settings: {
      defaults: [],
      webhookSecrets: [],
      smtpUrl: `smtp://${USER}:${password}@127.0.0.1:${smtpPort}`,
      mailFrom: 'Upload portal <portal@example.com>',
      allowPrivate: false,
      pollSeconds: 10,
    },
    publicUrl: 'https://upload.example.com',
    dataDir: stack.dataDir,
    logger: createLogger('debug', (l) => lines.push(l)),
    attemptTimeoutMs: 5_000,
  });
  return { n, store };
}

async function linkMailing(store: ReturnType<typeof createStateStore>, language: 'en' | 'zh-CN') {
  const linkId = randomBytes(16).toString('base64url');
  const parsed = parseTarget('mailto:owner@example.com', { allowPrivate: false });
  if (!parsed.ok) throw new Error(parsed.message);
  await writeLinkTargets(store, linkId, linkTargetsRecord([parsed.target], language));
  return linkId;
}

describe('email notifications', () => {
  it('a real SMTP server receives the submission email, text and HTML, in the link’s language', async () => {
    const lines: string[] = [];
    const { n, store } = notifier(lines);
    try {
      const linkId = await linkMailing(store, 'zh-CN');
      const queued = await n.onSubmissionClosed({
        link: { id: linkId, title: '期末作业' },
        submission: {
          id: 'sub-mail-1',
          uploader: { name: '张三', email: 'zhangsan@example.com' },
          fields: { 学号: '2026001' },
          files: [
            {
              key: `uploads/${linkId}/a.pdf`,
              name: '论文.pdf',
              size: 2 * 1024 * 1024,
              contentType: 'application/pdf',
              crc64: '1',
            },
            {
              key: `uploads/${linkId}/b.zip`,
              name: '<script>alert(1)</script>.zip',
              size: 1024,
              contentType: 'application/zip',
              crc64: '2',
            },
          ],
          failed: [],
          totalBytes: 2 * 1024 * 1024 + 1024,
          startedAt: '2026-05-06T07:00:00Z',
          closedAt: '2026-05-06T07:05:00Z',
          manifestKey: `uploads/${linkId}/manifest.json`,
        },
      });
      await n.idle();
      const got = inbox.find((m) => m.mail.headers.get('portal-event-id') === queued!.eventId);
      expect(got).toBeDefined();
      const { mail } = got!;
      expect(got!.from).toBe('portal@example.com');
      expect(got!.to).toEqual(['owner@example.com']);
      expect(mail.subject).toBe('「期末作业」收到新提交');
      expect(mail.text).toContain('2 个文件（2.0 MB），已存储并校验。');
      expect(mail.text).toContain('提交人: 张三 <zhangsan@example.com>');
      expect(mail.text).toContain('论文.pdf (2.0 MB)');
      expect(mail.text).toContain('https://upload.example.com/admin?link=');
      expect(mail.html).toContain('<html lang="zh-CN">');
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.zip');
      expect(mail.html).not.toContain('<script>');
      expect(mail.messageId).toBe(
        `<${queued!.eventId}.${(await n.deliveryLog(linkId))[0]!.target.id}@cos-upload-portal>`,
      );
      expect((await n.deliveryLog(linkId))[0]).toMatchObject({
        status: 'delivered',
        lastStatus: 250,
      });
      expect(lines.join('\n')).not.toContain(PASS);
    } finally {
      await n.stop();
    }
  });

  it('a test email in English', async () => {
    const { n, store } = notifier([]);
    try {
      const linkId = await linkMailing(store, 'en');
      const { eventId } = await n.sendTest({ id: linkId, title: 'Scans' });
      await n.idle();
      const got = inbox.find((m) => m.mail.headers.get('portal-event-id') === eventId);
      expect(got!.mail.subject).toBe('Test message for “Scans”');
      expect(got!.mail.text).toContain('Notifications for this link work');
    } finally {
      await n.stop();
    }
  });

  it('5xx replies stop, 4xx replies and a failed login are retried; the password is never logged', async () => {
    const lines: string[] = [];
    const { n, store } = notifier(lines);
    try {
      const linkId = await linkMailing(store, 'en');
      refuseWith = 550;
      await n.sendTest({ id: linkId, title: 'x' });
      await n.idle();
      refuseWith = 451;
      await n.sendTest({ id: linkId, title: 'y' });
      await n.idle();
      const log = await n.deliveryLog(linkId);
      expect(log.map((r) => [r.status, r.lastStatus, r.lastError])).toEqual([
        ['retrying', 451, 'SMTP 451'],
        ['failed', 550, 'SMTP 550'],
      ]);
    } finally {
      refuseWith = null;
      await n.stop();
    }
    const wrong = notifier(lines, 'wrong-password-also-secret');
    try {
      const linkId = await linkMailing(wrong.store, 'en');
      await wrong.n.sendTest({ id: linkId, title: 'x' });
      await wrong.n.idle();
      expect((await wrong.n.deliveryLog(linkId))[0]).toMatchObject({ status: 'retrying' });
    } finally {
      await wrong.n.stop();
    }
    expect(lines.join('\n')).not.toContain(PASS);
    expect(lines.join('\n')).not.toContain('wrong-password-also-secret');
  });
});
