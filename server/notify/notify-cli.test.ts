/**
 * `npm run link -- create --notify …`, `notifications` and `notify-test`, as a person runs them
 * (a child process with the signer's environment), against the emulator and a local receiver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLinkArgs, parseLinkCommand } from '../cli/parse-link-args';
import { LinkState } from '../state/link-state';
import { runScript } from '../testing/run-script';
import { stackEnv } from '../testing/stack-env';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';
import type { Receiver } from './test-receiver';
import { signedWith, startReceiver } from './test-receiver';

const WEBHOOK_SECRET = 'cli-webhook-secret-0123456789abcdefghij';
const KEY = 'cli-robot-key-0123456789abcdefghij';

let stack: TestStack;
let receiver: Receiver;

beforeAll(async () => {
  stack = await startTestStack();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await stack?.close();
});

function cli(args: string[], extra: Record<string, string> = {}) {
  return runScript('server/cli/link-cli.ts', args, {
    DATA_DIR: stack.dataDir,
    ...stackEnv(stack),
    PUBLIC_URL: 'https://up.example.com',
    WEBHOOK_SECRET,
    NOTIFY_ALLOW_PRIVATE: '1',
    ...extra,
  });
}

describe('link CLI: notifications', () => {
  it('parses --notify (repeatable) and --notify-language, and the two commands', () => {
    expect(
      parseLinkArgs([
        '--title',
        'x',
        '--notify',
        'https://a.example.com',
        '--notify=mailto:o@example.com',
        '--notify-language',
        'zh-CN',
      ]),
    ).toMatchObject({
      options: { title: 'x' },
      notify: { targets: ['https://a.example.com', 'mailto:o@example.com'], language: 'zh-CN' },
    });
    expect(parseLinkArgs(['--title', 'x'])).not.toHaveProperty('notify');
    expect(() => parseLinkArgs(['--notify-language', 'fr'])).toThrow(/en or zh-CN/);
    expect(parseLinkCommand(['notify-test', 'abc'])).toEqual({
      command: 'notify-test',
      id: 'abc',
      json: false,
    });
    expect(parseLinkCommand(['notifications', 'abc', '--json'])).toEqual({
      command: 'notifications',
      id: 'abc',
      json: true,
    });
    expect(() => parseLinkCommand(['notify-test'])).toThrow(/needs a link id/);
  });

  it(
    'creates a link with targets, lists them masked, and sends a signed test event',
    { timeout: 120_000 },
    async () => {
      const created = await cli([
        'create',
        '--title',
        'CLI notify',
        '--notify',
        `${receiver.url}/cli-hook`,
        '--notify',
        `wecom:${receiver.url}/cgi-bin/webhook/send?key=${KEY}`,
        '--json',
      ]);
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      const { id, token } = JSON.parse(created.stdout) as { id: string; token: string };
      expect(token).not.toContain(KEY);

      const shown = await cli(['notifications', id]);
      expect(shown.status).toBe(0);
      expect(shown.stdout).toContain(`${receiver.url}/…`);
      expect(shown.stdout).toContain(`wecom:${receiver.url}/…ghij`);
      expect(shown.stdout).not.toContain(KEY);
      expect(shown.stdout).toContain('none yet');

      const from = receiver.received.length;
      const test = await cli(['notify-test', id]);
      const hook = receiver.received.slice(from).find((r) => r.url === '/cli-hook')!;
      expect(signedWith(hook, WEBHOOK_SECRET)).toBe(true);
      expect(test.stdout).toMatch(/^Sent test event \S+ to 2 targets:/);
      expect(test.stdout).toContain(`${receiver.url}/…: delivered (200)`);
      // The receiver is no WeCom robot: it answers without the errcode WeCom documents.
      expect(test.stdout).toContain('failed after 1 attempt: the answer carried no result code');
      expect(test.stdout).not.toContain(KEY);
      expect(test.status).toBe(1);

      const log = await cli(['notifications', id, '--json']);
      const parsed = JSON.parse(log.stdout) as { deliveries: Array<{ status: string }> };
      expect(parsed.deliveries.map((d) => d.status).sort()).toEqual(['delivered', 'failed']);
    },
  );

  it(
    'refuses bad targets with a clear message and creates nothing',
    { timeout: 60_000 },
    async () => {
      const bad = await cli([
        'create',
        '--title',
        'Bad',
        '--notify',
        `dingtalk:https://user:${KEY}@example.com/x#SECsecret1`,
      ]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(
        /Notification target 1: Not a notification target: the dingtalk robot address must not contain a user name or password/,
      );
      expect(bad.stderr).not.toContain(KEY);
      const state = new LinkState({
        cos: stack.cos,
        statePrefix: '.portal/',
        cacheSeconds: 0,
        now: Date.now,
      });
      expect((await state.listRecords()).map((r) => r.claims.title)).not.toContain('Bad');
      const none = await cli(
        ['create', '--title', 'x', '--notify', 'https://hooks.example.com/x'],
        {
          WEBHOOK_SECRET: '',
        },
      );
      expect(none.status).toBe(2);
      expect(none.stderr).toMatch(/Webhook targets need WEBHOOK_SECRET/);
      const offline = await cli(['create', '--no-register', '--notify', 'mailto:o@example.com']);
      expect(offline.stderr).toMatch(/--notify needs the link registered/);
    },
  );
});
