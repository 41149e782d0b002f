// Steps shared by the end-to-end specs: load the fixture set through the UI,
// and compare the figures on the page with the expected report.
import { expect } from '@playwright/test';
import { PLATFORM_FILES, CONSUME_FILE, ISSUED_FILE, PERIOD, EXPECTED, CLASSES, FLAGS } from './fixtures.js';

/** Loads the fixture set and runs the reconciliation. */
export async function reconcileFixtures(page, { screenshots = null } = {}) {
  const shot = async (name) => screenshots && page.screenshot({ path: `output/${screenshots}-${name}.png`, fullPage: true });
  await page.getByTestId('platform-files').setInputFiles(PLATFORM_FILES);
  const rows = page.getByTestId('platform-file-row');
  await expect(rows).toHaveCount(PLATFORM_FILES.length);
  await expect(page.locator('[data-testid="platform-file-row"][data-state="ready"]')).toHaveCount(PLATFORM_FILES.length);
  const consumeRow = rows.filter({ hasText: CONSUME_FILE });
  await consumeRow.getByTestId('pull-type').selectOption('CONSUME');
  await shot('1-platform');

  await page.getByTestId('to-issuance').click();
  await page.getByTestId('issued-file').setInputFiles(ISSUED_FILE);
  await expect(page.getByTestId('issued-encoding')).toHaveText('gb18030');
  await shot('2-issuance');

  await page.getByTestId('to-results').click();
  await page.getByTestId('period-from').fill(PERIOD.from);
  await page.getByTestId('period-to').fill(PERIOD.to);
  await page.getByTestId('run-reconcile').click();
  await expect(page.getByTestId('tie-out')).toBeVisible();
}

/** Every class and flag figure on the page equals the expected report. */
export async function expectFiguresOfReport(page) {
  for (const cls of CLASSES) {
    const tally = EXPECTED.classes[cls];
    await expect(page.getByTestId(`summary-count-${cls}`), cls).toHaveAttribute('data-value', String(tally.count));
    await expect(page.getByTestId(`summary-amount-${cls}`), cls).toHaveAttribute('data-value', String(tally.amount_cents));
  }
  for (const flag of FLAGS) {
    const tally = EXPECTED.flags[flag];
    await expect(page.getByTestId(`flag-count-${flag}`), flag).toHaveAttribute('data-value', String(tally.count));
    await expect(page.getByTestId(`flag-amount-${flag}`), flag).toHaveAttribute('data-value', String(tally.amount_cents));
  }
  const batchRows = page.getByTestId('batch-row');
  await expect(batchRows).toHaveCount(EXPECTED.batches.length);
  for (const batch of EXPECTED.batches) {
    const complete = batch.complete === null ? 'unknown' : String(batch.complete);
    await expect(page.locator(`[data-testid="batch-row"][data-mix-id="${batch.mix_id}"]`)).toHaveAttribute('data-complete', complete);
  }
  await expect(page.getByTestId('period-in')).toHaveAttribute('data-value', String(EXPECTED.period.redeemed_in_period.amount_cents));
  await expect(page.getByTestId('tie-out')).toHaveAttribute('data-balanced', 'true');
}
