// The Electron end-to-end suite. Run through `node scripts/electron-e2e.mjs`, which first
// makes sure an Electron binary exists (and says so in one line when it does not).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './test/electron-e2e',
  testMatch: '**/*.spec.ts',
  reporter: 'list',
  timeout: 120_000,
  workers: 1,
  retries: 0,
  outputDir: 'test-results/electron-e2e',
});
