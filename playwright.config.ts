import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the running portal. scripts/test starts the backend (serving the built
 * app) on PORTAL_URL before running them; nothing here starts or downloads anything.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    ['json', { outputFile: '.cache/test-results/e2e.json' }],
  ],
  outputDir: '.cache/test-results/e2e',
  use: {
    baseURL: process.env.PORTAL_URL ?? 'http://localhost:7077',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's chromium: Playwright's own browser download cannot reach its host here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
      ],
    },
  },
});
