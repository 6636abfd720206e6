/**
 * The admin API's notification routes on the real app (in-process) over the emulator, with a
 * local receiver: targets set at creation and replaced later, shown masked, a test event
 * delivered and logged, and clear refusals.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateLinkResponse,
  LinkNotificationsResponse,
  NotifyTestResponse,
} from '../../protocol/admin';
import { ErrorBody } from '../../protocol/schemas';
import { loadConfig } from '../config';
import { createApp } from '../http/app';
import { createLogger } from '../log/logger';
import { adminCall } from '../testing/admin-call';
import { stackEnv } from '../testing/stack-env';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';
import type { Receiver } from './test-receiver';
import { signedWith, startReceiver } from './test-receiver';

const ADMIN_TOKEN = 'admin-token-for-notify-tests-000';
const WEBHOOK_SECRET = 'webhook-secret-admin-tests-0123456789abc';
const ROBOT_KEY = 'robot-key-abcdefghijklmnopqrstuvwxyz';

let stack: TestStack;
let receiver: Receiver;
let app: Hono;

beforeAll(async () => {
  receiver = await startReceiver();
  stack = await startTestStack({
    ADMIN_TOKEN,
    WEBHOOK_SECRET,
    NOTIFY_ALLOW_PRIVATE: '1',
    NOTIFY_DEFAULT: `slack:${receiver.url}/slack/services/${ROBOT_KEY}`,
  });
  app = createApp({ config: stack.config, cos: stack.cos, logger: createLogger('silent') });
});
afterAll(async () => {
  await stack?.close();
  await receiver?.close();
});

function call(method: string, route: string, body?: unknown, appUnderTest = app) {
  return adminCall(appUnderTest, ADMIN_TOKEN, method, route, body);
}

async function settled(id: string, n: number) {
  for (let i = 0; i < 100; i++) {
    const got = LinkNotificationsResponse.parse(
      (await call('GET', `/admin/links/${id}/notifications`)).json,
    );
    if (
      got.deliveries.filter((d) => d.status === 'delivered' || d.status === 'failed').length >= n
    ) {
      return got;
    }
    // Under the admin API's rate limit (5 calls a second), however long a loaded machine takes.
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('deliveries did not settle');
}

describe('admin API: notifications', () => {
  it('creates a link with targets, keeps them out of the token, shows them masked, sends a test event', async () => {
    const created = await call('POST', '/admin/links', {
      title: 'Reports',
      notify: [
        `${receiver.url}/hook`,
        `wecom:${receiver.url}/cgi-bin/webhook/send?key=${ROBOT_KEY}`,
      ],
      notifyLanguage: 'zh-CN',
    });
    expect(created.status).toBe(201);
    const { link, token, url } = CreateLinkResponse.parse(created.json);
    // The token travels in every contributor's URL: no target, no key in it.
    const claims = Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8');
    expect(claims).not.toContain('hook');
    expect(claims).not.toContain(ROBOT_KEY);
    expect(url).not.toContain(ROBOT_KEY);

    const shown = await call('GET', `/admin/links/${link.id}/notifications`);
    expect(shown.status).toBe(200);
    const view = LinkNotificationsResponse.parse(shown.json);
    expect(view.language).toBe('zh-CN');
    expect(view.targets.map((t) => [t.kind, t.source, t.display])).toEqual([
      ['webhook', 'link', `${receiver.url}/…`],
      ['wecom', 'link', `wecom:${receiver.url}/…wxyz`],
      ['slack', 'default', `slack:${receiver.url}/…wxyz`],
    ]);
    expect(JSON.stringify(shown.json)).not.toContain(ROBOT_KEY);
    expect(view.deliveries).toEqual([]);

    const from = receiver.received.length;
    const test = await call('POST', `/admin/links/${link.id}/notifications/test`);
    expect(test.status).toBe(202);
    const { eventId, targets } = NotifyTestResponse.parse(test.json);
    expect(targets).toBe(3);
    // The receiver answers 200 with no body: the webhook and Slack are delivered; WeCom's
    // robot documents an errcode in the answer, and none came, so that one is not.
    const log = await settled(link.id, 3);
    expect(log.deliveries.map((d) => [d.target.kind, d.status, d.eventId, d.type]).sort()).toEqual([
      ['slack', 'delivered', eventId, 'test'],
      ['webhook', 'delivered', eventId, 'test'],
      ['wecom', 'failed', eventId, 'test'],
    ]);
    const got = receiver.received.slice(from);
    const hook = got.find((r) => r.url === '/hook')!;
    expect(signedWith(hook, WEBHOOK_SECRET)).toBe(true);
    expect(JSON.parse(hook.body)).toMatchObject({
      id: eventId,
      type: 'test',
      link: { id: link.id, title: 'Reports' },
      submission: null,
    });
    const wecom = got.find((r) => r.url.startsWith('/cgi-bin/'))!;
    expect(JSON.parse(wecom.body).markdown.content).toContain('「Reports」的测试消息');
  });

  it('replaces a link’s targets; a link without any refuses a test event', async () => {
    const noDefaults = createApp({
      config: loadConfig({ ...envOf(), NOTIFY_DEFAULT: '' }),
      cos: stack.cos,
      logger: createLogger('silent'),
    });
    const { link } = CreateLinkResponse.parse(
      (await call('POST', '/admin/links', { title: 'Plain' }, noDefaults)).json,
    );
    const none = await call(
      'POST',
      `/admin/links/${link.id}/notifications/test`,
      undefined,
      noDefaults,
    );
    expect(none.status).toBe(400);
    expect(ErrorBody.parse(none.json).error.message).toMatch(/no notification targets/);

    const set = await call(
      'PUT',
      `/admin/links/${link.id}/notifications`,
      { targets: ['mailto:owner@example.com'], language: 'en' },
      noDefaults,
    );
    expect(set.status).toBe(200);
    expect(LinkNotificationsResponse.parse(set.json).targets).toEqual([
      expect.objectContaining({
        kind: 'email',
        display: 'mailto:owner@example.com',
        source: 'link',
      }),
    ]);
    expect((await call('GET', '/admin/links/AAAAAAAAAAAAAAAAAAAAAA/notifications')).status).toBe(
      404,
    );
  });

  it('refuses bad targets with every problem named, without repeating any key', async () => {
    const r = await call('POST', '/admin/links', {
      title: 'Bad',
      notify: [
        'ftp://example.com',
        `wecom:https://user:${ROBOT_KEY}@example.com/`,
        'mailto:nobody',
      ],
    });
    expect(r.status).toBe(400);
    const { error } = ErrorBody.parse(r.json);
    expect(error.code).toBe('invalid-request');
    const problems = (error.details as { problems: string[] }).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^Notification target 1: /);
    expect(problems[1]).toMatch(/user name or password/);
    expect(problems[2]).toMatch(/one email address/);
    expect(JSON.stringify(r.json)).not.toContain(ROBOT_KEY);
    // Nothing was created.
    const listed = (await call('GET', '/admin/links')).json as { links: Array<{ title: string }> };
    expect(listed.links.map((l) => l.title)).not.toContain('Bad');
  });

  it('needs WEBHOOK_SECRET for webhook targets, and refuses private ones without NOTIFY_ALLOW_PRIVATE', async () => {
    const strict = createApp({
      config: loadConfig({
        ...envOf(),
        WEBHOOK_SECRET: '',
        NOTIFY_ALLOW_PRIVATE: '',
        NOTIFY_DEFAULT: '',
      }),
      cos: stack.cos,
      logger: createLogger('silent'),
    });
    const r = await call(
      'POST',
      '/admin/links',
      { notify: ['https://hooks.example.com/x', `${receiver.url}/x`, 'https://127.0.0.1/x'] },
      strict,
    );
    const problems = (ErrorBody.parse(r.json).error.details as { problems: string[] }).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^Notification target 2: .*must start with https:\/\//),
      expect.stringMatching(/^Notification target 3: .*points to a loopback address/),
      expect.stringMatching(/^Webhook targets need WEBHOOK_SECRET/),
    ]);
  });
});

function envOf(): Record<string, string> {
  return {
    PORT: '0',
    ...stackEnv(stack),
    ADMIN_TOKEN,
    WEBHOOK_SECRET,
    NOTIFY_ALLOW_PRIVATE: '1',
    LOG_LEVEL: 'silent',
  };
}
