import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature';

const NEW = 'n'.repeat(40);
const OLD = 'o'.repeat(40);
const body = '{"id":"x","type":"test"}';
const now = Date.UTC(2026, 0, 2, 3, 4, 5);

describe('webhook signature', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>, one v1 per secret', () => {
    const header = signWebhook([NEW, OLD], body, now);
    const t = Math.floor(now / 1000);
    const hex = (s: string) => createHmac('sha256', s).update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${hex(NEW)},v1=${hex(OLD)}`);
  });

  it('verifies with any of the secrets, within the tolerance, for this body only', () => {
    const header = signWebhook([NEW, OLD], body, now);
    expect(verifyWebhook(header, body, [NEW], now)).toBe(true);
    expect(verifyWebhook(header, body, [OLD], now + 299_000)).toBe(true);
    expect(verifyWebhook(header, body, ['x'.repeat(40)], now)).toBe(false);
    expect(verifyWebhook(header, `${body} `, [NEW], now)).toBe(false);
    expect(verifyWebhook(header, body, [NEW], now + 301_000)).toBe(false);
    expect(verifyWebhook(header, body, [NEW], now - 301_000)).toBe(false);
    expect(verifyWebhook(undefined, body, [NEW], now)).toBe(false);
    expect(verifyWebhook('v1=abc', body, [NEW], now)).toBe(false);
  });
});
