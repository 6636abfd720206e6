/**
 * The end-to-end proof on a real signer (startSigner, as `npm start` runs it) over the
 * emulator: a submission is filled and closed through the API, and a local HTTP receiver gets
 * `submission.completed` only then, signed, with files that match the objects (sizes and CRC-64
 * read back with the official SDK); the chat message and the email say the same.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../protocol/crc64';
import { SubmissionReceiptResponse } from '../../protocol/submissions';
import { createLogger } from '../log/logger';
import type { RunningSigner } from '../start-signer';
import { startSigner } from '../start-signer';
import {
  ADMIN_TOKEN,
  adminCreateLink,
  call,
  openSubmission,
  plan,
  text,
  uploadOne,
} from '../testing/submission-calls';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';
import type { NotifyEventBody } from './notify-event';
import type { Receiver } from './test-receiver';
import { signedWith, startReceiver } from './test-receiver';

const WEBHOOK_SECRET = 'submission-notify-secret-0123456789abcd';

let stack: TestStack;
let signer: RunningSigner;
let receiver: Receiver;
/** The running signer, called the way the submission helpers call an in-process app. */
let app: Hono;

beforeAll(async () => {
  receiver = await startReceiver((req) =>
    req.url.startsWith('/robot')
      ? { status: 200, body: '{"errcode":0,"errmsg":"ok"}' }
      : { status: 200 },
  );
  stack = await startTestStack({
    ADMIN_TOKEN,
    WEBHOOK_SECRET,
    NOTIFY_ALLOW_PRIVATE: '1',
    STATE_CACHE_SECONDS: '0',
  });
  signer = await startSigner(stack.config, { cos: stack.cos, logger: createLogger('silent') });
  app = {
    request: (path: string, init?: RequestInit) => fetch(`${signer.url}${path}`, init),
  } as unknown as Hono;
});
afterAll(async () => {
  await signer?.close();
  await stack?.close();
  await receiver?.close();
});

describe('a closed submission is notified', () => {
  it('the receiver hears of it only once it is closed and verified; files match the bucket', async () => {
    const { token, link } = await adminCreateLink(app, {
      title: 'Theses 论文',
      ask: ['name', 'email'],
      notify: [
        `${receiver.url}/hook`,
        `dingtalk:${receiver.url}/robot/send?access_token=t#SECsigning-secret-1`,
      ],
      notifyLanguage: 'zh-CN',
    });
    const sub = await openSubmission(app, token, {
      details: { name: '李雷', email: 'lilei@example.com' },
    });
    const bodies = {
      'thesis.pdf': new Uint8Array(50_000).map((_, i) => (i * 7) % 251),
      'notes.txt': text('notes'),
    };
    for (const [name, body] of Object.entries(bodies)) {
      const r = await uploadOne(app, token, sub.token, { name, body });
      expect(r.complete.status, r.complete.text).toBe(200);
    }
    // One file signed and never sent: it is in `failed`, not silently dropped.
    await plan(app, token, sub.token, [{ name: 'missing.doc', size: 12 }]);
    // Verified files, but the submission is still open: nobody has been told.
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(0);

    const finish = await call(app, 'POST', '/submissions/finish', {
      token,
      body: { submission: sub.token },
    });
    expect(finish.status, finish.text).toBe(200);
    const closed = SubmissionReceiptResponse.parse(finish.json).submission;
    const [hook, robot] = await receiver
      .waitFor(2)
      .then((all) => [
        all.find((r) => r.url === '/hook')!,
        all.find((r) => r.url.startsWith('/robot'))!,
      ]);

    const body = JSON.parse(hook!.body) as NotifyEventBody;
    expect(signedWith(hook!, WEBHOOK_SECRET)).toBe(true);
    expect(hook!.headers['portal-event-id']).toBe(body.id);
    expect(body).toMatchObject({
      type: 'submission.completed',
      link: { id: link.id, title: 'Theses 论文' },
      submission: {
        id: closed.id,
        uploader: { name: '李雷', email: 'lilei@example.com' },
        totalBytes: 50_000 + 5,
        startedAt: new Date(closed.startedAt).toISOString(),
        closedAt: new Date(closed.closedAt!).toISOString(),
      },
    });
    expect(body.submission!.failed).toEqual([
      expect.objectContaining({ name: 'missing.doc', size: 12 }),
    ]);
    expect(body.submission!.files.map((f) => f.name).sort()).toEqual(['notes.txt', 'thesis.pdf']);
    for (const file of body.submission!.files) {
      // What the receiver was told is what COS holds, read back with the official SDK.
      const head = await stack.cos.headObject(file.key);
      expect({ size: head!.size, crc64: head!.crc64 }).toEqual({
        size: file.size,
        crc64: file.crc64,
      });
      expect(file.crc64).toBe(crc64(bodies[file.name as keyof typeof bodies]));
    }
    // The manifest the body points at is in the bucket.
    expect(await stack.cos.headObject(body.submission!.manifestKey)).not.toBeNull();

    // The DingTalk robot got the person's version, in Chinese, signed in its URL.
    const url = new URL(robot!.url, receiver.url);
    expect(url.searchParams.get('sign')).toBeTruthy();
    const message = JSON.parse(robot!.body) as {
      msgtype: string;
      markdown: { title: string; text: string };
    };
    expect(message.msgtype).toBe('markdown');
    expect(message.markdown.title).toBe('「Theses 论文」收到新提交');
    expect(message.markdown.text).toContain('2 个文件');
    expect(message.markdown.text).toContain('missing.doc');
    expect(message.markdown.text).toContain(`/admin?link=${link.id}&submission=${closed.id}`);

    // Closing again (the same Finish) tells nobody twice.
    await call(app, 'POST', '/submissions/finish', { token, body: { submission: sub.token } });
    await signer.notifier.idle();
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(2);
  });
});
