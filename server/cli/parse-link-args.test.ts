import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { linkKeySet } from '../links/link-keys';
import { verifyLinkToken } from '../links/link-token';
import { parseDuration, parseLinkArgs, parseSize } from './parse-link-args';

describe('link CLI arguments', () => {
  it('parses sizes and durations', () => {
    expect(parseSize('500')).toBe(500);
    expect(parseSize('500MB')).toBe(500_000_000);
    expect(parseSize('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseSize('1.5 KiB')).toBe(1536);
    expect(() => parseSize('lots')).toThrow(/not a size/);
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('30m')).toBe(1800);
    expect(parseDuration('7d')).toBe(604_800);
    expect(() => parseDuration('0h')).toThrow();
    expect(() => parseDuration('1w')).toThrow();
  });

  it('maps every option', () => {
    expect(
      parseLinkArgs([
        '--title',
        'Scans',
        '--message=Hello',
        '--expires',
        '12h',
        '--max-file-size',
        '2GiB',
        '--max-total',
        '10GB',
        '--max-files',
        '20',
        '--types',
        'image/*, .pdf',
        '--embed-origins',
        'https://a.example.com',
        '--json',
      ]),
    ).toEqual({
      json: true,
      options: {
        title: 'Scans',
        message: 'Hello',
        expiresInSeconds: 43_200,
        maxFileSize: 2 * 1024 ** 3,
        maxTotalBytes: 10e9,
        maxFiles: 20,
        allowedTypes: ['image/*', '.pdf'],
        embedOrigins: ['https://a.example.com'],
      },
    });
    expect(() => parseLinkArgs(['--bogus', 'x'])).toThrow(/unknown option/);
    expect(() => parseLinkArgs(['--title'])).toThrow(/needs a value/);
  });

  it('prints a link the signer accepts', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const secret = 'cli-test-secret-'.padEnd(40, 'z');
    const out = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli/link-cli.ts', '--title', 'CLI', '--expires', '1h', '--json'],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          LINK_SECRET: secret,
          PUBLIC_URL: 'https://up.example.com',
        },
        encoding: 'utf8',
      },
    );
    expect(out.status).toBe(0);
    const { token, url } = JSON.parse(out.stdout) as { token: string; url: string };
    expect(url).toBe(`https://up.example.com/u/${token}`);
    const verified = verifyLinkToken(linkKeySet([{ kid: 'k0', secret }]), token, Date.now());
    expect(verified.ok && verified.link.title).toBe('CLI');
  });
});
