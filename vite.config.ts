import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the signing API to the signer started by `npm run dev`
// (scripts/dev.ts sets SIGNER_URL). The COS emulator is reached directly through
// the pre-signed URLs, as the real COS would be.
export default defineConfig({
  plugins: [react()],
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
