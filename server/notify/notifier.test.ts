/**
 * The notifier against the real COS emulator (its outbox lives in the bucket) and real local
 * HTTP receivers on loopback. Time is an injected clock: retries that would wait minutes are
 * made due by moving it, then scanning.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger';
import { createStateStore } from '../state/state-store';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';
import type { ClosedSubmission } from './closed-submission';
import { linkTargetsRecord, writeLinkTargets } from './link-targets';
import type { NotifySettings } from './notify-config';
import type { NotifyEventBody } from './notify-event';
import type { NotifierOptions } from './notifier';
import { Notifier } from './notifier';
import type { NotifyTarget } from './notify-target';
import { parseTarget } from './notify-target';
import type { Answer, Received } from './test-receiver';
import { startReceiver } from './test-receiver';
import { verifyWebhook } from './webhook-signature';

const SECRET = 'webhook-secret-for-tests-0123456789abcdef';
const OLD_SECRET = 'the-previous-webhook-secret-0123456789ab';
const PUBLIC = 'https://upload.example.com';

let stack: TestStack;
let clock = Date.UTC(2026, 4, 6, 7, 0, 0);
const now = () => clock;
const lines: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

function settings(over: Partial<NotifySettings> = {}): NotifySettings {
  return {
    defaults: [],
    webhookSecrets: [SECRET],
    smtpUrl: null,
    mailFrom: null,
    allowPrivate: true,
    pollSeconds: 10,
    ...over,
  };
}

/** Each test has a state prefix of its own, so scans see only its own outbox. */
function freshPrefix(): string {
  return `.portal-${randomBytes(4).toString('hex')}/`;
}

function makeNotifier(prefix: string, over: Partial<NotifierOptions> = {}): Notifier {
  return new Notifier({
    store: createStateStore(stack.cos, prefix),
    settings: settings(),
    publicUrl: PUBLIC,
    dataDir: stack.dataDir,
    logger: createLogger('debug', (l) => lines.push(l)),
    now,
    random: () => 1,
    attemptTimeoutMs: 2_000,
    ...over,
  });
}

function target(spec: string): NotifyTarget {
  const parsed = parseTarget(spec, { allowPrivate: true });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.target;
}

async function linkWith(prefix: string, specs: string[], language: 'en' | 'zh-CN' = 'en') {
  const linkId = randomBytes(16).toString('base64url');
  await writeLinkTargets(
    createStateStore(stack.cos, prefix),
    linkId,
    linkTargetsRecord(specs.map(target), language),
  );
  return linkId;
}

/** Two real objects in the bucket, and the submission the notifier is told about. */
async function landedSubmission(linkId: string): Promise<ClosedSubmission> {
  const files = [];
  for (const [name, text, type] of [
    ['a.txt', 'first file', 'text/plain'],
    ['scans/b.bin', 'second, longer file ….', 'application/octet-stream'],
  ] as const) {
    const key = `uploads/${linkId}/sub1/${name.replace('/', '-')}`;
    await stack.cos.putObject(key, text, { contentType: type });
    const head = await stack.cos.headObject(key);
    files.push({
      key,
      name,
      size: head!.size,
      contentType: head!.contentType,
      crc64: head!.crc64!,
    });
  }
  return {
    link: { id: linkId, title: 'Scans' },
    submission: {
      id: `sub-${randomBytes(4).toString('hex')}`,
      uploader: { name: 'Ada', email: 'ada@example.com' },
      fields: { 'Student ID': 'S-42' },
      files,
      failed: [{ name: 'c.pdf', size: 10, reason: 'network' }],
      totalBytes: files.reduce((s, f) => s + f.size, 0),
      startedAt: new Date(clock - 60_000).toISOString(),
      closedAt: new Date(clock).toISOString(),
      manifestKey: `uploads/${linkId}/sub1/manifest.json`,
    },
  };
}

const answers =
  (...list: Answer[]) =>
  (_: Received, i: number): Answer =>
    list[Math.min(i, list.length - 1)]!;

