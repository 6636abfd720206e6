import { createLogger } from '../log/logger';
import type { RunningSigner } from '../start-signer';
import { startSigner } from '../start-signer';
import type { TestStack } from './test-stack';
import { startTestStack } from './test-stack';

export interface SignerOnStack {
  stack: TestStack;
  signer: RunningSigner;
}

/**
 * A test stack (`env` added to its signer config) with a quiet signer serving it over HTTP on a
 * loopback port. `now` is the signer's clock; the emulator keeps real time.
 */
export async function startSignerOnStack(
  env: Record<string, string> = {},
  now?: () => number,
): Promise<SignerOnStack> {
  const stack = await startTestStack(env);
  try {
    const signer = await startSigner(stack.config, {
      cos: stack.cos,
      logger: createLogger('silent'),
      ...(now ? { now } : {}),
    });
    return { stack, signer };
  } catch (err) {
    await stack.close();
    throw err;
  }
}

/** Stops what startSignerOnStack started; either part may be missing if start-up failed. */
export async function stopSignerOnStack(running: Partial<SignerOnStack>): Promise<void> {
  await running.signer?.close();
  await running.stack?.close();
}
