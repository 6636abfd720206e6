import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminLinkResponse } from '../../protocol/admin';
import { ErrorBody, LinkInfoResponse } from '../../protocol/schemas';
import type { Hono } from 'hono';
import { ConfigError, loadConfig } from '../config';
import { createApp } from '../http/app';
import { createLogger } from '../log/logger';
import { LinkState } from '../state/link-state';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';
import { verifyLinkToken } from './link-token';
import type { LinkClaims } from './link-types';
import { claimsToWire, createLinkClaims } from './link-types';
import { sealToken } from './signed-token';

/**
 * Embed origins are exact origins (docs/embedding.md): scheme, host and port. They end up in
 * `frame-ancestors`, where `https://*.example.org` is a wildcard that lets every subdomain
 * frame the page, so the rule is enforced where links are made (CLI, admin API and the
 * demo link all come through createLinkClaims) and again where tokens are read.
 */
const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
let stack: TestStack;
let app: Hono;
let state: LinkState;

beforeAll(async () => {
  stack = await startTestStack({ ADMIN_TOKEN, PORTAL_ORIGINS: 'https://portal.example.com' });
  state = new LinkState({
    cos: stack.cos,
    statePrefix: stack.config.statePrefix,
    cacheSeconds: 0,
    now: Date.now,
  });
  app = createApp({ config: stack.config, cos: stack.cos, logger: createLogger('silent'), state });
  await mkdir(stack.config.distDir, { recursive: true });
  await writeFile(path.join(stack.config.distDir, 'index.html'), '<!doctype html><head></head>');
});
afterAll(async () => {
  await stack?.close();
});

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

/** A token as a signer before this rule minted it: the claims sealed without validation. */
function legacyToken(embedOrigins: string[]): { token: string; claims: LinkClaims } {
  const claims = { ...createLinkClaims({ title: 'old' }, stack.config.uploadPrefix), embedOrigins };
  return { token: sealToken(stack.config.linkKeys, '', claimsToWire(claims)), claims };
}

describe('minting a link', () => {
  it.each([
    ['https://*.example.org', 'wildcard'],
    ['https://forms.example.org/apply', 'path'],
    ['https://me:pw@forms.example.org', 'user name or password'],
    ['https://forms.example.org?x=1', 'query'],
    ['forms.example.org', 'web address'],
  ])('refuses %j with a sentence naming it and an example', (origin, why) => {
    const err = errorOf(() =>
      createLinkClaims({ embedOrigins: ['https://ok.example.org', origin] }, 'uploads/'),
    );
    // A sentence, not a dump: the entry, what is wrong with it, and a valid example.
    expect(err.message).toContain(origin);
    expect(err.message).toContain(why);
    expect(err.message).toContain('https://forms.example.org');
    expect(err.message).not.toContain('"code"');
  });

  it('stores origins the way browsers report them', () => {
    const claims = createLinkClaims(
      { embedOrigins: ['https://Forms.Example.org/', 'https://forms.example.org:443'] },
      'uploads/',
    );
    expect(claims.embedOrigins).toEqual(['https://forms.example.org']);
  });

  it('refuses a wildcard through the admin API with a sentence', async () => {
    const res = await app.request('/api/v1/admin/links', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ embedOrigins: ['https://*.example.org'] }),
    });
    expect(res.status).toBe(400);
    const error = ErrorBody.parse(await res.json()).error;
    expect(error.code).toBe('invalid-request');
    expect(JSON.stringify(error)).toContain('wildcard');
  });
});

describe('a token minted before the rule', () => {
  it('still opens, but no origin that breaks the rule may frame or hear it', async () => {
    const { token } = legacyToken(['https://*.example.org', 'https://ok.example.org']);
    const verified = verifyLinkToken(stack.config.linkKeys, token, Date.now());
    expect(verified).toMatchObject({
      ok: true,
      link: { embedOrigins: ['https://ok.example.org'] },
    });

    const page = await app.request(`/embed/${token}`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors https://ok.example.org;');
    expect(csp).not.toContain('*.example.org');
    expect(await page.text()).not.toContain('*.example.org');

    const info = await app.request('/api/v1/link', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(LinkInfoResponse.parse(await info.json()).link.embedOrigins).toEqual([
      'https://ok.example.org',
    ]);
  });

  it('with only bad origins may be framed by nobody', async () => {
    const { token } = legacyToken(['https://*.example.org']);
    const csp = (await app.request(`/embed/${token}`)).headers.get('content-security-policy');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('stays listed, shown and revocable by its owner', async () => {
    const { token, claims } = legacyToken(['https://*.example.org']);
    await state.register({
      v: 1,
      createdAt: Date.now(),
      kid: stack.config.linkKeys.active.kid,
      claims,
    });
    const headers = { Authorization: `Bearer ${ADMIN_TOKEN}` };
    const shown = await app.request(`/api/v1/admin/links/${claims.id}`, { headers });
    expect(shown.status).toBe(200);
    expect(AdminLinkResponse.parse(await shown.json()).link.embedOrigins).toEqual([]);
    const revoked = await app.request(`/api/v1/admin/links/${claims.id}/revoke`, {
      method: 'POST',
      headers,
    });
    expect(revoked.status).toBe(200);
    const after = await app.request('/api/v1/link', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(410);
  });
});

describe('PORTAL_ORIGINS', () => {
  it('follows the same rule, with the reason in the message', () => {
    const err = errorOf(() =>
      loadConfig({
        COS_SECRET_ID: 'AKIDtest',
        COS_SECRET_KEY: 'secret-key',
        COS_BUCKET: 'portal-1250000000',
        COS_REGION: 'ap-guangzhou',
        LINK_SECRET: 'x'.repeat(32),
        PORTAL_ORIGINS: 'https://portal.example.com,https://*.example.org',
      }),
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.join('\n')).toContain(
      '(got "https://*.example.org"): wildcards (*) are not allowed',
    );
  });
});
