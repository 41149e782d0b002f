// The app's longest main-thread task per step, over several runs, for one or
// more builds taken in turn (so each sees the same machine): what
// bench/run.mjs reports once per data set, repeated to see how it spreads.
// Each run is a fresh browser driven through bench/app_flow.mjs's steps; the
// tasks are PerformanceObserver 'longtask' entries (50 ms or more), as in
// bench/run.mjs.
//
//   node bench/app_tasks.mjs --data target/bench-data/codes-1000000 --runs 5 \
//     before=http://127.0.0.1:18931 after=http://127.0.0.1:18930
//
// Machines here are noisy, and a page's tasks stretch on a slow or loaded
// one. Two ways to see that here: `--cpu-slowdown R` has DevTools run the
// page's main thread R times slower (its workers are not slowed), the same
// for every build, so a task that costs 30 ms shows as about 30 R ms;
// `--busy N` starts N spinning processes (Linux favours the mostly idle main
// thread over them, so they stretch its tasks little).
import { spawn } from 'node:child_process';
import { appSteps, arg, openApp } from './app_flow.mjs';

const data = arg('data');
const runs = Number(arg('runs') || 3);
const busy = Number(arg('busy') || 0);
const slowdown = Number(arg('cpu-slowdown') || 1);
const builds = process.argv.slice(2).filter((a) => /^[\w-]+=http/.test(a)).map((a) => a.split(/=(.*)/s).slice(0, 2));
if (!data || !builds.length) {
  console.error('usage: node bench/app_tasks.mjs --data DATA_SET_DIR [--runs N] [--cpu-slowdown R] [--busy N] NAME=URL [NAME=URL...]');
  process.exit(2);
}

const spinners = Array.from({ length: busy }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopSpinners = () => spinners.forEach((p) => p.kill());
process.on('exit', stopSpinners);

/** One run: the longest task (ms, 0 for none) in each step, a task counted
 *  in the step it started in. */
async function once(base) {
  const { browser, context, page } = await openApp(base);
  if (slowdown > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
  const starts = [];
  for (const step of appSteps(page, data)) {
    starts.push(await page.evaluate(() => performance.now()));
    await step.run();
  }
  starts.push(Infinity);
  const tasks = await page.evaluate(() => window.__tasks);
  await browser.close();
  return starts.slice(0, -1).map((t0, k) => Math.max(0, ...tasks.filter((t) => t.start >= t0 && t.start < starts[k + 1]).map((t) => t.duration)));
}

const labels = appSteps(null, data).map((s) => s.label);
const results = Object.fromEntries(builds.map(([name]) => [name, []]));
for (let r = 0; r < runs; r++) {
  for (const [name, base] of builds) {
    const longest = await once(base);
    results[name].push(longest);
    console.error(`run ${r + 1} ${name}: ${longest.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
  }
}
stopSpinners();
console.log(`longest main-thread task per step, ms (${labels.join(' / ')}); ${runs} runs each${slowdown > 1 ? `, the page's main thread ${slowdown}× slower` : ''}${busy ? `, ${busy} spinning processes beside` : ''}`);
for (const [name, rows] of Object.entries(results)) {
  const worst = labels.map((_, k) => Math.max(...rows.map((row) => row[k])));
  const median = labels.map((_, k) => rows.map((row) => row[k]).sort((a, b) => a - b)[Math.floor(rows.length / 2)]);
  console.log(`${name.padEnd(10)} median ${median.map((ms) => ms.toFixed(0)).join(' / ')}   worst ${worst.map((ms) => ms.toFixed(0)).join(' / ')}   runs over 100 ms: ${rows.filter((row) => row.some((ms) => ms > 100)).length} of ${rows.length}`);
}
