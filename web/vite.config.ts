import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves web/dist at `/` (SPA fallback) and the API under `/api/v1` on the same origin.
export default defineConfig({
  plugins: [react()],
  resolve: {
    // The one message formatter of the platform (plural forms included), shared with the server.
    alias: { '@mide/format': fileURLToPath(new URL('../server/src/core/i18n/format.ts', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
