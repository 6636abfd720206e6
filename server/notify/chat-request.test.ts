/**
 * Each chat preset's body against the format its service documents (shapes written out below
 * from the services' robot/bot documentation), its signing recomputed independently, and
 * untrusted text kept from turning into links, HTML or mentions.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ClosedSubmission } from './closed-submission';
import { chatRequest, dingtalkBody, feishuBody, slackBody, wecomBody } from './chat-request';
import { submissionEvent, testEvent } from './notify-event';

const PUBLIC = 'https://upload.example.com';
const NOW = Date.UTC(2026, 4, 6, 7, 8, 9);

function closed(
  overrides: Partial<ClosedSubmission['submission']> = {},
  title = 'Scans',
): ClosedSubmission {
  return {
    link: { id: 'LINKLINKLINKLINKLINK01', title },
    submission: {
      id: 'sub_01',
      uploader: { name: 'Ada Lovelace', email: 'ada@example.com' },
      fields: { 'Student ID': 'S-42' },
      files: [
        {
          key: 'uploads/L/a.pdf',
          name: 'a.pdf',
          size: 1024 * 1024 * 3,
          contentType: 'application/pdf',
          crc64: '123',
        },
        {
          key: 'uploads/L/b.png',
          name: 'scans/b.png',
          size: 2048,
          contentType: 'image/png',
          crc64: '456',
        },
      ],
      failed: [],
      totalBytes: 1024 * 1024 * 3 + 2048,
      startedAt: '2026-05-06T07:00:00.000Z',
      closedAt: '2026-05-06T07:08:00.000Z',
      manifestKey: 'uploads/L/sub_01/manifest.json',
      ...overrides,
    },
  };
}

const en = submissionEvent(closed(), PUBLIC, NOW, 'en');
const zh = submissionEvent(
  { ...closed(), link: { ...closed().link, language: 'zh-CN' } },
  PUBLIC,
  NOW,
  'en',
);

// WeCom group robot, markdown message: {"msgtype":"markdown","markdown":{"content":"…"}},
// content UTF-8, at most 4096 bytes.
const WecomMarkdown = z.strictObject({
  msgtype: z.literal('markdown'),
  markdown: z.strictObject({
    content: z.string().refine((s) => Buffer.byteLength(s, 'utf8') <= 4096, 'over 4096 bytes'),
  }),
});
// DingTalk custom robot, markdown message: {"msgtype":"markdown","markdown":{"title","text"}}.
const DingtalkMarkdown = z.strictObject({
  msgtype: z.literal('markdown'),
  markdown: z.strictObject({ title: z.string().min(1), text: z.string().min(1) }),
});
// Feishu custom bot, rich text: {"msg_type":"post","content":{"post":{"zh_cn"|"en_us":
// {"title","content":[[{"tag":"text","text"} | {"tag":"a","text","href"}]]}}}}, with
// "timestamp" and "sign" beside them when the bot checks signatures.
const FeishuNode = z.union([
  z.strictObject({ tag: z.literal('text'), text: z.string() }),
  z.strictObject({ tag: z.literal('a'), text: z.string(), href: z.string().url() }),
]);
const FeishuLocale = z.strictObject({ title: z.string(), content: z.array(z.array(FeishuNode)) });
const FeishuPost = z.strictObject({
  timestamp: z
    .string()
    .regex(/^\d{10}$/)
    .optional(),
  sign: z.string().optional(),
  msg_type: z.literal('post'),
  content: z.strictObject({
    post: z.union([
      z.strictObject({ zh_cn: FeishuLocale }),
      z.strictObject({ en_us: FeishuLocale }),
    ]),
  }),
});
// Slack incoming webhook: {"text", "blocks":[…]}; section text is mrkdwn, ≤ 3000 characters.
const SlackMessage = z.strictObject({
  text: z.string().min(1),
  blocks: z.array(
    z.union([
      z.strictObject({
        type: z.literal('section'),
        text: z.strictObject({ type: z.literal('mrkdwn'), text: z.string().max(3000) }),
      }),
      z.strictObject({
        type: z.literal('context'),
        elements: z.array(z.strictObject({ type: z.literal('plain_text'), text: z.string() })),
      }),
    ]),
  ),
});

describe('chat presets', () => {
  it('WeCom: a markdown message with the title, who, how many files, total and the admin link', () => {
    const body = WecomMarkdown.parse(wecomBody(en));
    const content = body.markdown.content;
    expect(content).toContain('New submission to “Scans”');
    expect(content).toContain('Ada Lovelace ＜ada@example.com＞');
    expect(content).toContain('2 files (3.0 MB)');
    expect(content).toContain(
      `[Open on the admin page](${PUBLIC}/admin?link=LINKLINKLINKLINKLINK01&submission=sub_01)`,
    );
    expect(WecomMarkdown.parse(wecomBody(zh)).markdown.content).toContain('「Scans」收到新提交');
    expect(WecomMarkdown.parse(wecomBody(zh)).markdown.content).toContain('2 个文件（3.0 MB）');
  });

  it('WeCom: stays within 4096 bytes however many files, keeping the link', () => {
    const files = Array.from({ length: 400 }, (_, i) => ({
      key: `k${i}`,
      name: `${'很长的文件名'.repeat(20)}-${i}.pdf`,
      size: 1,
      contentType: 'application/pdf',
      crc64: '1',
    }));
    const big = submissionEvent(
      closed({ files, totalBytes: 400 }, '标'.repeat(200)),
      PUBLIC,
      NOW,
      'zh-CN',
    );
    const content = WecomMarkdown.parse(wecomBody(big)).markdown.content;
    expect(content).toContain('/admin?link=');
  });

  it('WeCom and Slack: a message long in every part still has the admin link (and WeCom its footer)', () => {
    const long = '很长'.repeat(100);
    const files = Array.from({ length: 8 }, (_, i) => ({
      key: `k${i}`,
      name: `${long}-${i}.pdf`,
      size: 1,
      contentType: 'application/pdf',
      crc64: '1',
    }));
    const fields = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`字段${i}`, long]));
    const big = submissionEvent(
      {
        ...closed(
          { files, failed: files.map((f) => ({ name: f.name })), fields, totalBytes: 8 },
          '标'.repeat(200),
        ),
        link: { id: 'LINKLINKLINKLINKLINK01', title: '标'.repeat(200), language: 'zh-CN' },
      },
      PUBLIC,
      NOW,
      'en',
    );
    const slack = SlackMessage.parse(slackBody(big));
    expect(JSON.stringify(slack.blocks)).toContain('|在管理页查看>');
    const content = WecomMarkdown.parse(wecomBody(big)).markdown.content;
    expect(content).toContain(
      `[在管理页查看](${PUBLIC}/admin?link=LINKLINKLINKLINKLINK01&submission=sub_01)`,
    );
    expect(content).toMatch(/<font color="comment">由上传门户发送。事件 \S+。<\/font>$/);
  });

  it('DingTalk: a markdown message; signed with timestamp and sign in the query', () => {
    const body = DingtalkMarkdown.parse(dingtalkBody(en));
    expect(body.markdown.title).toBe('New submission to “Scans”');
    expect(body.markdown.text).toContain('2 files (3.0 MB)');
    const secret = 'SECabcdef0123456789';
    const req = chatRequest(
      { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=tok', secret },
      en,
      NOW,
    );
    const url = new URL(req.url);
    expect(url.searchParams.get('access_token')).toBe('tok');
    expect(url.searchParams.get('timestamp')).toBe(String(NOW));
    // DingTalk: sign = urlEncode(base64(HmacSHA256(key = secret, "timestamp\nsecret"))).
    const expected = createHmac('sha256', secret).update(`${NOW}\n${secret}`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(req.url).toContain(`sign=${encodeURIComponent(expected)}`);
    expect(DingtalkMarkdown.parse(JSON.parse(req.body))).toEqual(body);
    const unsigned = chatRequest(
      {
        kind: 'dingtalk',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=tok',
        secret: null,
      },
      en,
      NOW,
    );
    expect(new URL(unsigned.url).searchParams.has('sign')).toBe(false);
  });

  it('Feishu: a post (rich text) message in the link’s language; signed in the body', () => {
    const body = FeishuPost.parse(feishuBody(zh));
    expect(Object.keys(body.content.post)).toEqual(['zh_cn']);
    expect(FeishuPost.parse(feishuBody(en)).content.post).toHaveProperty('en_us');
    const secret = 'feishu-secret-1';
    const req = chatRequest(
      { kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret },
      zh,
      NOW,
    );
    const signed = FeishuPost.parse(JSON.parse(req.body));
    const t = Math.floor(NOW / 1000);
    expect(signed.timestamp).toBe(String(t));
    // Feishu: HmacSHA256 keyed with "timestamp\nsecret" over empty data, base64.
    expect(signed.sign).toBe(createHmac('sha256', `${t}\n${secret}`).update('').digest('base64'));
    const link = JSON.stringify(signed.content);
    expect(link).toContain('"tag":"a"');
    expect(link).toContain('/admin?link=');
  });

  it('Slack: text plus a mrkdwn section', () => {
    const body = SlackMessage.parse(slackBody(en));
    expect(body.text).toBe('New submission to “Scans”: 2 files (3.0 MB), stored and verified.');
    expect(JSON.stringify(body.blocks)).toContain('|Open on the admin page>');
  });

  it('untrusted text makes no links, HTML or mentions', () => {
    const evil = submissionEvent(
      closed(
        {
          uploader: { name: '[click](https://evil.example) <@all> <font color="warning">x</font>' },
          files: [
            {
              key: 'k',
              name: '<https://evil.example|bank>\n### fake',
              size: 1,
              contentType: 'x/y',
              crc64: '1',
            },
          ],
        },
        'Scans & <b>co</b>',
      ),
      PUBLIC,
      NOW,
      'en',
    );
    const wecom = wecomBody(evil).markdown.content;
    const ding = dingtalkBody(evil).markdown.text;
    for (const text of [wecom, ding]) {
      expect(text).not.toContain('](https://evil');
      expect(text).not.toContain('<@all>');
      expect(text).not.toContain('<font color="warning">');
      expect(text).not.toMatch(/\n### fake/);
    }
    const slack = JSON.stringify(slackBody(evil));
    expect(slack).not.toContain('<https://evil.example|bank>');
    expect(slack).toContain('&lt;https://evil.example|bank&gt;');
    expect(slack).toContain('&amp; &lt;b&gt;co&lt;/b&gt;');
  });

  it('a test event says it is a test, in both languages', () => {
    const link = { id: 'LINKLINKLINKLINKLINK01', title: 'Scans' };
    expect(wecomBody(testEvent(link, 'en', PUBLIC, NOW)).markdown.content).toContain(
      'Test message for “Scans”',
    );
    expect(wecomBody(testEvent(link, 'zh-CN', PUBLIC, NOW)).markdown.content).toContain(
      '「Scans」的测试消息',
    );
  });
});
