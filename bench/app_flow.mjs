// The app's release build driven through its three steps with one generated
// data set, as a user does it: shared by bench/trace.mjs and bench/profile.mjs
// (Playwright from tests/e2e, Debian's Chromium).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(path.join(here, '..', 'tests/e2e/package.json'))('playwright-core');
const long = { timeout: 600_000 };

/** `--name value` from the command line. */
export const arg = (name) => {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

/** A fresh browser on the app's first page, ready for files. */
export async function openApp(base, { beforeApp } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  if (beforeApp) await beforeApp(browser);
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByTestId('platform-files').waitFor(long);
  return { browser, context, page };
}

/** The steps in order: a label, and what the user does in that step up to
 *  the point where the next one can start. */
export function appSteps(page, data) {
  const names = fs.readdirSync(data).filter((n) => n.endsWith('.json')).sort();
  return [
    {
      label: 'pick platform files',
      run: async () => {
        await page.getByTestId('platform-files').setInputFiles(names.map((n) => path.join(data, n)));
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="platform-file-row"][data-state="ready"]').length === n, names.length, { ...long, polling: 100 });
        await page.getByTestId('to-issuance').click();
      },
    },
    {
      label: 'pick the issuance list',
      run: async () => {
        await page.getByTestId('issued-file').setInputFiles(path.join(data, 'issued.csv'));
        await page.getByTestId('issued-rows').waitFor(long);
        await page.getByTestId('to-results').click();
        await page.getByTestId('run-reconcile').waitFor(long);
      },
    },
    {
      label: '开始对账',
      run: async () => {
        await page.getByTestId('run-reconcile').click();
        await page.getByTestId('tie-out').waitFor(long);
        await page.getByTestId('print-view').waitFor({ ...long, state: 'attached' });
        await page.waitForTimeout(500);
      },
    },
  ];
}
