/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The UI lives under /app/ on the server (see docs/ARCHITECTURE.md, "The web UI"): the API owns
// every other path. The build goes straight into the jar's META-INF/resources, which Spring Boot serves.
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'target/classes/META-INF/resources/app',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      output: {
        manualChunks: {
          react: ['react', 'react-dom', 'react-router-dom'],
          antd: ['antd', '@ant-design/icons'],
          codemirror: ['@uiw/react-codemirror'],
          charts: ['recharts'],
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
