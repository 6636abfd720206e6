import { readFile } from 'node:fs/promises';
import { build, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { hostDeclarations } from './embed-loader/host-declarations.ts';

/**
 * The embed loader (embed-loader/embed.ts) is built next to the portal as dist/embed.js: one
 * classic script at a stable URL that any site can include with a plain <script> tag, so it
 * is an IIFE of its own (no shared chunks, no module loading) rather than a portal entry.
 * It is built in memory and emitted with the portal's own files, together with its types as
 * dist/embed.d.ts (the wire contract's and the loader's in one file, embed-loader/
 * host-declarations.ts), so dist/ never holds a portal without its loader.
 */
function embedLoader(): Plugin {
  return {
    name: 'embed-loader',
    apply: 'build',
    async generateBundle() {
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          write: false,
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
      const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) =>
        'output' in r ? r.output : [],
      );
      const loader = outputs.find((file) => file.type === 'chunk' && file.fileName === 'embed.js');
      if (!loader || loader.type !== 'chunk') throw new Error('embed loader: no embed.js built');
      this.emitFile({ type: 'asset', fileName: 'embed.js', source: loader.code });
      this.emitFile({
        type: 'asset',
        fileName: 'embed.d.ts',
        source: hostDeclarations(
          await readFile('embed-loader/types/embed.d.ts', 'utf8'),
          await readFile('protocol/embed-messages.ts', 'utf8'),
        ),
      });
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
