/**
 * The owner's notifications on /admin, on the real stack (`npm start` with a webhook secret,
 * private addresses allowed for this local receiver): targets set in the create form, shown
 * masked in the link's details, "Send a test event" reaches a local receiver with a valid
 * signature and the delivery log says so; keyboard only, axe clean, in both languages.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { verifyWebhook } from '../server/notify/webhook-signature';
import type { Receiver } from '../server/notify/test-receiver';
import { startReceiver } from '../server/notify/test-receiver';
import { chooseLanguage } from './people-helpers';
import { expect, test } from './support/fixtures';
import type { LaunchedStack } from './support/launch-stack';
import { launchStack } from './support/launch-stack';

const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789abcdefghij';
const KEY = 'e2e-robot-key-0123456789abcdef';

let own: LaunchedStack;
let receiver: Receiver;

test.beforeAll(async () => {
  receiver = await startReceiver((req) =>
    req.url.startsWith('/cgi-bin/')
      ? { status: 200, body: '{"errcode":0,"errmsg":"ok"}' }
      : req.url === '/gone'
        ? { status: 410 }
        : { status: 200 },
  );
  own = await launchStack({ WEBHOOK_SECRET, NOTIFY_ALLOW_PRIVATE: '1' });
});
test.afterAll(async () => {
  await own?.stop();
  await receiver?.close();
});

async function openAdmin(page: Page, lang: 'en' | 'zh-CN') {
  await page.goto(`${own.portalUrl}/admin?lang=${lang}`);
  await page.getByTestId('admin-token').fill(own.adminToken);
  await page.getByTestId('admin-token').press('Enter');
}

async function expectAxeClean(page: Page, state: string) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
    state,
  ).toEqual([]);
}

test('targets in the create form, masked in the details, a test event delivered and logged', async ({
  page,
}) => {
  await openAdmin(page, 'en');
  await page.getByLabel('Title', { exact: true }).fill('Notified link');
  await page
    .getByLabel(/^Tell me when files arrive/)
    .fill(`${receiver.url}/hook\nwecom:${receiver.url}/cgi-bin/webhook/send?key=${KEY}`);
  await page.getByTestId('create-link').click();
  await expect(page.getByTestId('created-link')).toBeVisible();

  const row = page.locator('[data-testid="link-row"]', { hasText: 'Notified link' });
  const toggle = row.getByTestId('notify-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const panel = row.getByTestId('notifications-panel');
  await expect(panel.getByTestId('notify-targets')).toContainText(`${receiver.url}/…`);
  await expect(panel.getByTestId('notify-targets')).toContainText(`wecom:${receiver.url}/…cdef`);
  await expect(panel).not.toContainText(KEY);
  await expect(panel).toContainText('Nothing sent yet.');
  await expectAxeClean(page, 'notifications, before the test');

  const from = receiver.received.length;
  await panel.getByTestId('notify-test').focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('status')).toContainText('Test event sent to 2 targets.');
  const log = panel.getByTestId('notify-log');
  await expect(log.locator('tbody tr[data-status="delivered"]')).toHaveCount(2, {
    timeout: 20_000,
  });
  await expect(log).toContainText('Test event');
  await expect(log).toContainText('Delivered (200)');
  await expect(page.locator('body')).not.toContainText(KEY);

  const hook = receiver.received.slice(from).find((r) => r.url === '/hook')!;
  expect(
    verifyWebhook(
      String(hook.headers['portal-signature']),
      hook.body,
      [WEBHOOK_SECRET],
      Date.now(),
    ),
  ).toBe(true);
  expect(JSON.parse(hook.body)).toMatchObject({ type: 'test', link: { title: 'Notified link' } });
  const wecom = receiver.received.slice(from).find((r) => r.url.startsWith('/cgi-bin/'))!;
  // Made in the language of the page the link was created on.
  expect(JSON.parse(wecom.body).markdown.content).toContain('Test message for “Notified link”');
  await expectAxeClean(page, 'notifications, after the test');

  await chooseLanguage(page, 'zh-CN');
  await expect(panel).toContainText('已送达 (200)');
  await expect(panel.getByRole('button', { name: '发送测试事件' })).toBeVisible();
  await expectAxeClean(page, 'notifications in Chinese');

  // On a phone the log scrolls inside its own box; the page itself does not get wider.
  await page.setViewportSize({ width: 360, height: 800 });
  await expect(panel.getByTestId('notify-log')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('in Chinese, a link made there gets its messages in Chinese; a bad target line is marked', async ({
  page,
}) => {
  await openAdmin(page, 'zh-CN');
  const notify = page.getByLabel(/^文件到达时通知我/);
  await page.getByLabel('标题', { exact: true }).fill('中文通知');
  await notify.fill('owner@example.com');
  await page.getByTestId('create-link').click();
  await expect(notify).toHaveAttribute('aria-invalid', 'true');

  await notify.fill(`wecom:${receiver.url}/cgi-bin/webhook/send?key=${KEY}`);
  await page.getByTestId('create-link').click();
  await expect(page.getByTestId('created-link')).toBeVisible();
  const row = page.locator('[data-testid="link-row"]', { hasText: '中文通知' });
  await row.getByTestId('notify-toggle').click();
  const from = receiver.received.length;
  await row.getByTestId('notify-test').click();
  await expect(row.locator('tbody tr[data-status="delivered"]')).toHaveCount(1, {
    timeout: 20_000,
  });
  const wecom = receiver.received.slice(from).find((r) => r.url.startsWith('/cgi-bin/'))!;
  expect(JSON.parse(wecom.body).markdown.content).toContain('「中文通知」的测试消息');
});

test('a delivery the receiver refuses says why, in the language of the page', async ({ page }) => {
  await openAdmin(page, 'en');
  await page.getByLabel('Title', { exact: true }).fill('Refused hook');
  await page.getByLabel(/^Tell me when files arrive/).fill(`${receiver.url}/gone`);
  await page.getByTestId('create-link').click();
  await expect(page.getByTestId('created-link')).toBeVisible();
  const row = page.locator('[data-testid="link-row"]', { hasText: 'Refused hook' });
  await row.getByTestId('notify-toggle').click();
  await row.getByTestId('notify-test').click();
  const failed = row.locator('tbody tr[data-status="failed"]');
  // A 4xx other than 408/429 is not retried: failed at once, with the reason.
  await expect(failed).toHaveCount(1, { timeout: 20_000 });
  await expect(failed).toContainText('Failed (410)');
  await expect(failed).toContainText('The receiver answered HTTP 410.');

  await chooseLanguage(page, 'zh-CN');
  await expect(failed).toContainText('失败 (410)');
  await expect(failed).toContainText('接收方应答 HTTP 410。');
  await expect(failed).not.toContainText('HTTP 410.');
});
