// Nothing the user loaded or computed is lost on a reload; a signed-off run
// is locked; saved runs can be reopened from History.
import { test, expect } from '@playwright/test';
import { watchPage, openApp, reloadWhenSaved } from './helpers.js';
import { reconcileFixtures, expectFiguresOfReport } from './steps.js';
import { PLATFORM_FILES, ISSUED_FILE, CONSUME_FILE } from './fixtures.js';

test('a reload mid-flow keeps the inputs and their choices', async ({ page }) => {
  const watch = await watchPage(page);
  await openApp(page);
  await page.getByTestId('platform-files').setInputFiles(PLATFORM_FILES.slice(0, 3));
  await expect(page.locator('[data-testid="platform-file-row"][data-state="ready"]')).toHaveCount(3);
  await page.getByTestId('platform-file-row').nth(1).getByTestId('pull-type').selectOption('CONSUME');

  await reloadWhenSaved(page);
  await expect(page.locator('[data-testid="platform-file-row"][data-state="ready"]')).toHaveCount(3);
  await expect(page.getByTestId('platform-file-row').nth(1).getByTestId('pull-type')).toHaveValue('CONSUME');
  await expect(page.getByTestId('platform-file-row').nth(0).getByTestId('pull-type')).toHaveValue('ALL');

  await page.getByTestId('to-issuance').click();
  await page.getByTestId('issued-file').setInputFiles(ISSUED_FILE);
  await expect(page.getByTestId('issued-rows')).toHaveText('24');
  await reloadWhenSaved(page);
  await expect(page.getByTestId('issued-rows')).toHaveText('24');
  await expect(page.getByTestId('issued-encoding')).toHaveText('gb18030');
  watch.assertClean();
});

test('a reload after the results shows the same figures, and the exports still work', async ({ page }) => {
  await openApp(page);
  await reconcileFixtures(page);
  await expectFiguresOfReport(page);
  await reloadWhenSaved(page);
  await expectFiguresOfReport(page);
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  // The worker has the results again: an export needs them.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report-json').click()]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
});

test('signing off locks the run until it is unlocked', async ({ page }) => {
  await openApp(page);
  await reconcileFixtures(page);
  await page.getByTestId('signoff-preparer').fill('张三');
  await page.getByTestId('signoff-reviewer').fill('李四');
  await page.getByTestId('sign-off').click();
  await expect(page.getByTestId('lock-banner')).toContainText('张三');
  await expect(page.getByTestId('run-reconcile')).toBeDisabled();

  await reloadWhenSaved(page);
  await expect(page.getByTestId('lock-banner')).toContainText('李四');
  await expect(page.getByTestId('run-reconcile')).toBeDisabled();
  await expectFiguresOfReport(page);

  // Changing an input of a locked run is refused, with a message.
  await page.getByTestId('nav-platform').click();
  await page.getByTestId('platform-files').setInputFiles(PLATFORM_FILES[0]);
  await expect(page.getByTestId('error-banner')).toContainText('locked');
  await expect(page.getByTestId('platform-file-row')).toHaveCount(PLATFORM_FILES.length);

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('unlock').click();
  await expect(page.getByTestId('lock-banner')).toHaveCount(0);
  await page.getByTestId('nav-results').click();
  await expect(page.getByTestId('run-reconcile')).toBeEnabled();
});

test('history lists saved runs and reopens them', async ({ page }) => {
  await openApp(page);
  await reconcileFixtures(page);
  await page.getByTestId('open-history').click();
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await page.getByTestId('run-name').fill('2026年8月对账');
  await page.getByTestId('run-name').press('Enter');

  // A second, empty run.
  await page.getByTestId('new-run').click();
  await expect(page.getByTestId('platform-file-row')).toHaveCount(0);
  await page.getByTestId('platform-files').setInputFiles(PLATFORM_FILES.filter((f) => f.endsWith(CONSUME_FILE)));
  await expect(page.getByTestId('platform-file-row')).toHaveCount(1);

  await page.getByTestId('open-history').click();
  await expect(page.getByTestId('history-row')).toHaveCount(2);
  const first = page.locator('[data-testid="history-row"]:not(.current)');
  await expect(first.getByTestId('run-name')).toHaveValue('2026年8月对账');
  await first.getByTestId('open-run').click();
  await expect(page.getByTestId('platform-file-row')).toHaveCount(PLATFORM_FILES.length);
  await page.getByTestId('nav-results').click();
  await expectFiguresOfReport(page);
});
