/**
 * Embedding, end to end on two loopback sites: host pages (the demo host, on
 * `http://localhost:<port>`) embed upload links of the portal (`http://127.0.0.1:<port>`) with
 * the real loader, the real portal and signer, and the COS emulator. The bucket's CORS allows
 * the portal only: uploads go from the iframe, whose origin is the portal's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startDemoHost, type DemoHost } from '../demo-host/serve-demo-host';
import type { PortalEvent } from '../protocol/embed-messages';
import { linkKeySet } from '../server/links/link-keys';
import { mintLinkToken } from '../server/links/link-token';
import { createLinkClaims, type LinkOptions } from '../server/links/link-types';
import { readObject } from './support/cos';
import { expect, test } from './support/fixtures';
import type { StackInfo } from './support/launch-stack';

const hosts: DemoHost[] = [];
test.afterAll(async () => {
  await Promise.all(hosts.map((host) => host.close()));
});

/** A link for the running stack, minted with its dev secret (as `npm run link` would). */
function mint(stack: StackInfo, options: LinkOptions): string {
  const secret = readFileSync(path.join(stack.dataDir, 'dev-link-secret'), 'utf8').trim();
  const claims = createLinkClaims(options, 'uploads/');
  return `${stack.portalUrl}/u/${mintLinkToken(linkKeySet([{ kid: 'k0', secret }]), claims)}`;
}

async function host(stack: StackInfo, linkFor: (origin: string) => string): Promise<DemoHost> {
  const started = await startDemoHost({ portalUrl: stack.portalUrl, linkFor });
  hosts.push(started);
  return started;
}

/** Every message the host window receives, whoever sent it, recorded before any script runs. */
async function recordMessages(page: Page) {
  await page.addInitScript(() => {
    if (window !== window.top) return;
    const seen: Array<{ origin: string; data: unknown }> = [];
    (window as unknown as { __messages: typeof seen }).__messages = seen;
    window.addEventListener('message', (event) =>
      seen.push({ origin: event.origin, data: event.data }),
    );
  });
}

const messages = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __messages: Array<{ origin: string; data: unknown }> }).__messages,
  );
const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { demoEvents: PortalEvent[] }).demoEvents);

/**
 * Inside the portal's frame only: storage and cookies throw, as browsers that block or
 * partition third-party storage may do. Uploads must not need them.
 */
async function blockFrameStorage(page: Page, portalOrigin: string) {
  await page.addInitScript((origin) => {
    if (window === window.top || location.origin !== origin) return;
    const blocked = () => {
      throw new DOMException('third-party storage is blocked', 'SecurityError');
    };
    for (const name of ['localStorage', 'sessionStorage', 'indexedDB']) {
      Object.defineProperty(window, name, { get: blocked, configurable: true });
    }
    Object.defineProperty(Document.prototype, 'cookie', {
      get: blocked,
      set: blocked,
      configurable: true,
    });
  }, portalOrigin);
}

const FILES = [
  { name: 'budget.csv', mimeType: 'text/csv', buffer: Buffer.from('item,amount\nlab,1200\n') },
  { name: '推荐信.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 letter\n') },
  { name: 'cv <b>draft</b>.txt', mimeType: 'text/plain', buffer: Buffer.alloc(300_000, 'c') },
];

