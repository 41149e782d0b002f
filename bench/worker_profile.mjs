// Which functions the engine worker runs during one benchmark run of "ours"
// (bench/harness.js): the DevTools sampling profiler attached to the worker
// itself, which bench/profile.mjs (the page's main thread) cannot see. Prints
// the functions with the most self time and the most inclusive time.
// WebAssembly functions have names only in a build that keeps them:
//
//   CARGO_PROFILE_RELEASE_STRIP=false scripts/wasm-env.sh trunk build --release --dist /tmp/prof-dist
//   python3 bench/serve.py 18931 /tmp/prof-dist bench target/bench-data &
//   node --experimental-websocket bench/worker_profile.mjs --base http://127.0.0.1:18931 --codes 1000000
//
// Playwright opens the page; the profiler speaks the DevTools protocol over the
// browser's debugging port itself, since Playwright gives no session for a
// dedicated worker. Sampling adds its own cost: read shares, not times.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg } from './app_flow.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(path.join(here, '..', 'tests/e2e/package.json'))('playwright-core');

const base = arg('base');
const codes = arg('codes') || '1000000';
const data = path.resolve(arg('data') || path.join(here, '..', 'target/bench-data'));
const top = Number(arg('top') || 25);
const port = Number(arg('port') || 19222);
if (!base) {
  console.error('usage: node --experimental-websocket bench/worker_profile.mjs --base URL [--codes N] [--data DIR] [--top N]');
  process.exit(2);
}

/** A DevTools protocol connection in flat mode: one socket, many sessions. */
class Cdp {
  constructor(url) {
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    this.socket = new WebSocket(url);
    this.open = new Promise((resolve, reject) => {
      this.socket.onopen = resolve;
      this.socket.onerror = () => reject(new Error(`cannot reach ${url}`));
    });
    this.socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.id && this.pending.has(message.id)) {
        const { resolve, reject } = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) reject(new Error(`${message.error.message} (${message.error.code})`));
        else resolve(message.result);
      } else if (message.method) {
        for (const listener of this.listeners) listener(message);
      }
    };
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  on(listener) {
    this.listeners.push(listener);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', `--remote-debugging-port=${port}`],
});
const page = await browser.newPage();
page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
await page.goto(`${base}/bench/harness.html`);
await page.waitForFunction(() => window.bench !== undefined);
const dir = `codes-${codes}`;
const names = fs.readdirSync(path.join(data, dir)).filter((f) => f.startsWith('batch-')).sort();
await page.evaluate((a) => window.bench.load(a), { dir, platform: names, issued: 'issued.csv' });
// One run unprofiled, so the profiled one sees the same warm browser as the benchmark's.
await page.evaluate(() => window.bench.ours());

const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const pageTarget = targets.find((t) => t.type === 'page' && t.url.includes('/bench/harness.html'));
const cdp = new Cdp(pageTarget.webSocketDebuggerUrl);
await cdp.open;
// Every worker of the run: the engine, its parse helper and their hashing
// helpers (each worker's session auto-attaches its own nested workers).
const workers = [];
cdp.on(async (message) => {
  if (message.method !== 'Target.attachedToTarget' || message.params.targetInfo.type !== 'worker') return;
  const { sessionId, targetInfo } = message.params;
  workers.push({ sessionId, url: targetInfo.url, title: targetInfo.title });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, sessionId);
  await cdp.send('Profiler.enable', {}, sessionId);
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 }, sessionId);
  await cdp.send('Profiler.start', {}, sessionId);
  await cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId);
});
await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });

const run = await page.evaluate(() => window.bench.ours({ keepWorker: true }));
const profiles = [];
for (const w of workers) profiles.push({ ...w, profile: (await cdp.send('Profiler.stop', {}, w.sessionId)).profile });
await page.evaluate(() => window.bench.releaseWorker());
await browser.close();

console.log(`${dir}: ${run.ms.toFixed(0)} ms under the profiler; steps ${JSON.stringify(Object.fromEntries(Object.entries(run.steps).map(([k, v]) => [k, Math.round(v)])))}`);
timeline(profiles);
for (const { url, title, profile } of profiles) {
  console.log(`\n=== worker ${title || ''} ${path.basename(url)}`);
  report(profile);
}

/** When each worker was busy: one character per 50 ms of the run (# most of
 *  it, + some, . idle), all on the profiles' shared clock. */
function timeline(all) {
  const BUCKET = 50_000;
  const busy = all.map(({ profile }) => {
    const out = new Map();
    let t = profile.startTime;
    profile.samples.forEach((id, i) => {
      t += profile.timeDeltas[i] ?? 0;
      const node = profile.nodes.find((n) => n.id === id);
      const name = node?.callFrame.functionName;
      if (name === '(idle)' || name === '(program)') return;
      const us = profile.timeDeltas[i + 1] ?? 0;
      const b = Math.floor(t / BUCKET);
      out.set(b, (out.get(b) || 0) + us);
    });
    return out;
  });
  const keys = busy.flatMap((m) => [...m.keys()]);
  if (!keys.length) return;
  const [first, last] = [Math.min(...keys), Math.max(...keys)];
  console.log(`\nbusy per ${BUCKET / 1000} ms (# > 75%, + > 25%, . less):`);
  all.forEach(({ title, url }, k) => {
    let line = '';
    for (let b = first; b <= last; b++) {
      const f = (busy[k].get(b) || 0) / BUCKET;
      line += f > 0.75 ? '#' : f > 0.25 ? '+' : '.';
    }
    console.log(`${(title || path.basename(url)).slice(0, 22).padEnd(22)} ${line}`);
  });
}

/** Prints one worker's functions by self and by inclusive time. */
function report(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const key = (f) => `${f.functionName || '(anonymous)'}  ${path.basename(f.url || '')}`;
  const self = new Map();
  const inclusive = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(id).callFrame;
    if (leaf.functionName === '(idle)' || leaf.functionName === '(program)') return;
    total += us;
    self.set(key(leaf), (self.get(key(leaf)) || 0) + us);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const k = key(byId.get(n).callFrame);
      if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) || 0) + us);
      seen.add(k);
    }
  });
  const print = (title, map) => {
    console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms of samples outside idle)`);
    for (const [name, us] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  print('self time', self);
  print('inclusive time', inclusive);
}
