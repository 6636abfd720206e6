/** `npm start`: emulator (unless COS_* is set) + signer + built portal, and a ready upload link. */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDemoHostFor } from '../demo-host/serve-demo-host';
import { ROOT, startStack } from './stack';

const envFile = path.join(ROOT, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

try {
  const stack = await startStack(process.env);
  const demo = await startDemoHostFor(stack, process.env);
  console.log('');
  console.log(`  Portal:       ${stack.portalUrl}`);
  console.log(`  Upload link:  ${stack.linkUrl}`);
  console.log(
    stack.emulator
      ? `  Storage:      local COS emulator ${stack.emulator.url} (bucket ${stack.bucket}; dev-only keys)`
      : `  Storage:      COS bucket ${stack.bucket} in ${stack.region}`,
  );
  if (demo) console.log(`  Demo host:    ${demo.url}  (another site embedding an upload link)`);
  if (process.env.ADMIN_TOKEN) {
    console.log(
      `  Admin:        ${stack.portalUrl}/admin  (links and bucket check; asks for ADMIN_TOKEN)`,
    );
  }
  console.log('\n  Open the upload link in a browser and drop files. Ctrl-C stops everything.\n');
  // Machine-readable status for scripts (end-to-end tests, benchmarks).
  if (process.env.START_STATUS_FILE) {
    const demoHost = demo && { url: demo.url, linkUrl: demo.linkUrl };
    writeFileSync(process.env.START_STATUS_FILE, JSON.stringify({ ...stack, demoHost }, null, 2));
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await demo?.close();
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`\nCould not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
