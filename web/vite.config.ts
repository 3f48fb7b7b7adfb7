/// <reference types="vitest/config" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The server's interactive API reference (GET /api/docs) loads Swagger UI
// from the web app's build, never from a CDN: the swagger-ui-dist package's
// bundle and stylesheet are copied to dist/api-docs/ beside init.js (public/).
// Under `vite dev` (which proxies /api/docs to a running keycard) the same
// files are served from node_modules.
function swaggerUi(): Plugin {
  const from = path.dirname(fileURLToPath(import.meta.resolve('swagger-ui-dist/package.json')));
  const files = ['swagger-ui-bundle.js', 'swagger-ui.css', 'swagger-ui-bundle.js.LICENSE.txt', 'LICENSE', 'NOTICE'];
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css' };
  return {
    name: 'keycard-swagger-ui',
    configureServer(server) {
      server.middlewares.use('/api-docs', (req, res, next) => {
        const name = (req.url ?? '').replace(/^\//, '').split('?')[0];
        if (!files.includes(name)) return next();
        res.setHeader('Content-Type', types[path.extname(name)] ?? 'text/plain');
        fs.createReadStream(path.join(from, name)).pipe(res);
      });
    },
    writeBundle(options) {
      const to = path.join(options.dir ?? 'dist', 'api-docs');
      fs.mkdirSync(to, { recursive: true });
      for (const f of files) fs.copyFileSync(path.join(from, f), path.join(to, f));
    },
  };
}

// KEYCARD_API_URL points the dev server's /api proxy at a running keycard
// (scripts/start listens on 127.0.0.1:8080 by default).
const apiTarget = process.env.KEYCARD_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), swaggerUi()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  // /api/ only: /api-docs/ (Swagger UI's files) is the dev server's own.
  server: { proxy: { '^/api/': { target: apiTarget, changeOrigin: false } } },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    // Vendor code changes less often than ours: separate hashed chunks stay
    // cached (the server sends them with a one-year immutable lifetime).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Charts stay out of these groups: they load with the pages that draw them.
            { name: 'vendor-mantine', test: /node_modules[\\/]@mantine[\\/](core|hooks|form|notifications)[\\/]/ },
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/](?!recharts|d3-|victory-vendor|@mantine[\\/]charts)/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 20_000,
  },
});