describe('notifier: generic webhook', () => {
  it('POSTs submission.completed with the issue’s body; the signature verifies; files match the objects', async () => {
    const receiver = await startReceiver();
    const prefix = freshPrefix();
    const n = makeNotifier(prefix, {
      settings: settings({ webhookSecrets: [SECRET, OLD_SECRET] }),
    });
    try {
      const linkId = await linkWith(prefix, [`${receiver.url}/hook`]);
      const input = await landedSubmission(linkId);
      const queued = await n.onSubmissionClosed(input);
      expect(queued).toMatchObject({ targets: 1 });
      const [got] = await receiver.waitFor(1);
      await n.idle();

      expect(got!.method).toBe('POST');
      expect(got!.url).toBe('/hook');
      expect(got!.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = JSON.parse(got!.body) as NotifyEventBody;
      expect(Object.keys(body)).toEqual(['id', 'type', 'createdAt', 'link', 'submission']);
      expect(body).toEqual({
        id: queued!.eventId,
        type: 'submission.completed',
        createdAt: new Date(clock).toISOString(),
        link: { id: linkId, title: 'Scans' },
        submission: {
          ...input.submission,
          startedAt: input.submission.startedAt,
          closedAt: input.submission.closedAt,
        },
      });
      expect(Object.keys(body.submission!)).toEqual([
        'id',
        'uploader',
        'fields',
        'files',
        'failed',
        'totalBytes',
        'startedAt',
        'closedAt',
        'manifestKey',
      ]);
      expect(got!.headers['portal-event-id']).toBe(body.id);
      const signature = got!.headers['portal-signature'] as string;
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
      expect(verifyWebhook(signature, got!.body, [SECRET], clock)).toBe(true);
      expect(verifyWebhook(signature, got!.body, [OLD_SECRET], clock)).toBe(true);
      expect(verifyWebhook(signature, got!.body, ['x'.repeat(40)], clock)).toBe(false);

      // What the receiver was told is what the bucket holds (read back with the SDK).
      for (const file of body.submission!.files) {
        const head = await stack.cos.headObject(file.key);
        expect({ size: head!.size, crc64: head!.crc64 }).toEqual({
          size: file.size,
          crc64: file.crc64,
        });
      }

      // Delivered: the event left the outbox; the log says so.
      expect(await n.outbox.listPending()).toEqual([]);
      const log = await n.deliveryLog(linkId);
      expect(log).toEqual([
        expect.objectContaining({
          eventId: body.id,
          type: 'submission.completed',
          attempts: 1,
          status: 'delivered',
          lastStatus: 200,
          lastError: null,
          nextAttemptAt: null,
          target: expect.objectContaining({ kind: 'webhook', source: 'link' }),
        }),
      ]);

      // Told again about the same submission: no second event.
      expect((await n.onSubmissionClosed(input))?.eventId).toBe(body.id);
      await n.idle();
      expect(receiver.received).toHaveLength(1);
    } finally {
      await n.stop();
      await receiver.close();
    }
  });

  it('a receiver answering 500 then 200 gets the same event id twice', async () => {
    const receiver = await startReceiver(answers({ status: 500 }, { status: 200 }));
    const prefix = freshPrefix();
    const n = makeNotifier(prefix);
    try {
      const linkId = await linkWith(prefix, [receiver.url]);
      const { eventId } = await n.sendTest({ id: linkId, title: 'Scans' });
      await receiver.waitFor(1);
      await n.idle();
      let [row] = await n.deliveryLog(linkId);
      expect(row).toMatchObject({
        status: 'retrying',
        attempts: 1,
        lastStatus: 500,
        lastError: 'HTTP 500',
        lastProblem: { code: 'http', detail: '500' },
      });
      // random() = 1: the first retry waits the whole first step, 10 s.
      expect(row!.nextAttemptAt).toBe(clock + 10_000);

      clock += 5_000;
      await n.runOnce();
      expect(receiver.received).toHaveLength(1);

      clock += 5_000;
      await n.runOnce();
      await receiver.waitFor(2);
      const ids = receiver.received.map((r) => r.headers['portal-event-id']);
      expect(ids).toEqual([eventId, eventId]);
      expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body);
      [row] = await n.deliveryLog(linkId);
      expect(row).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200 });
      expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
        type: 'test',
        submission: null,
      });
    } finally {
      await n.stop();
      await receiver.close();
    }
  });

  it('honours Retry-After on 429, and retries time-outs', async () => {
    const receiver = await startReceiver(
      answers(
        { status: 429, headers: { 'Retry-After': '120' } },
        { status: 200, hang: true },
        { status: 204 },
      ),
    );
    const prefix = freshPrefix();
    const n = makeNotifier(prefix, { attemptTimeoutMs: 300 });
    try {
      const linkId = await linkWith(prefix, [receiver.url]);
      await n.sendTest({ id: linkId, title: 'x' });
      await receiver.waitFor(1);
      await n.idle();
      expect((await n.deliveryLog(linkId))[0]!.nextAttemptAt).toBe(clock + 120_000);
      clock += 60_000;
      await n.runOnce();
      expect(receiver.received).toHaveLength(1);
      clock += 61_000;
      await n.runOnce();
      expect(receiver.received).toHaveLength(2);
      expect((await n.deliveryLog(linkId))[0]).toMatchObject({
        status: 'retrying',
        attempts: 2,
        lastStatus: null,
        lastError: 'timed out',
      });
      clock += 3600_000;
      await n.runOnce();
      expect((await n.deliveryLog(linkId))[0]).toMatchObject({
        status: 'delivered',
        attempts: 3,
        lastStatus: 204,
      });
    } finally {
      await n.stop();
      await receiver.close();
    }
  });

  it('stops on other 4xx and on redirects, with the reason recorded', async () => {
    const other = await startReceiver();
    const receiver = await startReceiver((req) =>
      req.url === '/gone'
        ? { status: 410 }
        : { status: 302, headers: { Location: `${other.url}/elsewhere` } },
    );
    const prefix = freshPrefix();
    const n = makeNotifier(prefix);
    try {
      const linkId = await linkWith(prefix, [`${receiver.url}/gone`, `${receiver.url}/moved`]);
      await n.sendTest({ id: linkId, title: 'x' });
      await n.idle();
      const log = await n.deliveryLog(linkId);
      expect(log.map((r) => [r.status, r.lastStatus, r.lastError]).sort()).toEqual([
        ['failed', 302, 'HTTP 302: redirects are not followed'],
        ['failed', 410, 'HTTP 410'],
      ]);
      clock += 3600_000;
      await n.runOnce();
      expect(receiver.received).toHaveLength(2);
      expect(other.received).toHaveLength(0);
      expect(await n.outbox.listPending()).toEqual([]);
    } finally {
      await n.stop();
      await receiver.close();
      await other.close();
    }
  });

  it('gives up 24 h after the event, with the last reason', async () => {
    const receiver = await startReceiver(() => ({ status: 503 }));
    const prefix = freshPrefix();
    const n = makeNotifier(prefix);
    try {
      const linkId = await linkWith(prefix, [receiver.url]);
      await n.sendTest({ id: linkId, title: 'x' });
      await n.idle();
      for (let i = 0; i < 60; i++) {
        clock += 3600_000;
        await n.runOnce();
        if ((await n.outbox.listPending()).length === 0) break;
      }
      const [row] = await n.deliveryLog(linkId);
      expect(row).toMatchObject({ status: 'failed', lastStatus: 503 });
      expect(row!.lastError).toBe('gave up after 24 h of retries (last: HTTP 503)');
      expect(row!.lastProblem).toEqual({ code: 'http', detail: '503', gaveUpAfterHours: 24 });
      expect(row!.attempts).toBeGreaterThan(10);
      expect(receiver.received.length).toBe(row!.attempts);
    } finally {
      await n.stop();
      await receiver.close();
    }
  });
});

