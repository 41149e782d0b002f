// The whole flow through the real UI: the fixture set in several shapes, a
// GBK issuance list with Chinese headers, a CONSUME pull, a period — and every
// figure on the page equal to the engine's expected report.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.js';
import { EXPECTED } from './fixtures.js';
import { reconcileFixtures, expectFiguresOfReport } from './steps.js';

test('reconciles the fixture set through the UI and shows the expected figures', async ({ page }) => {
  const watch = await watchPage(page);
  await openApp(page);
  await reconcileFixtures(page, { screenshots: 'step' });
  await expectFiguresOfReport(page);
  // Batch B is incomplete (6 of 7 codes): a prominent banner says so.
  await expect(page.getByTestId('incomplete-banner')).toContainText('code_bbbb000000000002');
  // Rejected rows are listed with file, row and reason.
  await expect(page.getByTestId('error-banner')).toContainText('issued-gbk.csv');
  await expect(page.getByTestId('error-banner')).toContainText('platform-e.csv');
  await page.screenshot({ path: 'output/results-zh.png', fullPage: true });

  // The exceptions queue, through the real worker: a flag chip, a search, a code's detail.
  await page.getByTestId('filter-flag-duplicate_issue').click();
  await expect(page.getByTestId('code-table-total')).toHaveAttribute('data-value', String(EXPECTED.flags.duplicate_issue.count));
  await page.getByTestId('filter-flag-duplicate_issue').click();
  await page.getByTestId('code-search').fill('FCB005');
  await expect(page.getByTestId('code-table-total')).toHaveAttribute('data-value', '1');
  await page.locator('[data-testid="code-row"][data-code="FCB005"]').click();
  const detail = page.getByTestId('code-detail');
  await expect(detail).toContainText('issued-gbk.csv');
  await page.screenshot({ path: 'output/step-3-detail.png', fullPage: true });
  await page.getByTestId('close-detail').click();
  await expect(detail).toHaveCount(0);
  watch.assertClean();
});

test('switching the language keeps every figure', async ({ page }) => {
  await openApp(page);
  await reconcileFixtures(page);
  await expectFiguresOfReport(page);
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('app-name')).toHaveText('F-code reconciliation');
  await expectFiguresOfReport(page);
  await expect(page.getByTestId('summary-amount-redeemed')).toHaveText(
    `¥${(EXPECTED.classes.redeemed.amount_cents / 100).toFixed(2)}`,
  );
  await page.screenshot({ path: 'output/results-en.png', fullPage: true });
});
