// Cancel stops the engine's work: what was being read is marked cancelled,
// queued files are not started, what was loaded stays loaded, and the fresh
// worker reconciles as before.
import { test, expect } from '@playwright/test';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { openApp } from './helpers.js';
import { PLATFORM_FILES, ISSUED_FILE } from './fixtures.js';

const BIG_FILES = 3;
const PAGES = 30;
const PER_PAGE = 10_000; // 300k records, ~30 MB per file: long enough to cancel

/** Writes large TOP JSON Lines files (one response per line) once. */
function bigFiles() {
  const dir = path.resolve('output/big');
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let f = 0; f < BIG_FILES; f++) {
    const file = path.join(dir, `big-${f}.jsonl`);
    files.push(file);
    if (existsSync(file)) continue;
    const lines = [];
    for (let p = 0; p < PAGES; p++) {
      const coupons = [];
      for (let i = 0; i < PER_PAGE; i++) {
        const n = (f * PAGES + p) * PER_PAGE + i;
        coupons.push({ code: `BIG${String(n).padStart(9, '0')}`, code_status: n % 3 === 0 ? 2 : 0, gmt_modified: '2026-08-15 10:00:00', bind_status: -1 });
      }
      lines.push(JSON.stringify({ result: { return_code: '0', return_value: {
        basic: { mix_id: `code_big${f}`, denomination: 500, total_count: PAGES * PER_PAGE },
        coupon_list: coupons, has_next: p + 1 < PAGES, last_sequence: (p + 1) * PER_PAGE, current_rows: PER_PAGE,
      } } }));
    }
    writeFileSync(file, lines.join('\n'));
  }
  return files;
}

test('cancel stops reading, keeps what was loaded, and the engine works on', async ({ page }) => {
  const big = bigFiles();
  await openApp(page);
  await page.getByTestId('platform-files').setInputFiles([PLATFORM_FILES[0], ...big]);
  await expect(page.locator('[data-testid="platform-file-row"][data-state="ready"]').first()).toBeVisible();
  await expect(page.getByTestId('progress')).toBeVisible();
  await page.getByTestId('cancel-work').click();

  await expect(page.getByTestId('progress')).toHaveCount(0, { timeout: 30_000 });
  const rows = page.getByTestId('platform-file-row');
  await expect(rows.first()).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('[data-testid="platform-file-row"][data-state="reading"]')).toHaveCount(0);
  const cancelled = page.locator('[data-testid="platform-file-row"][data-state="failed"]');
  expect(await cancelled.count()).toBeGreaterThan(0);
  await expect(cancelled.first()).toContainText('已取消');

  // The fresh worker has the loaded files: reconcile against the issuance list.
  await page.getByTestId('to-issuance').click();
  await page.getByTestId('issued-file').setInputFiles(ISSUED_FILE);
  await expect(page.getByTestId('issued-rows')).toHaveText('24');
  await page.getByTestId('to-results').click();
  await page.getByTestId('run-reconcile').click();
  await expect(page.getByTestId('tie-out')).toHaveAttribute('data-balanced', 'true');
});
