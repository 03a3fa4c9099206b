import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The web app (public map, coordinator console, host portal), built to dist/web and served by
 * the api at `/`. Everything is bundled: no CDN at run time. Vite's own transformer compiles the
 * TSX (React's automatic JSX runtime); the app has no development server of its own.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  logLevel: 'warn',
});
