// End-to-end tests against the release build in dist/, served on 127.0.0.1,
// driven in Debian's Chromium (never a browser downloaded by a test tool).
import { defineConfig } from '@playwright/test';

const APP_PORT = Number(process.env.E2E_APP_PORT || 4173);

export default defineConfig({
  testDir: './specs',
  outputDir: './output/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}/`,
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      // As root Chromium needs --no-sandbox; the rest keep it from reaching
      // for the internet, which this machine does not have.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  webServer: [
    {
      command: `python3 -m http.server ${APP_PORT} --bind 127.0.0.1 --directory ../../dist`,
      url: `http://127.0.0.1:${APP_PORT}/index.html`,
      reuseExistingServer: false,
      stderr: 'ignore',
      timeout: 30_000,
    },
  ],
});
