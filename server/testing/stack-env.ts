import type { TestStack } from './test-stack';
import { TEST_LINK_SECRET } from './test-stack';

/**
 * The environment a process started by a test (`server/main.ts`, `npm run link`, `cos:*`) needs
 * to reach a test stack's bucket and mint its links: what an operator would put in `.env`.
 */
export function stackEnv(stack: TestStack): Record<string, string> {
  return {
    COS_SECRET_ID: stack.config.cos.secretId,
    COS_SECRET_KEY: stack.config.cos.secretKey,
    COS_BUCKET: stack.config.cos.bucket,
    COS_REGION: stack.config.cos.region,
    COS_DOMAIN: stack.emulatorUrl,
    LINK_SECRET: TEST_LINK_SECRET,
  };
}
