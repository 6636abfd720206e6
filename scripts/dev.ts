/** `npm run dev`: emulator + signer as `npm start` runs them, and Vite with hot reload in front. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build, createServer } from 'vite';
import { ROOT, startStack } from './stack';

const envFile = path.join(ROOT, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

const vitePort = Number(process.env.VITE_PORT ?? 5173);
const viteOrigins = [`http://127.0.0.1:${vitePort}`, `http://localhost:${vitePort}`];
// Host pages load the embed loader from the signer, which serves it from the build (as in
// production); Vite's dev server has no such file. Build once when there is none yet.
if (!existsSync(path.join(process.env.PORTAL_DIST_DIR ?? path.join(ROOT, 'dist'), 'embed.js'))) {
  console.log('  Building the portal once, for the embed loader (/embed.js)…');
  await build({ root: ROOT, logLevel: 'warn' });
}
const stack = await startStack({ ...process.env, EXTRA_PORTAL_ORIGINS: viteOrigins.join(',') });

// The browser talks to Vite only; Vite forwards the signing API to the signer, so the page
// stays same-origin with its API exactly as in production.
const vite = await createServer({
  root: ROOT,
  server: {
    host: '127.0.0.1',
    port: vitePort,
    strictPort: true,
    proxy: {
      '/api': stack.portalUrl,
      '/config.json': stack.portalUrl,
      '/embed.js': stack.portalUrl,
      '/embed.d.ts': stack.portalUrl,
    },
  },
});
await vite.listen();

const link = new URL(stack.linkUrl);
const devLink = `${viteOrigins[0]}${link.pathname}`;
console.log(`\n  Dev portal:   ${viteOrigins[0]}/  (hot reload)`);
console.log(`  Upload link:  ${devLink}`);
console.log(`  Signer:       ${stack.portalUrl}`);
if (stack.emulator) console.log(`  COS emulator: ${stack.emulator.url}`);
console.log('');

const stop = async () => {
  await vite.close();
  await stack.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
