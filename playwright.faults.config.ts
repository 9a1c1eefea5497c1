import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The fault suite (scripts/test --faults, or the last stage of scripts/test --all): stops the local
 * stack's components one by one under the running portal. Serial, and slow by nature.
 */
export default defineConfig({
  ...base,
  testDir: 'packages/app/e2e-faults',
  timeout: 900_000,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: '.cache/test-results/faults.json' }],
  ],
  outputDir: '.cache/test-results/faults',
});
