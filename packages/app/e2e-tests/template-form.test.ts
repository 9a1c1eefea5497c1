import { test, expect, Page } from '@playwright/test';
import { fraudSignalsSelect } from '@internal/backstage-plugin-pipeline-common';
import { openPortal, screenshot } from './support';

// The fraud template's form in the browser, against the real backend and stack: the source
// pickers read the real schema through Trino, and the SQL field's SELECT is planned by the real
// SQL Gateway as it is typed. A broken SELECT gets the planner's error at its line, before
// anything is created; the fixed one is accepted and the form goes on to Review. Nothing is
// created (Create is never pressed).

// The shape's SELECT with one word broken, and a team's variant that leaves out the payments.
const shapeSelect = fraudSignalsSelect();
const broken = shapeSelect.replace(
  'FROM suspicious AS m',
  'FROMM suspicious AS m',
);
const brokenLine = broken.split('\n').findIndex(l => l.startsWith('FROMM')) + 1;
const fixed = shapeSelect
  .replace(
    'p.`method` AS payment_method, p.status AS payment_status',
    'CAST(NULL AS STRING) AS payment_method, CAST(NULL AS STRING) AS payment_status',
  )
  .replace(/\nLEFT JOIN fraud_payments[^\n]*$/, '');

/** Screenshots of the whole form at the two widths people use. */
async function screenshots(page: Page, name: string) {
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 1000 });
    await screenshot(page, `${name}-${width}`);
  }
}

async function replaceText(page: Page, label: string, text: string) {
  const editor = page.getByRole('textbox', { name: label });
  await editor.click();
  await page.keyboard.press('Control+A');
  // Typed as one input (like a paste): the editor's auto-indent would change typed newlines.
  await page.keyboard.insertText(text);
}

test('the fraud form: a broken SELECT gets the planner’s error at its line, the fixed one is accepted', async ({
  page,
}) => {
  test.setTimeout(300_000);
  expect(brokenLine).toBeGreaterThan(1);
  await openPortal(page, '/create/templates/default/fraud-cep');
  const next = page.getByRole('button', { name: 'Next' });

  // Use case: the defaults.
  await expect(page.getByLabel(/Pipeline name/)).toHaveValue('fraud-signals');
  await next.click();

  // Sources: the shape's tables, read from the real schema (types as the sources declare them).
  await expect(
    page.getByRole('checkbox', { name: 'amount' }).first(),
  ).toBeChecked({ timeout: 60_000 });
  await expect(page.getByText('decimal(12,2) not null').first()).toBeVisible();
  await expect(
    page.getByText('timestamp with time zone not null').first(),
  ).toBeVisible();
  await screenshots(page, 'template-form-sources');
  await next.click();

  // The CEP pattern's parameters.
  await expect(page.getByLabel(/Failed payment attempts/)).toHaveValue('3');
  await next.click();

  // SQL: the shape's SELECTs, accepted by the planner.
  const signalsCheck = page.getByTestId('sql-check-fraud_signals');
  await expect(signalsCheck).toContainText('Accepted by the Flink planner', {
    timeout: 90_000,
  });
  await expect(page.getByTestId('sql-check-fraud_alerts')).toContainText(
    'Accepted by the Flink planner',
    { timeout: 90_000 },
  );

  await replaceText(page, 'SELECT of fraud_signals (Paimon)', broken);
  await expect(signalsCheck).toContainText(
    `Line ${brokenLine}, column 1: SqlParserException: SQL parse failed. Encountered "FROMM" at line ${brokenLine}, column 1.`,
    { timeout: 90_000 },
  );
  // The editor marks the place: the broken word is underlined on its line.
  await expect(page.locator('.cm-lintRange-error').first()).toHaveText('FROMM');
  await screenshots(page, 'template-form-sql-error');

  // Next is refused while the planner rejects the SELECT: the message stands at the field.
  await next.click();
  await expect(
    page
      .getByText(/the Flink planner rejects this SELECT: line \d+, column 1/)
      .first(),
  ).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('sql-check-fraud_signals')).toBeVisible();

  await replaceText(page, 'SELECT of fraud_signals (Paimon)', fixed);
  await expect(signalsCheck).toContainText('Accepted by the Flink planner', {
    timeout: 90_000,
  });
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);
  await screenshots(page, 'template-form-sql-accepted');

  // On through the last page to Review; Create is not pressed.
  await next.click();
  await expect(page.getByLabel(/Checkpoint interval/)).toHaveValue('30', {
    timeout: 90_000,
  });
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('button', { name: 'Create' })).toBeVisible({
    timeout: 90_000,
  });
  await screenshots(page, 'template-form-review');
});
