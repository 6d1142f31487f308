/// <reference types="node" />
/**
 * The web application (zh-CN). `vite build` writes dist/web, which the API serves at / (SPA fallback).
 * `npm run dev:web` runs this dev server with /api proxied to the API (API_URL, default http://127.0.0.1:3000).
 */
import react from '@vitejs/plugin-react';
import { resolve } from 'path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  plugins: [react()],
  // the browser imports only the pure domain (labels, calendar, view types) through its barrel
  resolve: { alias: { '@eco/domain': resolve(__dirname, '../../libs/domain/src/index.ts') } },
  build: {
    outDir: resolve(__dirname, '../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/react-dom') || id.includes('node_modules/react/') || id.includes('node_modules/scheduler') || id.includes('react-router')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/api': { target: process.env.API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
