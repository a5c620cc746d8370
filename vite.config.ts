import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { publicPageOf } from './src/domain/public-pages';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

// Under the dev server (npm run dev), the public paths get public.html as the server answers them (src/server/app.ts).
const publicPagesInDev: Plugin = {
  name: 'chibo-public-pages',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const [pathname, query] = (req.url ?? '/').split('?');
      if (req.method === 'GET' && publicPageOf(pathname ?? '/')) req.url = `/public.html${query ? `?${query}` : ''}`;
      next();
    });
  },
};

export default defineConfig({
  root: `${repoRoot}src/web`,
  plugins: [react(), publicPagesInDev],
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
