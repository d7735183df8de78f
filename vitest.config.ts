import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/**/*.test.{ts,tsx}', 'relay/test/**/*.test.ts'],
    environment: 'node',
    // require('electron') outside Electron would try to download the binary.
    env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron', TZ: 'Asia/Shanghai' },
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
