// End-to-end tests against the release build in dist/, served on 127.0.0.1,
// driven in Debian's Chromium (never a browser downloaded by a test tool).
import { mkdirSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// The simulator writes its dump and demo list here before any test runs; a
// fresh clone has no such folder yet.
mkdirSync('output', { recursive: true });

const APP_PORT = Number(process.env.E2E_APP_PORT || 4173);

// The live-fetch chain (specs/fetch.spec.js): the real proxy in front of the
// real gateway simulator, on fixed loopback ports apart from the demo's
// 8787/8788. Secrets reach them through the environment only. The faults
// are scheduled, so the same requests fail on every run: the 1st (HTTP 5xx),
// the 3rd (a 1-second call-limit ban), the 5th (a truncated body), and the
// 7th is slow, which gives the test a window to cancel mid-batch.
const SIM_PORT = Number(process.env.E2E_SIM_PORT || 18788);
const PROXY_PORT = Number(process.env.E2E_PROXY_PORT || 18787);
export const FETCH_E2E = {
  proxyUrl: `http://127.0.0.1:${PROXY_PORT}`,
  appKey: 'e2e_app_key',
  appSecret: 'e2e-app-secret-7d0c41f9b2',
  token: 'e2e-proxy-token-3a9e58c1',
  partnerCode: 'demo_partner',
  // Written by the simulator at start, relative to this directory.
  dump: 'output/fetch-dump.jsonl',
  issued: 'output/fetch-issued.csv',
};
const FETCH_ENV = {
  TOP_APP_KEY: FETCH_E2E.appKey,
  TOP_APP_SECRET: FETCH_E2E.appSecret,
  PROXY_TOKEN: FETCH_E2E.token,
  RUST_LOG: 'warn',
};
// Built by scripts/test.sh (cargo build --release -p fcode-proxy).
const PROXY_BIN = '../../target/release/fcode-proxy';

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
    {
      command:
        `${PROXY_BIN} simulate --listen 127.0.0.1:${SIM_PORT} --batches 2 --codes 300 --page-size 50 --seed 42 ` +
        `--partner-code ${FETCH_E2E.partnerCode} --dump ${FETCH_E2E.dump} --demo-issuance ${FETCH_E2E.issued} ` +
        '--fault-schedule 5xx,ok,call-limit,ok,truncate,ok,slow --fault-call-limit-secs 1 --fault-slow-ms 4000',
      url: `http://127.0.0.1:${SIM_PORT}/healthz`,
      env: FETCH_ENV,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 30_000,
    },
    {
      command:
        `${PROXY_BIN} serve --listen 127.0.0.1:${PROXY_PORT} --gateway http://127.0.0.1:${SIM_PORT}/router/rest ` +
        `--allow-origin http://127.0.0.1:${APP_PORT}`,
      url: `http://127.0.0.1:${PROXY_PORT}/healthz`,
      env: FETCH_ENV,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 30_000,
    },
  ],
});
