import type { Hono } from 'hono';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../http/app';
import { mintLinkToken } from '../links/link-token';
import { createLinkClaims } from '../links/link-types';
import { createLogger } from '../log/logger';
import type { TestStack } from './test-stack';
import { startTestStack } from './test-stack';

export interface AppOnStack {
  stack: TestStack;
  /** The signer app, in this process, quiet. */
  app: Hono;
  /** A link with no settings of its own: the server's defaults apply. */
  token: string;
}

/**
 * For the calling test file: a test stack (`env` added to its signer config) with the signer
 * app and a link for it, started before the file's tests and stopped after them.
 */
export function useAppOnStack(env: Record<string, string> = {}): AppOnStack {
  let started: AppOnStack | undefined;
  const get = (): AppOnStack => {
    if (!started) throw new Error('the test stack starts in beforeAll');
    return started;
  };
  beforeAll(async () => {
    const stack = await startTestStack(env);
    const app = createApp({ config: stack.config, cos: stack.cos, logger: createLogger('silent') });
    const claims = createLinkClaims({}, stack.config.uploadPrefix);
    started = { stack, app, token: mintLinkToken(stack.config.linkKeys, claims) };
  });
  afterAll(async () => {
    await started?.stack.close();
  });
  return {
    get stack() {
      return get().stack;
    },
    get app() {
      return get().app;
    },
    get token() {
      return get().token;
    },
  };
}
