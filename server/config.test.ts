import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, withBoundPort } from './config';

const SECRET = 'x'.repeat(32);
const base = {
  COS_SECRET_ID: 'AKIDtest',
  COS_SECRET_KEY: 'secret-key',
  COS_BUCKET: 'portal-1250000000',
  COS_REGION: 'ap-guangzhou',
  LINK_SECRET: SECRET,
};

function problemsOf(env: Record<string, string | undefined>, devLinkSecret?: string): string[] {
  try {
    loadConfig(env, devLinkSecret === undefined ? {} : { devLinkSecret });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(8080);
    expect(c.host).toBe('127.0.0.1');
    expect(c.publicUrl).toBe('http://127.0.0.1:8080');
    expect(c.portalOrigins).toEqual(['http://127.0.0.1:8080']);
    expect(c.uploadPrefix).toBe('uploads/');
    expect(c.urlTtlSeconds).toBe(900);
    expect(c.multipartThreshold).toBe(64 * 1024 * 1024);
    expect(c.multipartPartSize).toBe(8 * 1024 * 1024);
    expect(c.allowSmallParts).toBe(false);
    expect(c.cos.domain).toBeNull();
    expect(c.dataDir).toBe('.data');
    expect(c.adminToken).toBeNull();
    expect(c.logLevel).toBe('info');
    expect(c.linkKeys.active).toEqual({ kid: 'k0', secret: SECRET });
    expect(c.usingDevLinkSecret).toBe(false);
    expect(c.distDir).toMatch(/dist$/);
    expect(c.statePrefix).toBe('.portal/');
    expect(c.stateCacheSeconds).toBe(5);
    expect(c.rateLimits).toEqual({ perIp: 200, perLink: 400, burstSeconds: 10 });
    expect(c.trustProxy).toBe(false);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      ...base,
      PORT: '9001',
      HOST: '127.0.0.2',
      PUBLIC_URL: 'https://upload.example.com/',
      COS_DOMAIN: 'http://127.0.0.1:9000/',
      UPLOAD_PREFIX: 'in/box/',
      URL_TTL_SECONDS: '60',
      MULTIPART_THRESHOLD: '1000',
      MULTIPART_PART_SIZE: String(1024 * 1024),
      ALLOW_SMALL_PARTS: '1',
      PORTAL_ORIGINS: 'https://a.example.com, https://b.example.com:8443/',
      DATA_DIR: '/tmp/x',
      ADMIN_TOKEN: 'a'.repeat(16),
      LOG_LEVEL: 'WARN',
      STATE_PREFIX: 'state/portal/',
      STATE_CACHE_SECONDS: '30',
      RATE_LIMIT_IP_PER_SECOND: '5',
      RATE_LIMIT_LINK_PER_SECOND: '0',
      RATE_LIMIT_BURST_SECONDS: '3',
      TRUST_PROXY: '1',
    });
    expect(c.port).toBe(9001);
    expect(c.host).toBe('127.0.0.2');
    expect(c.publicUrl).toBe('https://upload.example.com');
    expect(c.cos.domain).toBe('http://127.0.0.1:9000');
    expect(c.uploadPrefix).toBe('in/box/');
    expect(c.urlTtlSeconds).toBe(60);
    expect(c.multipartThreshold).toBe(1000);
    expect(c.multipartPartSize).toBe(1024 * 1024);
    expect(c.allowSmallParts).toBe(true);
    expect(c.portalOrigins).toEqual(['https://a.example.com', 'https://b.example.com:8443']);
    expect(c.dataDir).toBe('/tmp/x');
    expect(c.adminToken).toBe('a'.repeat(16));
    expect(c.logLevel).toBe('warn');
    expect(c.statePrefix).toBe('state/portal/');
    expect(c.stateCacheSeconds).toBe(30);
    expect(c.rateLimits).toEqual({ perIp: 5, perLink: 0, burstSeconds: 3 });
    expect(c.trustProxy).toBe(true);
  });

  it('keeps the state prefix out of reach of upload keys', () => {
    for (const [state, upload] of [
      ['uploads/', 'uploads/'],
      ['uploads/state/', 'uploads/'],
      ['.portal/', '.portal/in/'],
    ]) {
      expect(problemsOf({ ...base, STATE_PREFIX: state, UPLOAD_PREFIX: upload })).toEqual([
        `STATE_PREFIX ("${state}") and UPLOAD_PREFIX ("${upload}") must not contain one another`,
      ]);
    }
    // Siblings sharing leading characters are fine: keys are compared by whole prefix.
    expect(
      loadConfig({ ...base, STATE_PREFIX: 'up/', UPLOAD_PREFIX: 'uploads/' }).statePrefix,
    ).toBe('up/');
    expect(problemsOf({ ...base, STATE_PREFIX: '../x/' })[0]).toContain('STATE_PREFIX must be');
    expect(problemsOf({ ...base, STATE_CACHE_SECONDS: '31' })[0]).toContain(
      'STATE_CACHE_SECONDS must be a whole number from 0 to 30',
    );
  });

  it('lists every problem at once, in plain words', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      COS_BUCKET: 'NoAppId',
      COS_REGION: 'AP Guangzhou',
      URL_TTL_SECONDS: '0',
      PORTAL_ORIGINS: 'https://ok.example.com,*,https://x.example.com/path',
      LOG_LEVEL: 'loud',
      UPLOAD_PREFIX: '../escape/',
    });
    const text = problems.join('\n');
    expect(text).toContain('PORT must be a whole number');
    expect(text).toContain('COS_SECRET_ID is required');
    expect(text).toContain('COS_SECRET_KEY is required');
    expect(text).toContain(
      'COS_BUCKET must be a bucket name like "name-1250000000" (got "NoAppId")',
    );
    expect(text).toContain('COS_REGION must be');
    expect(text).toContain('URL_TTL_SECONDS must be a whole number from 1');
    expect(text).toContain(
      'PORTAL_ORIGINS entries must be exact origins like https://portal.example.com (got "*")',
    );
    expect(text).toContain('(got "https://x.example.com/path")');
    expect(text).toContain('LOG_LEVEL must be one of');
    expect(text).toContain('UPLOAD_PREFIX must be relative');
    expect(text).toContain('LINK_SECRET is required');
    expect(problems.length).toBe(11);
    // The thrown message carries the same list, one problem per line.
    expect(() => loadConfig({})).toThrow(/Invalid configuration:\n {2}- /);
  });

  it('enforces the part size floor unless small parts are allowed', () => {
    expect(problemsOf({ ...base, MULTIPART_PART_SIZE: String(4 * 1024 * 1024) })).toEqual([
      'MULTIPART_PART_SIZE must be at least 5 MiB (5242880); set ALLOW_SMALL_PARTS=1 for tests only',
    ]);
    expect(
      loadConfig({ ...base, MULTIPART_PART_SIZE: String(1024 * 1024), ALLOW_SMALL_PARTS: '1' })
        .multipartPartSize,
    ).toBe(1024 * 1024);
    expect(
      problemsOf({ ...base, MULTIPART_PART_SIZE: String(1024 * 1024 - 1), ALLOW_SMALL_PARTS: '1' }),
    ).toEqual([`MULTIPART_PART_SIZE must be at least 1 MiB (1048576), COS's smallest part`]);
    expect(problemsOf({ ...base, ALLOW_SMALL_PARTS: 'maybe' })[0]).toContain('ALLOW_SMALL_PARTS');
  });

  it('validates link keys: secret length, LINK_KEYS format, not both', () => {
    expect(problemsOf({ ...base, LINK_SECRET: 'short' })).toEqual([
      'LINK_SECRET must be at least 32 characters long',
    ]);
    expect(problemsOf({ ...base, LINK_KEYS: `a:${SECRET}` })).toEqual([
      'set either LINK_SECRET or LINK_KEYS, not both',
    ]);
    const noSecret = { ...base, LINK_SECRET: undefined };
    expect(problemsOf({ ...noSecret, LINK_KEYS: `a:${SECRET},a:${SECRET}` })).toEqual([
      'LINK_KEYS has the key id "a" twice',
    ]);
    expect(problemsOf({ ...noSecret, LINK_KEYS: `a:short` })[0]).toContain('at least 32');
    expect(problemsOf({ ...noSecret, LINK_KEYS: `bad kid!:${SECRET}` })[0]).toContain('kid:secret');

    const c = loadConfig({ ...noSecret, LINK_KEYS: `new:${'n'.repeat(40)}, old:${SECRET}` });
    expect(c.linkKeys.active.kid).toBe('new');
    expect([...c.linkKeys.byKid.keys()]).toEqual(['new', 'old']);
  });

  it('accepts a dev link secret only when none is configured', () => {
    const noSecret = { ...base, LINK_SECRET: undefined };
    expect(problemsOf(noSecret)[0]).toContain('LINK_SECRET is required');
    const dev = loadConfig(noSecret, { devLinkSecret: 'd'.repeat(32) });
    expect(dev.usingDevLinkSecret).toBe(true);
    expect(dev.linkKeys.active.secret).toBe('d'.repeat(32));
    // A configured secret always wins over the dev one.
    const real = loadConfig(base, { devLinkSecret: 'd'.repeat(32) });
    expect(real.usingDevLinkSecret).toBe(false);
    expect(real.linkKeys.active.secret).toBe(SECRET);
  });

  it('treats blank variables as unset', () => {
    const c = loadConfig({ ...base, PORT: '', COS_DOMAIN: '  ', PORTAL_ORIGINS: '' });
    expect(c.port).toBe(8080);
    expect(c.cos.domain).toBeNull();
    expect(c.portalOrigins).toEqual(['http://127.0.0.1:8080']);
  });

  it('fixes defaults that follow the port once it is bound', () => {
    const c = withBoundPort(loadConfig({ ...base, PORT: '0' }), 41234);
    expect(c.publicUrl).toBe('http://127.0.0.1:41234');
    expect(c.portalOrigins).toEqual(['http://127.0.0.1:41234']);
    const fixed = withBoundPort(
      loadConfig({ ...base, PORT: '0', PUBLIC_URL: 'https://up.example.com' }),
      41234,
    );
    expect(fixed.publicUrl).toBe('https://up.example.com');
    expect(fixed.portalOrigins).toEqual(['https://up.example.com']);
  });
});