describe('notifier: the outbox survives the instance', () => {
  it('a retry pending on a dropped instance is delivered by a new one over the same bucket', async () => {
    const receiver = await startReceiver(answers({ status: 502 }, { status: 200 }));
    const prefix = freshPrefix();
    const first = makeNotifier(prefix);
    const linkId = await linkWith(prefix, [receiver.url]);
    const { eventId } = await first.sendTest({ id: linkId, title: 'x' });
    await receiver.waitFor(1);
    await first.stop();

    const second = makeNotifier(prefix);
    try {
      clock += 60_000;
      await second.runOnce();
      await receiver.waitFor(2);
      expect(receiver.received.map((r) => r.headers['portal-event-id'])).toEqual([
        eventId,
        eventId,
      ]);
      expect((await second.deliveryLog(linkId))[0]).toMatchObject({
        status: 'delivered',
        attempts: 2,
      });
    } finally {
      await second.stop();
      await receiver.close();
    }
  });

  it('an attempt in flight on one instance is not repeated by another until its lease runs out', async () => {
    const receiver = await startReceiver(answers({ status: 200, hang: true }, { status: 200 }));
    const prefix = freshPrefix();
    // The first instance hangs on its attempt (as if it had died mid-request).
    const stuck = makeNotifier(prefix, { attemptTimeoutMs: 5_000, leaseMs: 60_000 });
    const other = makeNotifier(prefix, { leaseMs: 60_000 });
    try {
      const linkId = await linkWith(prefix, [receiver.url]);
      const { eventId } = await stuck.sendTest({ id: linkId, title: 'x' });
      await receiver.waitFor(1);
      await other.runOnce();
      expect(receiver.received).toHaveLength(1);
      expect((await other.deliveryLog(linkId))[0]).toMatchObject({
        status: 'delivering',
        attempts: 1,
      });
      clock += 61_000;
      await other.runOnce();
      await receiver.waitFor(2);
      expect(receiver.received.map((r) => r.headers['portal-event-id'])).toEqual([
        eventId,
        eventId,
      ]);
      expect((await other.deliveryLog(linkId))[0]).toMatchObject({
        status: 'delivered',
        attempts: 2,
      });
    } finally {
      await other.stop();
      await receiver.close();
      await stuck.stop();
    }
  });

  it('two instances scanning the same outbox deliver each event once', async () => {
    const receiver = await startReceiver();
    const prefix = freshPrefix();
    const a = makeNotifier(prefix);
    const b = makeNotifier(prefix);
    try {
      const linkId = await linkWith(prefix, [receiver.url]);
      // Events written without an immediate attempt, as if their instance had died right after.
      const writer = makeNotifier(prefix);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const input = await landedSubmission(linkId);
        // The outbox record alone: enqueue through the port, then drop its attempt by
        // stopping before it runs is racy; write through the outbox instead.
        const queued = await writer.outbox.add({
          v: 1,
          id: `${(clock + i).toString(36).padStart(9, '0')}-${randomBytes(12).toString('base64url')}`,
          type: 'submission.completed',
          linkId,
          createdAt: clock,
          language: 'en',
          adminUrl: `${PUBLIC}/admin`,
          raw: JSON.stringify({ id: i, submission: input.submission.id }),
          targets: [{ key: 'k', source: 'link', spec: receiver.url }],
        });
        expect(queued).toBe(true);
        ids.push(input.submission.id);
      }
      await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
      await Promise.all([a.idle(), b.idle()]);
      const sent = receiver.received.map(
        (r) => (JSON.parse(r.body) as { submission: string }).submission,
      );
      expect(sent.sort()).toEqual(ids.sort());
      expect(await a.outbox.listPending()).toEqual([]);
    } finally {
      await a.stop();
      await b.stop();
      await receiver.close();
    }
  });
});

