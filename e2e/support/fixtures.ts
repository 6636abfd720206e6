import { test as base, expect } from '@playwright/test';
import type { StackInfo } from './launch-stack';

/** The default stack from global-setup; every test fails on any uncaught page error. */
export const test = base.extend<{ stack: StackInfo; pageErrors: Error[] }>({
  // eslint-disable-next-line no-empty-pattern
  stack: async ({}, use) => {
    const raw = process.env.E2E_STACK;
    if (!raw) throw new Error('E2E_STACK missing: run through playwright.config.ts');
    await use(JSON.parse(raw) as StackInfo);
  },
  pageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error));
      await use(errors);
      expect(
        errors.map((e) => e.message),
        'uncaught page errors',
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
