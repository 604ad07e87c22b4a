/// <reference types="vitest/config" />
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** The kinds of files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Writes a .br and a .gz beside every text file of the build, at the highest quality: done once here,
 * the server only picks the one the browser accepts (WebUiResources), so a slow link gets a quarter
 * of the bytes without the server compressing anything per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'coderunner-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      for (const file of filesUnder(outDir).filter((f) => COMPRESSIBLE.test(f))) {
        const content = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

// The UI lives under /app/ on the server (see docs/ARCHITECTURE.md, "The web UI"): the API owns
// every other path. The build goes straight into the jar's META-INF/resources, which Spring Boot serves.
export default defineConfig({
  base: '/app/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'target/classes/META-INF/resources/app',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      output: {
        // Libraries every page uses change less often than the pages: their own files stay cached
        // across releases. Everything else (charts, the terminal) comes with the pages that use it.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router-dom'],
          antd: ['antd', '@ant-design/icons'],
          codemirror: ['@uiw/react-codemirror'],
        },
      },
    },
  },
  server: {
    // `npm run dev` against a server on :8000; the proxy sends every non-UI path there.
    proxy: {
      '^/(?!app/|app$|@|src/|node_modules/).*': { target: 'http://localhost:8000', ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts'],
    // A guard against a hung test, not a speed check: the build machine may be slow and busy.
    testTimeout: 60000,
  },
});
