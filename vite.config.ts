import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: `${repoRoot}src/web`,
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // .vite/manifest.json: which chunks each page pulls in (bench/bundle.ts measures the first load from it).
    manifest: true,
    // Two pages: the app (index.html) and the public pages (public.html, plain HTML without the app's libraries);
    // the server serves each for its paths (src/domain/public-pages.ts).
    rollupOptions: { input: { index: `${repoRoot}src/web/index.html`, public: `${repoRoot}src/web/public.html` } },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
