// Vite 8 (rolldown) build of the console into dist/, served by the gateway at /.
// `npx vite` serves it for development with /api proxied to a running gateway (VITE_GATEWAY_URL).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': process.env.VITE_GATEWAY_URL ?? 'http://127.0.0.1:7600' },
  },
});