test('an allowed host sees every upload as events, in order, with keys, sizes and its metadata', async ({
  page,
  stack,
}) => {
  const portal = new URL(stack.portalUrl).origin;
  const demo = await host(stack, (origin) =>
    mint(stack, { title: 'Grant documents', embedOrigins: [origin] }),
  );
  await recordMessages(page);
  await blockFrameStorage(page, portal);
  await page.goto(demo.url);

  const iframe = page.locator('#upload iframe');
  await expect(iframe).toHaveAttribute('title', 'Upload your documents');
  const frame = page.frameLocator('#upload iframe');
  await expect(frame.getByTestId('file-input')).toBeAttached();
  await expect.poll(async () => (await events(page)).map((e) => e.type)).toContain('metadata-set');

  // The host's form fields become the next files' metadata (sent as set-metadata).
  await page.getByLabel('Applicant').fill('Grace Hopper 霍珀');
  await page.getByLabel('Reference').fill('GA-42');
  await expect
    .poll(async () => (await events(page)).filter((e) => e.type === 'metadata-set').at(-1))
    .toMatchObject({
      metadata: { applicant: 'Grace%20Hopper%20%E9%9C%8D%E7%8F%80', reference: 'GA-42' },
    });

  const heightBefore = (await iframe.boundingBox())!.height;
  await frame.getByTestId('file-input').setInputFiles(FILES);
  await expect
    .poll(async () => (await events(page)).some((e) => e.type === 'all-done'), {
      timeout: 60_000,
    })
    .toBe(true);

  const log = await events(page);
  // The host's list shows every entry's number in full, 10 and above too (issue 12 #17: "0.").
  const numbers = page.locator('#events .events__n');
  const count = await numbers.count();
  expect(count).toBeGreaterThan(10);
  const listBox = (await page.locator('#events').boundingBox())!;
  for (const i of [0, 9, count - 1]) {
    await numbers.nth(i).scrollIntoViewIfNeeded();
    await expect(numbers.nth(i)).toHaveText(`${i + 1}.`);
    expect((await numbers.nth(i).boundingBox())!.x).toBeGreaterThanOrEqual(listBox.x);
  }
  const flow = log.filter((e) => e.type !== 'resize' && e.type !== 'metadata-set');
  expect(flow[0]!.type).toBe('ready');
  expect(flow.at(-1)).toMatchObject({
    type: 'all-done',
    summary: { files: 3, done: 3, failed: 0, rejected: 0 },
  });
  const instanceId = flow[0]!.instanceId;
  expect(log.every((e) => e.instanceId === instanceId && e.version === 1)).toBe(true);

  for (const file of FILES) {
    const added = flow.findIndex((e) => e.type === 'file-added' && e.file.name === file.name);
    expect(added, file.name).toBeGreaterThan(0);
    const id = (flow[added] as Extract<PortalEvent, { type: 'file-added' }>).file.id;
    const progress = flow.flatMap((e, i) =>
      e.type === 'progress' && e.files.some((f) => f.id === id) ? [i] : [],
    );
    const doneAt = flow.findIndex((e) => e.type === 'file-done' && e.file.id === id);
    expect(progress.length, `progress for ${file.name}`).toBeGreaterThan(0);
    expect(progress[0]!).toBeGreaterThan(added);
    expect(doneAt).toBeGreaterThan(progress.at(-1)!);
    const done = flow[doneAt] as Extract<PortalEvent, { type: 'file-done' }>;
    expect(done.size).toBe(file.buffer.length);
    expect(done.crc64).toMatch(/^\d+$/);

    // The bucket holds exactly these bytes at that key, with the host's metadata.
    const stored = await readObject(stack, done.key);
    expect(stored.size).toBe(file.buffer.length);
    expect(Buffer.compare(stored.body, file.buffer)).toBe(0);
    expect(stored.crc64).toBe(done.crc64);
    expect(decodeURIComponent(stored.meta.filename!)).toBe(file.name);
    expect(decodeURIComponent(stored.meta.applicant!)).toBe('Grace Hopper 霍珀');
    expect(stored.meta.reference).toBe('GA-42');
  }

  // The frame grew with its content and shows it whole: no scrollbar inside.
  const heightAfter = (await iframe.boundingBox())!.height;
  expect(heightAfter).toBeGreaterThan(heightBefore + 100);
  const content = frame.locator('body');
  await expect
    .poll(async () =>
      Math.abs((await content.boundingBox())!.height - (await iframe.boundingBox())!.height),
    )
    .toBeLessThanOrEqual(1);

  // Nothing but the portal ever wrote to this window, and never a token or URL.
  const raw = await messages(page);
  expect(raw.length).toBe(log.length);
  expect(raw.every((m) => m.origin === portal)).toBe(true);
  const token = demo.linkUrl.split('/u/')[1]!;
  expect(JSON.stringify(raw)).not.toContain(token);
  expect(JSON.stringify(raw)).not.toContain('q-signature');
});

test('the one-tag snippet embeds the link and reports through DOM events', async ({
  page,
  stack,
}) => {
  const demo = await host(stack, (origin) => mint(stack, { embedOrigins: [origin] }));
  await page.goto(`${demo.origin}/one-tag.html`);
  const iframe = page.locator('script[data-link] + div > iframe');
  await expect(iframe).toHaveAttribute('title', 'Upload files');
  const frame = page.frameLocator('script[data-link] + div > iframe');
  await frame
    .getByTestId('file-input')
    .setInputFiles([{ name: 'one.txt', mimeType: 'text/plain', buffer: Buffer.from('one tag') }]);
  await expect(page.locator('#done li')).toHaveCount(1, { timeout: 30_000 });
  const [done] = await page.evaluate(
    () => (window as unknown as { doneFiles: Array<{ key: string; size: number }> }).doneFiles,
  );
  expect(done!.size).toBe(7);
  expect((await readObject(stack, done!.key)).body.toString()).toBe('one tag');
});

