/**
 * The stack as `npm start` runs it (scripts/launch-stack.ts), with what the end-to-end specs
 * need: free ports for the emulator too, an admin token, no demo host, and COS's documented
 * expiry behaviour.
 */
import { randomBytes } from 'node:crypto';
import { freePort, launchStack as launch, type StackStatus } from '../../scripts/launch-stack';

export interface StackInfo extends StackStatus {
  dataDir: string;
  /** ADMIN_TOKEN the stack runs with: specs mint and revoke links through the admin API. */
  adminToken: string;
}

export interface LaunchedStack extends StackInfo {
  stop(): Promise<void>;
}

export async function launchStack(env: Record<string, string> = {}): Promise<LaunchedStack> {
  const adminToken = env.ADMIN_TOKEN ?? randomBytes(24).toString('base64url');
  const stack = await launch({
    label: 'e2e',
    env: {
      EMULATOR_PORT: String(await freePort()),
      EMULATOR_ADMIN_PORT: String(await freePort()),
      ADMIN_TOKEN: adminToken,
      // Specs that need the demo host start their own; the default would collide on one port.
      DEMO_HOST_PORT: 'off',
      // COS's documented expiry behaviour, whatever a developer's .env says (tests stay strict).
      EMULATOR_EXPIRY_MODE: 'interrupt',
      ...env,
    },
  });
  return { ...stack, adminToken };
}
