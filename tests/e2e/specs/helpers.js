// Shared helpers for the end-to-end specs.
import { expect } from '@playwright/test';

/**
 * Records everything that would tell us the page is unhealthy: console errors,
 * uncaught exceptions, CSP violations and requests leaving this machine.
 * Call `assertClean()` at the end of a test.
 */
export async function watchPage(page) {
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) {
      problems.push(`request to a third party: ${req.url()}`);
    }
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return {
    problems,
    assertClean() {
      expect(problems, problems.join('\n')).toEqual([]);
    },
  };
}

/** Opens the app and waits until the WebAssembly has mounted the shell. */
export async function openApp(page, path = '') {
  await page.goto(path);
  await expect(page.getByTestId('app-shell')).toBeVisible();
}

/** Reloads once the header says every change is in the browser's storage
 *  ("已保存"), as a user would: storage is asynchronous, and a reload in the
 *  moment after a change may come before it is written. */
export async function reloadWhenSaved(page) {
  const status = page.getByTestId('save-status');
  await expect(status).toHaveAttribute('data-state', 'saved');
  await expect(status).toHaveText(/已保存|Saved/);
  await page.reload();
}