test('set-metadata from another origin is ignored; from the host it applies', async ({
  page,
  context,
  stack,
}) => {
  const demo = await host(stack, (origin) => mint(stack, { embedOrigins: [origin] }));
  const other = await host(stack, () => mint(stack, {}));
  // Inside the portal's frame: note every message that arrives, to prove the forged ones did.
  await page.addInitScript((portal) => {
    if (window === window.top || location.origin !== portal) return;
    const arrived: Array<{ origin: string; type: unknown }> = [];
    (window as unknown as { __arrived: typeof arrived }).__arrived = arrived;
    window.addEventListener('message', (event) =>
      arrived.push({ origin: event.origin, type: (event.data as { type?: unknown })?.type }),
    );
  }, new URL(stack.portalUrl).origin);
  await page.goto(demo.url);
  const frame = page.frameLocator('#upload iframe');
  await expect(frame.getByTestId('file-input')).toBeAttached();
  await page.getByLabel('Reference').fill('HOST-1');
  await expect
    .poll(async () => (await events(page)).filter((e) => e.type === 'metadata-set').at(-1))
    .toMatchObject({ metadata: { reference: 'HOST-1' } });

  // A page of another origin that got hold of the frame (here: a popup the host opened).
  const popupOpened = context.waitForEvent('page');
  await page.evaluate((url) => window.open(url, '_blank'), other.url);
  const popup = await popupOpened;
  await popup.waitForLoadState();
  await popup.evaluate(() => {
    const portalFrame = window.opener.frames[0] as Window;
    const message = (type: string, extra: object = {}) => ({
      protocol: 'cos-upload-portal',
      version: 1,
      type,
      ...extra,
    });
    portalFrame.postMessage(message('set-metadata', { metadata: { reference: 'EVIL' } }), '*');
    portalFrame.postMessage(message('hello'), '*');
    portalFrame.postMessage(message('pause-all'), '*');
  });
  await popup.close();

  await frame
    .getByTestId('file-input')
    .setInputFiles([
      { name: 'form.txt', mimeType: 'text/plain', buffer: Buffer.from('signed form') },
    ]);
  await expect
    .poll(async () => (await events(page)).find((e) => e.type === 'file-done'), { timeout: 30_000 })
    .toBeTruthy();
  const done = (await events(page)).find((e) => e.type === 'file-done') as Extract<
    PortalEvent,
    { type: 'file-done' }
  >;
  expect((await readObject(stack, done.key)).meta.reference).toBe('HOST-1');
  const arrived = await page
    .frame({ url: /\/embed\// })!
    .evaluate(
      () => (window as unknown as { __arrived: Array<{ origin: string; type: string }> }).__arrived,
    );
  expect(arrived).toEqual(
    expect.arrayContaining([
      { origin: other.origin, type: 'set-metadata' },
      { origin: other.origin, type: 'pause-all' },
    ]),
  );
  expect(JSON.stringify(await events(page))).not.toContain('EVIL');
});

test('an expired link still shows in an allowed host, and tells it so', async ({ page, stack }) => {
  const demo = await host(stack, (origin) =>
    mint(stack, { embedOrigins: [origin], expiresInSeconds: 1 }),
  );
  await page.waitForTimeout(1500);
  await page.goto(demo.url);
  const frame = page.frameLocator('#upload iframe');
  await expect(frame.locator('[data-link-error="link-expired"]')).toBeVisible();
  await expect
    .poll(async () => (await events(page)).filter((e) => e.type !== 'resize'))
    .toEqual([
      expect.objectContaining({ type: 'link-error', code: 'link-expired', retryable: false }),
    ]);
  await expect.poll(async () => (await events(page)).map((e) => e.type)).toContain('resize');
});

test('a host the link does not allow: the frame is refused and the host hears nothing', async ({
  page,
  stack,
}) => {
  const allowed = await host(stack, (origin) => mint(stack, { embedOrigins: [origin] }));
  const intruder = await host(stack, () => allowed.linkUrl);
  await recordMessages(page);
  const embedResponse = page.waitForResponse((r) => r.url().includes('/embed/'));
  await page.goto(intruder.url);
  const response = await embedResponse;
  expect(response.headers()['content-security-policy']).toContain(
    `frame-ancestors ${allowed.origin};`,
  );
  await expect(page.locator('#upload iframe')).toBeAttached();
  await page.waitForTimeout(3000);
  expect(await messages(page)).toEqual([]);
  expect(await events(page)).toEqual([]);
  // No document of the portal is running in the page.
  const portal = new URL(stack.portalUrl).origin;
  expect(page.frames().filter((f) => f.url().startsWith(portal))).toEqual([]);
});

test('where the frame renders anyway (no CSP on the way), a wrong host sees a refusal inside it and hears nothing', async ({
  page,
  stack,
}) => {
  // A proxy or static host that drops the signer's headers: only the portal's own check is left.
  await page.route('**/embed/**', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers });
  });
  const allowed = await host(stack, (origin) => mint(stack, { embedOrigins: [origin] }));
  const cases = [
    await host(stack, () => allowed.linkUrl), // allows another origin
    await host(stack, () => mint(stack, {})), // allows no origin at all
  ];
  await recordMessages(page);
  for (const intruder of cases) {
    await page.goto(intruder.url);
    const frame = page.frameLocator('#upload iframe');
    await expect(frame.locator('[data-embed-blocked]')).toBeVisible();
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText(
      'This upload form cannot be shown on this website',
    );
    await expect(frame.getByTestId('file-input')).toHaveCount(0);
    await page.waitForTimeout(1500);
    expect(await messages(page)).toEqual([]);
    expect(await events(page)).toEqual([]);
  }
});

