import { execFileSync } from 'node:child_process';
import { launchStack } from './support/launch-stack';

/**
 * Builds the portal once (as `npm start` does) and starts the default stack for all specs.
 * Specs that need other settings (short URL lifetimes, faults) launch their own stack.
 */
export default async function globalSetup() {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const stack = await launchStack();
  process.env.E2E_STACK = JSON.stringify(stack);
  return async () => {
    await stack.stop();
  };
}
