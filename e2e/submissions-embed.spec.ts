/**
 * Submissions in an embedded portal: the host fills in the uploader's details with
 * `set-uploader` (those are not asked again in the frame), the person answers the rest and
 * accepts the terms, and the host hears `submission-closed` with the id of the receipt.
 */
import type { CosUploadPortalApi } from '../embed-loader/types/embed';
import type { PortalEvent } from '../protocol/embed-messages';
import { startDemoHost, type DemoHost } from '../demo-host/serve-demo-host';
import { mintLink } from './support/admin';
import { expect, test } from './support/fixtures';

const hosts: DemoHost[] = [];
test.afterAll(async () => {
  await Promise.all(hosts.map((host) => host.close()));
});

test('the host fills in who is uploading and hears the submission close', async ({
  page,
  stack,
}) => {
  const demo = await startDemoHost({
    portalUrl: stack.portalUrl,
    linkFor: async (origin) =>
      (
        await mintLink(stack, {
          title: 'Grant documents',
          embedOrigins: [origin],
          ask: ['name', 'email'],
          fields: [{ label: 'Reference', type: 'text', required: true }],
          terms: 'The documents are mine to send.',
        })
      ).url,
  });
  hosts.push(demo);
  await page.goto(`${demo.url}?lang=en`);
  const frame = page.frameLocator('#upload iframe');
  await expect(frame.getByTestId('gate-details-step')).toBeVisible();

  const events = () =>
    page.evaluate(() => (window as unknown as { demoEvents: PortalEvent[] }).demoEvents);
  await page.evaluate(() => {
    const iframe = document.querySelector<HTMLIFrameElement>('#upload iframe')!;
    (window as unknown as { CosUploadPortal: CosUploadPortalApi }).CosUploadPortal.of(
      iframe,
    )!.setUploader({
      details: { name: 'Grace Hopper', email: 'grace@example.org', phone: '123' },
    });
  });
  await expect
    .poll(async () => (await events()).find((e) => e.type === 'uploader-set'))
    .toMatchObject({
      accepted: ['name', 'email'],
      refused: [{ field: 'phone', reason: 'not-asked' }],
    });

  // Only the question the host could not answer is left, then the terms.
  const details = frame.getByTestId('details-form');
  await expect(details.getByLabel('Name')).toHaveCount(0);
  await expect(details.getByLabel('Email')).toHaveCount(0);
  await details.getByLabel('Reference').fill('GA-42');
  await details.getByLabel('Reference').press('Enter');
  await frame.getByTestId('terms-accept').check();
  await frame.getByTestId('gate-continue').click();

  await frame
    .getByTestId('file-input')
    .setInputFiles([{ name: 'budget.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n') }]);
  await expect(frame.locator('[data-testid="file-row"][data-status="done"]')).toHaveCount(1, {
    timeout: 30_000,
  });

  // Too late to change who is sending: the submission is open.
  await page.evaluate(() => {
    const iframe = document.querySelector<HTMLIFrameElement>('#upload iframe')!;
    (window as unknown as { CosUploadPortal: CosUploadPortalApi }).CosUploadPortal.of(
      iframe,
    )!.setUploader({ details: { name: 'Someone else' } });
  });
  await expect
    .poll(async () => (await events()).find((e) => e.type === 'command-rejected'))
    .toMatchObject({ command: 'set-uploader', code: 'submission-open' });

  await frame.getByTestId('finish').click();
  const id = await frame.getByTestId('receipt-id').textContent();
  await expect(frame.getByTestId('receipt')).toContainText('Grace Hopper');
  await expect(frame.getByTestId('receipt')).toContainText('GA-42');
  await expect
    .poll(async () => (await events()).find((e) => e.type === 'submission-closed'))
    .toMatchObject({
      submission: { id, closedBy: 'finish', files: 1, bytes: 4, failed: 0 },
    });
});
