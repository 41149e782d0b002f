// The application shell: renders in Chinese by default, switches language and
// remembers it, navigates the three steps, explains itself, and stays within
// its Content-Security-Policy.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.js';

test('renders the shell in Chinese by default', async ({ page }) => {
  const watch = await watchPage(page);
  await openApp(page);
  await expect(page.getByTestId('app-name')).toHaveText('券码对账');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const steps = page.locator('.step-nav a');
  await expect(steps).toHaveCount(3);
  await expect(steps).toHaveText(['1平台数据', '2发放清单', '3对账结果']);
  await expect(page.getByTestId('nav-platform')).toHaveAttribute('aria-current', 'step');
  await page.screenshot({ path: 'output/shell-zh.png', fullPage: true });
  watch.assertClean();
});

test('switches to English and remembers it across a reload', async ({ page }) => {
  const watch = await watchPage(page);
  await openApp(page);
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('app-name')).toHaveText('F-code reconciliation');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'true');

  await page.reload();
  await expect(page.getByTestId('app-name')).toHaveText('F-code reconciliation');
  await expect(page.getByTestId('nav-issuance')).toContainText('Issuance list');
  await page.screenshot({ path: 'output/shell-en.png', fullPage: true });

  await page.getByTestId('lang-zh').click();
  await expect(page.getByTestId('app-name')).toHaveText('券码对账');
  await page.reload();
  await expect(page.getByTestId('app-name')).toHaveText('券码对账');
  watch.assertClean();
});

test('navigates the steps through the URL fragment, also after a reload', async ({ page }) => {
  const watch = await watchPage(page);
  await openApp(page);
  await page.getByTestId('nav-issuance').click();
  await expect(page).toHaveURL(/#\/issuance$/);
  await expect(page.getByTestId('step-issuance')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('step-issuance')).toBeVisible();
  await expect(page.getByTestId('nav-issuance')).toHaveAttribute('aria-current', 'step');

  await page.getByTestId('nav-results').click();
  await expect(page.getByTestId('step-results')).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('step-issuance')).toBeVisible();
  watch.assertClean();
});

test('the about panel says what the app does and that data stays local', async ({ page }) => {
  const watch = await watchPage(page);
  await openApp(page);
  await page.getByTestId('open-about').click();
  await expect(page.getByTestId('about-panel')).toBeVisible();
  await expect(page.getByTestId('about-privacy')).toContainText('不会上传');
  await page.getByTestId('close-about').click();
  await expect(page.getByTestId('about-panel')).toHaveCount(0);
  watch.assertClean();
});

test('the page declares a strict Content-Security-Policy and has no inline scripts', async ({ page }) => {
  const watch = await watchPage(page);
  await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
  const inlineScripts = await page.locator('script:not([src])').count();
  expect(inlineScripts).toBe(0);
  watch.assertClean();
});
