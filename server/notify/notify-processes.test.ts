/**
 * Real signer processes (`server/main.ts`, as deployed) sharing one bucket: a signer killed
 * (SIGKILL) with a retry pending delivers it after a restart, and two signers running side by
 * side deliver each event once, however their scans interleave.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateLinkResponse,
  LinkNotificationsResponse,
  NotifyTestResponse,
} from '../../protocol/admin';
import { adminCall } from '../testing/admin-call';
import { startMain } from '../testing/spawn-main';
import { stackEnv } from '../testing/stack-env';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';
import type { Receiver } from './test-receiver';
import { signedWith, startReceiver } from './test-receiver';

const ADMIN_TOKEN = 'notify-processes-admin-token-0000';
const WEBHOOK_SECRET = 'notify-processes-webhook-secret-0123456';

let stack: TestStack;
let receiver: Receiver;
const children: ChildProcess[] = [];
/** Each event id's first request is answered 503 (Retry-After: 1), later ones 200. */
const seen = new Map<string, number>();

beforeAll(async () => {
  stack = await startTestStack();
  receiver = await startReceiver((req) => {
    const id = String(req.headers['portal-event-id']);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? { status: 503, headers: { 'Retry-After': '1' } } : { status: 200 };
  });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await receiver?.close();
  await stack?.close();
});

function startSigner(): Promise<{ url: string; child: ChildProcess }> {
  return startMain(
    {
      PORT: '0',
      ...stackEnv(stack),
      ADMIN_TOKEN,
      WEBHOOK_SECRET,
      NOTIFY_ALLOW_PRIVATE: '1',
      NOTIFY_POLL_SECONDS: '1',
      DATA_DIR: stack.dataDir,
      PORTAL_DIST_DIR: path.join(stack.dataDir, 'no-dist'),
      LOG_LEVEL: 'warn',
    },
    (child) => children.push(child),
  );
}

async function admin(base: string, method: string, route: string, body?: unknown) {
  const { status, json } = await adminCall(base, ADMIN_TOKEN, method, route, body);
  if (status >= 300)
    throw new Error(`${method} ${route} answered ${status}: ${JSON.stringify(json)}`);
  return json;
}

async function until<T>(what: string, fn: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const got = await fn();
    if (got !== null) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    // Slower than the admin API's rate limit (5 calls a second per address), which a loaded
    // machine's longer wait would otherwise run into.
    await new Promise((r) => setTimeout(r, 400));
  }
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('signer processes', () => {
  it(
    'a signer killed with a retry pending delivers it after restart',
    { timeout: 120_000 },
    async () => {
      const first = await startSigner();
      const { link } = CreateLinkResponse.parse(
        await admin(first.url, 'POST', '/admin/links', {
          title: 'Killed',
          notify: [`${receiver.url}/killed`],
        }),
      );
      const { eventId } = NotifyTestResponse.parse(
        await admin(first.url, 'POST', `/admin/links/${link.id}/notifications/test`),
      );
      // The first attempt got 503 and its retry is recorded in the bucket…
      await until('the retry to be recorded', async () => {
        const view = LinkNotificationsResponse.parse(
          await admin(first.url, 'GET', `/admin/links/${link.id}/notifications`),
        );
        return view.deliveries[0]?.status === 'retrying' ? view : null;
      });
      // …when the signer dies without any chance to clean up.
      await killed(first.child);
      expect(seen.get(eventId)).toBe(1);

      const second = await startSigner();
      const hits = await until('the retry after restart', async () =>
        receiver.received.filter((r) => r.headers['portal-event-id'] === eventId).length === 2
          ? receiver.received.filter((r) => r.headers['portal-event-id'] === eventId)
          : null,
      );
      expect(hits.map((h) => h.url)).toEqual(['/killed', '/killed']);
      expect(hits[0]!.body).toBe(hits[1]!.body);
      expect(signedWith(hits[1]!, WEBHOOK_SECRET)).toBe(true);
      const view = await until('the log to say delivered', async () => {
        const v = LinkNotificationsResponse.parse(
          await admin(second.url, 'GET', `/admin/links/${link.id}/notifications`),
        );
        return v.deliveries[0]?.status === 'delivered' ? v : null;
      });
      expect(view.deliveries[0]).toMatchObject({ eventId, attempts: 2, lastStatus: 200 });
      await killed(second.child);
    },
  );

  it('two signers deliver each event once', { timeout: 120_000 }, async () => {
    const [a, b] = await Promise.all([startSigner(), startSigner()]);
    const { link } = CreateLinkResponse.parse(
      await admin(a.url, 'POST', '/admin/links', { title: 'Two', notify: [`${receiver.url}/two`] }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const from = i % 2 === 0 ? a : b;
      ids.push(
        NotifyTestResponse.parse(
          await admin(from.url, 'POST', `/admin/links/${link.id}/notifications/test`),
        ).eventId,
      );
    }
    // Every retry is due on both signers at once; each is still made by one.
    await until('every event delivered', async () => {
      const v = LinkNotificationsResponse.parse(
        await admin(b.url, 'GET', `/admin/links/${link.id}/notifications`),
      );
      return v.deliveries.length === 4 && v.deliveries.every((d) => d.status === 'delivered')
        ? v
        : null;
    });
    // A scan or two more on each, to catch a late duplicate.
    await new Promise((r) => setTimeout(r, 2_500));
    for (const id of ids) {
      expect(
        receiver.received.filter((r) => r.headers['portal-event-id'] === id).map((r) => r.url),
      ).toEqual(['/two', '/two']);
    }
    await Promise.all([killed(a.child), killed(b.child)]);
  });
});
