import { describe, expect, it } from 'vitest';
import { displayTarget, formatTarget, parseTarget, targetId } from './notify-target';

const strict = { allowPrivate: false };
const local = { allowPrivate: true };
const KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';

function ok(spec: string, opts = strict) {
  const parsed = parseTarget(spec, opts);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.target;
}

function refused(spec: string, opts = strict): string {
  const parsed = parseTarget(spec, opts);
  if (parsed.ok) throw new Error(`accepted ${spec}`);
  return parsed.message;
}

describe('notification targets', () => {
  it('parses each kind', () => {
    expect(ok('https://hooks.example.com/portal')).toEqual({
      kind: 'webhook',
      url: 'https://hooks.example.com/portal',
    });
    expect(ok(`wecom:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`)).toEqual({
      kind: 'wecom',
      url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`,
    });
    expect(
      ok('dingtalk:https://oapi.dingtalk.com/robot/send?access_token=abc#SECdeadbeef01'),
    ).toEqual({
      kind: 'dingtalk',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
      secret: 'SECdeadbeef01',
    });
    expect(ok('dingtalk:https://oapi.dingtalk.com/robot/send?access_token=abc')).toMatchObject({
      secret: null,
    });
    expect(ok('feishu:https://open.feishu.cn/open-apis/bot/v2/hook/xyz#s3cretvalue')).toEqual({
      kind: 'feishu',
      url: 'https://open.feishu.cn/open-apis/bot/v2/hook/xyz',
      secret: 's3cretvalue',
    });
    expect(ok('slack:https://hooks.slack.com/services/T0/B0/XXXX')).toMatchObject({
      kind: 'slack',
    });
    expect(ok('mailto:owner@example.com')).toEqual({ kind: 'email', address: 'owner@example.com' });
  });

  it('round-trips through the stored form, and the id depends on the whole target', () => {
    for (const spec of [
      'https://hooks.example.com/portal',
      'dingtalk:https://oapi.dingtalk.com/robot/send?access_token=abc#SECdeadbeef01',
      'mailto:owner@example.com',
    ]) {
      expect(formatTarget(ok(formatTarget(ok(spec))))).toBe(formatTarget(ok(spec)));
    }
    const a = ok('dingtalk:https://oapi.dingtalk.com/robot/send?access_token=abc#SECdeadbeef01');
    const b = ok('dingtalk:https://oapi.dingtalk.com/robot/send?access_token=abc#SECdeadbeef02');
    expect(targetId(a)).not.toBe(targetId(b));
    expect(targetId(a)).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('refuses with a reason and an example, never repeating the key', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['ftp://example.com/x', /https:\/\/ address or start with wecom:/],
      [`http://qyapi.weixin.qq.com/x?key=${KEY}`, /must start with https:\/\//],
      [`wecom:http://qyapi.weixin.qq.com/x?key=${KEY}`, /must start with https:\/\//],
      [`https://user:${KEY}@example.com/`, /user name or password/],
      [`slack:https://hooks.slack.com/services/${KEY}#x`, /take no "#" part/],
      ['dingtalk:https://oapi.dingtalk.com/robot/send?access_token=a#short', /8 to 200/],
      ['mailto:not-an-address', /one email address/],
      ['mailto:a@example.com,b@example.com', /one email address/],
      ['teams:https://example.com/x', /start with wecom:/],
      [`https://x.example.com/${'a'.repeat(2100)}`, /longer than 2048/],
    ];
    for (const [spec, reason] of cases) {
      const message = refused(spec);
      expect(message, spec).toMatch(reason);
      expect(message).toMatch(/Examples: https:\/\/hooks\.example\.com/);
      expect(message).not.toContain(KEY);
    }
  });

  it('refuses private and local hosts unless NOTIFY_ALLOW_PRIVATE', () => {
    for (const spec of [
      'https://127.0.0.1/hook',
      'https://[::1]:8443/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::ffff:127.0.0.1]/x',
      'https://10.0.0.5/x',
      'https://localhost:3000/x',
      'https://api.localhost/x',
      'wecom:https://192.168.1.10/cgi-bin/webhook/send?key=abc',
    ]) {
      expect(refused(spec), spec).toMatch(/only public addresses are allowed/);
      expect(ok(spec, local).kind).not.toBe('email');
    }
    expect(ok('http://127.0.0.1:9999/hook', local)).toMatchObject({ kind: 'webhook' });
  });

  it('shows the host and a masked key, never the key', () => {
    const wecom = ok(`wecom:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`);
    expect(displayTarget(wecom)).toBe('wecom:https://qyapi.weixin.qq.com/…5aaa');
    const ding = ok(
      'dingtalk:https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef#SECdeadbeef01',
    );
    expect(displayTarget(ding)).toBe('dingtalk:https://oapi.dingtalk.com/…cdef (signed)');
    expect(displayTarget(ding)).not.toContain('SEC');
    expect(displayTarget(ok('https://hooks.example.com/'))).toBe('https://hooks.example.com');
    expect(displayTarget(ok('https://hooks.example.com/a'))).toBe('https://hooks.example.com/…');
    expect(displayTarget(ok('mailto:owner@example.com'))).toBe('mailto:owner@example.com');
  });
});