test('keyboard users move through the frame and out again; 280 px wide still fits', async ({
  page,
  stack,
}) => {
  const demo = await host(stack, (origin) => mint(stack, { embedOrigins: [origin] }));
  await page.goto(demo.url);
  const frame = page.frameLocator('#upload iframe');
  await expect(frame.getByTestId('file-input')).toBeAttached();

  await page.getByLabel('Reference').focus();
  const reached: string[] = [];
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const active = document.activeElement;
      return active?.tagName === 'IFRAME' ? 'frame' : (active?.id ?? active?.tagName ?? '');
    });
    reached.push(where);
    if (where === 'pause-all') break;
  }
  expect(reached).toContain('frame');
  expect(reached.at(-1)).toBe('pause-all');
  // Inside the frame, Tab reached the portal's own controls.
  expect(reached.filter((r) => r === 'frame').length).toBeGreaterThan(1);

  await page.locator('#upload').evaluate((el) => {
    (el as HTMLElement).style.width = '280px';
  });
  await expect
    .poll(() => page.locator('#upload iframe').evaluate((el) => el.getBoundingClientRect().width))
    .toBe(280);
  const overflow = await page
    .frame({ url: /\/embed\// })!
    .evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the host sets theme, language and accent; invalid values are ignored', async ({
  page,
  stack,
}) => {
  const link = mint(stack, { embedOrigins: [] });
  const embedUrl = link.replace('/u/', '/embed/');
  await page.goto(`${embedUrl}?theme=dark&lang=zh-CN&accent=%230b7285&background=themed`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('html')).toHaveAttribute('data-embed-background', 'themed');
  expect(
    await page.evaluate(() => document.documentElement.style.getPropertyValue('--color-accent')),
  ).toBe('#0b7285');

  await page.goto(`${embedUrl}?theme=%3Cb%3E&lang=xx&accent=red;}body{display:none`);
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
  expect(
    await page.evaluate(() => document.documentElement.style.getPropertyValue('--color-accent')),
  ).toBe('');
  await expect(page.getByTestId('file-input')).toBeAttached();
});

test('the loader is a few KB and its types ship beside it', async ({ stack }) => {
  const loader = await fetch(`${stack.portalUrl}/embed.js`);
  expect(loader.status).toBe(200);
  expect(loader.headers.get('content-type')).toContain('javascript');
  expect(loader.headers.get('cache-control')).toContain('max-age=3600');
  expect((await loader.arrayBuffer()).byteLength).toBeLessThan(8 * 1024);
  const types = await fetch(`${stack.portalUrl}/embed.d.ts`);
  expect(await types.text()).toContain('interface PortalEmbed');
});
