/**
 * Builds what the browser host serves: the same renderer the Electron window loads, plus
 * the WebSocket bridge that stands in for the preload.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../../../..');
export const WEB_OUT_DIR = resolve(root, 'out/web');
export const BRIDGE_FILE = 'youmi-web-bridge.js';

export async function buildWeb(): Promise<void> {
  await build({
    root: resolve(root, 'renderer'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: WEB_OUT_DIR, emptyOutDir: true, minify: true },
  });
  await build({
    root,
    logLevel: 'warn',
    configFile: false,
    build: {
      outDir: WEB_OUT_DIR,
      emptyOutDir: false,
      minify: true,
      lib: {
        entry: resolve(root, 'renderer/web-bridge/index.ts'),
        formats: ['iife'],
        name: 'youmiWebBridge',
        fileName: () => BRIDGE_FILE,
      },
    },
  });
}
