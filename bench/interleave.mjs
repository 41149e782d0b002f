// Two or more builds of the app timed in turn in one browser, for comparing
// a change against the build before it on a noisy machine: each round runs
// "ours" (bench/harness.js: a fresh engine worker, file bytes → report) once
// per build, and the medians of the rounds are printed side by side.
//
//   CARGO_PROFILE_RELEASE_STRIP=false scripts/wasm-env.sh trunk build --release --dist /tmp/a
//   (change, then build again into /tmp/b)
//   python3 bench/serve.py 18941 /tmp/a bench target/bench-data &
//   python3 bench/serve.py 18942 /tmp/b bench target/bench-data &
//   node bench/interleave.mjs --codes 1000000 --rounds 11 before=http://127.0.0.1:18941 after=http://127.0.0.1:18942
//
// The data are scripts/bench.sh's (target/bench-data/codes-N). VERBOSE=1
// prints every run.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg } from './app_flow.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(path.join(here, '..', 'tests/e2e/package.json'))('playwright-core');

const codes = arg('codes') || '1000000';
const rounds = Number(arg('rounds') || 11);
const builds = process.argv.slice(2).filter((a) => a.includes('=') && !a.startsWith('--'));
if (!builds.length) {
  console.error('usage: node bench/interleave.mjs [--codes N] [--rounds R] name=URL name=URL ...');
  process.exit(2);
}
const dir = `codes-${codes}`;
const data = path.join(here, '..', 'target/bench-data', dir);
const platform = fs.readdirSync(data).filter((f) => f.endsWith('.json')).sort();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--js-flags=--expose-gc'],
});
const pages = {};
for (const b of builds) {
  const [name, url] = b.split('=');
  const page = await browser.newPage();
  await page.goto(`${url}/bench/harness.html`);
  await page.waitForFunction(() => window.bench);
  await page.evaluate((a) => window.bench.load(a), { dir, platform, issued: 'issued.csv' });
  pages[name] = page;
}
const runs = {};
for (let r = 0; r < rounds; r++) {
  for (const [name, page] of Object.entries(pages)) {
    const out = await page.evaluate(() => window.bench.ours());
    (runs[name] ||= []).push(out);
    if (process.env.VERBOSE) console.log(name, r, Math.round(out.ms), JSON.stringify(out.steps, (k, v) => (typeof v === 'number' ? Math.round(v) : v)));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [name, xs] of Object.entries(runs)) {
  const loaded = xs.map((x) => Math.max(x.steps.platform_loaded, x.steps.issuance_loaded));
  console.log(`${name}: median ${Math.round(median(xs.map((x) => x.ms)))} ms (min ${Math.round(Math.min(...xs.map((x) => x.ms)))}),`
    + ` loads ${Math.round(median(loaded))}, Reconcile ${Math.round(median(xs.map((x) => x.steps.reconcile)))} ms,`
    + ` wasm memory ${Math.round(xs[0].wasmMemory / 1e6)} MB`);
}
await browser.close();
