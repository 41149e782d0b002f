// Which functions the app's main thread runs in each step: drives the
// release build through its three steps (as bench/trace.mjs does) under the
// DevTools sampling profiler and prints, per step, the functions with the
// most self time. WebAssembly functions have names only in a build that
// keeps them (the release build strips them):
//
//   CARGO_PROFILE_RELEASE_STRIP=false scripts/wasm-env.sh trunk build --release --dist /tmp/prof-dist
//   python3 bench/serve.py 18931 /tmp/prof-dist bench target/bench-data &
//   node bench/profile.mjs --base http://127.0.0.1:18931 --data target/bench-data/codes-1000000
//
// Sampling (every 100 µs) adds its own cost: use it to see what a long task is
// made of (bench/trace.mjs), not to time it.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const arg = (name) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
const base = arg('base');
const data = arg('data');
const top = Number(arg('top') || 20);
if (!base || !data) {
  console.error('usage: node bench/profile.mjs --base URL --data DATA_SET_DIR [--top N]');
  process.exit(2);
}
const { chromium } = createRequire(path.join(here, '..', 'tests/e2e/package.json'))('playwright-core');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const long = { timeout: 600_000 };
await page.goto(`${base}/`);
await page.getByTestId('platform-files').waitFor(long);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });

/** Runs `steps` under the profiler; prints the top functions by self time. */
async function profiled(label, steps) {
  await cdp.send('Profiler.start');
  await steps();
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') return;
    const key = `${f.functionName || '(anonymous)'}  ${path.basename(f.url || '')}`;
    self.set(key, (self.get(key) || 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${label}: ${(total / 1000).toFixed(1)} ms of samples outside idle`);
  for (const [name, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`);
  }
}

const names = fs.readdirSync(data).filter((n) => n.endsWith('.json')).sort();
await profiled('pick platform files', async () => {
  await page.getByTestId('platform-files').setInputFiles(names.map((n) => path.join(data, n)));
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="platform-file-row"][data-state="ready"]').length === n, names.length, { ...long, polling: 100 });
});
await page.getByTestId('to-issuance').click();
await profiled('pick the issuance list', async () => {
  await page.getByTestId('issued-file').setInputFiles(path.join(data, 'issued.csv'));
  await page.getByTestId('issued-rows').waitFor(long);
});
await page.getByTestId('to-results').click();
await page.getByTestId('run-reconcile').waitFor(long);
await profiled('开始对账', async () => {
  await page.getByTestId('run-reconcile').click();
  await page.getByTestId('tie-out').waitFor(long);
  await page.getByTestId('print-view').waitFor({ ...long, state: 'attached' });
  await page.waitForTimeout(500);
});
await browser.close();
