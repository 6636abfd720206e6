import { copyFile } from 'node:fs/promises';
import { build, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The embed loader (embed-loader/embed.ts) is built next to the portal as dist/embed.js: one
 * classic script at a stable URL that any site can include with a plain <script> tag, so it
 * is an IIFE of its own (no shared chunks, no module loading) rather than a portal entry.
 * Its hand-written types ship beside it as dist/embed.d.ts.
 */
function embedLoader(): Plugin {
  return {
    name: 'embed-loader',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          copyPublicDir: false,
          minify: true,
          target: 'es2019',
          lib: {
            entry: 'embed-loader/embed.ts',
            formats: ['iife'],
            name: 'CosUploadPortalLoader',
            fileName: () => 'embed.js',
          },
        },
      });
      await copyFile('embed-loader/types/embed.d.ts', 'dist/embed.d.ts');
    },
  };
}

// The dev server proxies the signing API to the signer started by `npm run dev`
// (scripts/dev.ts sets SIGNER_URL). The COS emulator is reached directly through
// the pre-signed URLs, as the real COS would be.
export default defineConfig({
  plugins: [react(), embedLoader()],
  build: {
    outDir: 'dist',
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': process.env.SIGNER_URL ?? 'http://127.0.0.1:8080',
      '/config.json': process.env.SIGNER_URL ?? 'http://127.0.0.1:8080',
    },
  },
});
