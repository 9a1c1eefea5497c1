import path from 'node:path';
import { Page, expect } from '@playwright/test';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export const SCREENSHOT_DIR = path.resolve(
  REPO_ROOT,
  '.cache/test-results/screenshots',
);

export const apiToken = () => {
  const token = process.env.PORTAL_TEST_TOKEN;
  if (!token)
    throw new Error(
      'PORTAL_TEST_TOKEN is not set: run the e2e tests through scripts/test',
    );
  return token;
};

/** Opens a page of the portal, signing in as guest when the sign-in page shows. */
export async function openPortal(page: Page, url: string) {
  await page.goto(url);
  const enter = page.getByRole('button', { name: 'Enter' });
  const sidebar = page.getByRole('link', { name: 'Settings' });
  await expect(enter.or(sidebar).first()).toBeVisible();
  if (await enter.isVisible()) {
    await enter.click();
    await expect(sidebar).toBeVisible();
  }
}

export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
) {
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: options.fullPage ?? true,
  });
}
