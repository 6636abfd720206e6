import { afterEach } from 'vitest';

// Testing Library does not clean up between vitest tests by itself.
afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});
