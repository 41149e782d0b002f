// The issuance step beyond files: text pasted from a spreadsheet, columns the
// app cannot recognise mapped by hand, and the mapping remembered.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.js';

// Headers no synonym matches: the code column must be mapped by hand.
const PASTED = ['号码\t经手人\t金额(元)', 'FCA001\t张三\t4.00', 'fca002\t李四\t4', 'FCA003\t王五\t¥4.00'].join('\n');

test('pasted text with unknown headers is mapped by hand, and the mapping is remembered', async ({ page }) => {
  const watch = await watchPage(page);
  await openApp(page, '#/issuance');
  await page.getByTestId('issued-paste').fill(PASTED);
  await page.getByTestId('issued-paste-load').click();

  const dialog = page.getByTestId('mapping-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('mapping-apply')).toBeDisabled();
  await page.getByTestId('map-code').selectOption({ index: 1 });
  await page.getByTestId('map-recipient').selectOption({ index: 2 });
  await page.getByTestId('map-face_value').selectOption({ index: 3 });
  await page.screenshot({ path: 'output/step-2-mapping.png', fullPage: true });
  await page.getByTestId('mapping-apply').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('issued-rows')).toHaveText('3');
  await expect(page.getByTestId('issued-rejected')).toHaveText('0');

  // The same header set again: loaded straight away with the remembered mapping.
  await page.getByTestId('issued-paste').fill(PASTED.replace('FCA003', 'FCA004'));
  await page.getByTestId('issued-paste-load').click();
  await expect(page.getByTestId('issued-rows')).toHaveText('3');
  await expect(page.getByTestId('mapping-dialog')).toHaveCount(0);
  watch.assertClean();
});
