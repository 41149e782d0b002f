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
import path from 'node:path';
import { appSteps, arg, openApp } from './app_flow.mjs';

const base = arg('base');
const data = arg('data');
const top = Number(arg('top') || 20);
if (!base || !data) {
  console.error('usage: node bench/profile.mjs --base URL --data DATA_SET_DIR [--top N]');
  process.exit(2);
}
const { browser, context, page } = await openApp(base);
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

for (const step of appSteps(page, data)) {
  await profiled(step.label, step.run);
}
await browser.close();
