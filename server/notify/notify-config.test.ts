import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { defaultMailFrom } from './notify-config';

const BASE = {
  COS_SECRET_ID: 'id',
  COS_SECRET_KEY: 'key',
  COS_BUCKET: 'portal-1250000000',
  COS_REGION: 'ap-guangzhou',
  LINK_SECRET: 'l'.repeat(40),
};
const SECRET = 's'.repeat(32);

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...BASE, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('notification settings', () => {
  it('defaults to no targets, no SMTP, public addresses only', () => {
    expect(loadConfig(BASE).notify).toEqual({
      defaults: [],
      webhookSecrets: [],
      smtpUrl: null,
      mailFrom: null,
      allowPrivate: false,
      pollSeconds: 10,
    });
  });

  it('reads every setting', () => {
    const { notify } = loadConfig({
      ...BASE,
      NOTIFY_DEFAULT:
        'https://hooks.example.com/a, mailto:owner@example.com\nslack:https://hooks.slack.com/services/x',
      WEBHOOK_SECRET: `${SECRET}, ${'o'.repeat(40)}`,
      SMTP_URL: 'smtps://user:pw@smtp.example.com:465',
      MAIL_FROM: 'Portal <portal@example.com>',
      NOTIFY_ALLOW_PRIVATE: '1',
      NOTIFY_POLL_SECONDS: '3',
    });
    expect(notify.defaults.map((t) => t.kind)).toEqual(['webhook', 'email', 'slack']);
    expect(notify.webhookSecrets).toEqual([SECRET, 'o'.repeat(40)]);
    expect(notify).toMatchObject({
      smtpUrl: 'smtps://user:pw@smtp.example.com:465',
      mailFrom: 'Portal <portal@example.com>',
      allowPrivate: true,
      pollSeconds: 3,
    });
  });

  it('reports each problem in plain words, never repeating a secret', () => {
    const found = problems({
      NOTIFY_DEFAULT: 'https://hooks.example.com/a,https://10.0.0.1/x,mailto:nobody',
      WEBHOOK_SECRET: 'short-secret-value',
      SMTP_URL: 'http://user:very-secret-password@smtp.example.com',
      MAIL_FROM: 'not an address',
      NOTIFY_ALLOW_PRIVATE: 'maybe',
      NOTIFY_POLL_SECONDS: '0',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'NOTIFY_ALLOW_PRIVATE must be 1 or 0 (got "maybe")',
        expect.stringMatching(/^NOTIFY_DEFAULT entry 2: .*private address/),
        expect.stringMatching(/^NOTIFY_DEFAULT entry 3: .*one email address/),
        expect.stringMatching(/^WEBHOOK_SECRET: secret 1 must be at least 32 characters long/),
        expect.stringMatching(/^WEBHOOK_SECRET is required when NOTIFY_DEFAULT has a webhook/),
        expect.stringMatching(/^SMTP_URL must look like smtp:\/\//),
        expect.stringMatching(/^MAIL_FROM must be an address/),
        'NOTIFY_POLL_SECONDS must be a whole number from 1 to 300 (got "0")',
      ]),
    );
    expect(found.join('\n')).not.toContain('very-secret-password');
    expect(found.join('\n')).not.toContain('short-secret-value');
  });

  it('needs no WEBHOOK_SECRET for chat and email targets', () => {
    expect(
      problems({ NOTIFY_DEFAULT: 'mailto:o@example.com,slack:https://hooks.slack.com/services/x' }),
    ).toEqual([]);
  });

  it('sends from the portal’s host by default', () => {
    expect(defaultMailFrom('https://upload.example.com')).toBe(
      'Upload portal <notifications@upload.example.com>',
    );
    expect(defaultMailFrom('http://127.0.0.1:8080')).toBe(
      'Upload portal <notifications@localhost>',
    );
  });
});
