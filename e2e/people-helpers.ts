/**
 * Helpers shared by the people-* specs (many files, folders, accessibility, phones) and the
 * screenshots: what a person does on the upload page, in the page's own terms.
 */
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect } from './support/fixtures';

export type Theme = 'light' | 'dark';
export type Language = 'en' | 'zh-CN';

export function row(page: Page, name: string): Locator {
  return page.locator(`[data-testid="file-row"][data-file-name="${name}"]`);
}

export async function openLink(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('dropzone')).toBeVisible();
}

/** The display settings as a person uses them (the labels are the same words in either language). */
export async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await page.getByLabel(/^(Language|语言)$/).selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

export async function chooseTheme(page: Page, theme: Theme): Promise<void> {
  await page.getByLabel(/^(Theme|主题)$/).selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

export interface InPageFile {
  name: string;
  /** File contents as text (repeated to `size` when given). */
  text?: string;
  size?: number;
  type?: string;
  /** Folder inside the drop, e.g. "holiday/day 1/"; carried as webkitRelativePath. */
  folder?: string;
  /** Modification time (ms); fixed, the same file dropped twice is recognisably the same. */
  lastModified?: number;
}

/**
 * Drops files onto the dropzone from inside the page: File objects built there and a real
 * DataTransfer on a `drop` event, as a browser delivers a drop (react-dropzone reads it).
 */
export async function dropFiles(page: Page, files: InPageFile[]): Promise<void> {
  await page.getByTestId('dropzone').evaluate((target, specs) => {
    const transfer = new DataTransfer();
    for (const spec of specs) {
      const body = spec.size ? (spec.text ?? 'x').repeat(spec.size).slice(0, spec.size) : spec.text;
      const file = new File([body ?? ''], spec.name, {
        type: spec.type ?? '',
        lastModified: spec.lastModified ?? Date.UTC(2025, 0, 1),
      });
      if (spec.folder) {
        Object.defineProperty(file, 'webkitRelativePath', { value: spec.folder + spec.name });
      }
      transfer.items.add(file);
    }
    target.dispatchEvent(
      new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }),
    );
  }, files);
}

/** What a browser does when the page goes to the background or comes back. */
export async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', { value, configurable: true });
    Object.defineProperty(document, 'hidden', { value: value === 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

/**
 * Holds every PUT to the store until `release` is called: files stay "uploading" for as long
 * as a test needs to look at them. Requests the page itself aborted are let go quietly.
 */
export async function holdUploads(page: Page, storeOrigin: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`${storeOrigin}/**`, async (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    await released;
    await route.continue().catch(() => {});
  });
  return { release };
}

/**
 * The store refuses the upload of every file whose name contains `marker`: its signature is
 * changed on the way, so COS answers SignatureDoesNotMatch and the row must show the failure.
 */
export async function breakUploadsOf(page: Page, storeOrigin: string, marker: string) {
  await page.route(`${storeOrigin}/**`, async (route) => {
    const request = route.request();
    if (request.method() !== 'PUT' || !request.url().includes(marker)) return route.continue();
    const url = new URL(request.url());
    url.searchParams.set('q-signature', '0'.repeat(40));
    await route.continue({ url: url.toString() });
  });
}

/** Nothing wider than the screen, and every control big enough for a finger. */
export async function expectFitsThePhone(page: Page, state: string) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    screen: document.documentElement.clientWidth,
  }));
  expect(widths.page, `page width in "${state}"`).toBeLessThanOrEqual(widths.screen);
  expect(widths.body, `body width in "${state}"`).toBeLessThanOrEqual(widths.screen);

  const small = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll('button, a[href], select, [role="button"], [tabindex="0"]'),
    )
      .filter((element) => element.getClientRects().length > 0)
      .map((element) => {
        const box = element.getBoundingClientRect();
        return {
          what: `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}"`,
          width: Math.round(box.width),
          height: Math.round(box.height),
        };
      })
      .filter((target) => target.width < 44 || target.height < 44),
  );
  expect(small, `touch targets under 44 px in "${state}"`).toEqual([]);
}

/** A screenshot of the viewport, attached to the test's report under `name`. */
export async function shoot(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await info.attach(name, { path, contentType: 'image/png' });
}