describe('notifier: safe by default', () => {
  it('refuses a host that resolves to a private or loopback address, before connecting', async () => {
    const receiver = await startReceiver();
    const prefix = freshPrefix();
    const resolved: string[] = [];
    const n = makeNotifier(prefix, {
      settings: settings({ allowPrivate: false }),
      // The test's DNS: every name is this machine (or the metadata service); nothing is looked
      // up for real.
      resolve: async (host) => {
        resolved.push(host);
        if (host === 'metadata.example.com') return [{ address: 'fd00:ec2::254', family: 6 }];
        if (host === 'mixed.example.com') {
          return [
            { address: '93.184.216.34', family: 4 },
            { address: '::ffff:127.0.0.1', family: 6 },
          ];
        }
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    try {
      const linkId = await linkWith(prefix, [
        `https://hooks.example.com:${receiver.port}/x`,
        `slack:https://metadata.example.com:${receiver.port}/x`,
        `https://mixed.example.com:${receiver.port}/x`,
      ]);
      await n.sendTest({ id: linkId, title: 'x' });
      await n.idle();
      const log = await n.deliveryLog(linkId);
      expect(log.map((r) => r.lastError).sort()).toEqual([
        'refused: the host resolves to a loopback address',
        'refused: the host resolves to a loopback address',
        'refused: the host resolves to a metadata address',
      ]);
      expect(log.every((r) => r.status === 'failed')).toBe(true);
      expect(resolved.sort()).toEqual([
        'hooks.example.com',
        'metadata.example.com',
        'mixed.example.com',
      ]);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await n.stop();
      await receiver.close();
    }
  });

  it('connects to the address it checked, not to a second lookup', async () => {
    const receiver = await startReceiver();
    const prefix = freshPrefix();
    let lookups = 0;
    const n = makeNotifier(prefix, {
      resolve: async () => {
        lookups += 1;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    try {
      // `.test` names resolve nowhere for real: only the pinned address can reach the receiver.
      const linkId = await linkWith(prefix, [
        `http://receiver.example.test:${receiver.port}/pinned`,
      ]);
      await n.sendTest({ id: linkId, title: 'x' });
      await receiver.waitFor(1);
      await n.idle();
      expect(receiver.received[0]!.headers.host).toBe(`receiver.example.test:${receiver.port}`);
      expect(lookups).toBe(1);
    } finally {
      await n.stop();
      await receiver.close();
    }
  });

  it('never logs secrets, robot keys or what receivers answer', async () => {
    const KEY = 'robot-key-0123456789-abcdefghij';
    const receiver = await startReceiver(() => ({
      status: 200,
      body: '{"errcode":93000,"errmsg":"invalid webhook url, secret-in-answer"}',
    }));
    const prefix = freshPrefix();
    const n = makeNotifier(prefix);
    const from = lines.length;
    try {
      const linkId = await linkWith(prefix, [
        `wecom:${receiver.url}/cgi-bin/webhook/send?key=${KEY}`,
        `${receiver.url}/hook?token=${KEY}`,
      ]);
      await n.sendTest({ id: linkId, title: 'x' });
      await n.idle();
      const log = await n.deliveryLog(linkId);
      const wecom = log.find((r) => r.target.kind === 'wecom')!;
      expect(wecom).toMatchObject({
        status: 'failed',
        lastStatus: 200,
        lastError: 'refused by the service (code 93000)',
      });
      const written = lines.slice(from).join('\n');
      expect(written).toContain('attempt 1');
      for (const secret of [KEY, SECRET, 'secret-in-answer']) {
        expect(written).not.toContain(secret);
        expect(JSON.stringify(log)).not.toContain(secret);
      }
    } finally {
      await n.stop();
      await receiver.close();
    }
  });
});

describe('notifier: email without SMTP_URL', () => {
  it('writes each message to DATA_DIR/mail as .eml and prints one line', async () => {
    const printed: string[] = [];
    const prefix = freshPrefix();
    const dataDir = path.join(stack.dataDir, `local-${randomBytes(3).toString('hex')}`);
    const n = makeNotifier(prefix, { dataDir, print: (l) => printed.push(l) });
    try {
      const linkId = await linkWith(prefix, ['mailto:owner@example.com'], 'zh-CN');
      const { eventId } = await n.sendTest({ id: linkId, title: '扫描件' });
      await n.idle();
      const files = await readdir(path.join(dataDir, 'mail'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(new RegExp(`^${eventId}\\..+\\.eml$`));
      const eml = await readFile(path.join(dataDir, 'mail', files[0]!), 'utf8');
      expect(eml).toContain('To: owner@example.com');
      // Header names are case-insensitive (nodemailer writes `Portal-Event-ID`).
      expect(eml.toLowerCase()).toContain(`portal-event-id: ${eventId.toLowerCase()}`);
      expect(printed).toEqual([
        expect.stringMatching(
          /^mail: wrote .+\.eml \(to owner@example\.com: 「扫描件」的测试消息\)$/,
        ),
      ]);
      expect((await n.deliveryLog(linkId))[0]).toMatchObject({ status: 'delivered' });
    } finally {
      await n.stop();
    }
  });
});
