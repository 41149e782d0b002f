// Where the app's main thread spends its long tasks: drives the release build
// through its three steps with one data set (as bench/run.mjs does) under a
// DevTools trace, and prints every main-thread task of 40 ms or more with the
// step it fell in and what it was made of (script, layout, style, GC...),
// then what ran inside it in order (events, callbacks, layouts, collections).
//
//   --min-ms N          tasks of N ms or more (default 40)
//   --in-order          in the order they ran, not longest first
//   --categories A,B    more trace categories (e.g. toplevel,blink,v8,fonts)
//   --all-events        every event of 2 ms or more inside a task, not only the usual ones
//
//   python3 bench/serve.py 18930 target/bench-dist bench target/bench-data &
//   node bench/trace.mjs --base http://127.0.0.1:18930 --data target/bench-data/codes-1000000 [--after-harness]
//
// (scripts/bench.sh leaves target/bench-dist and target/bench-data behind.)
// One run, one machine: compare tasks within a run, not across runs.
import fs from 'node:fs';
import { appSteps, arg, openApp } from './app_flow.mjs';

const base = arg('base');
const data = arg('data');
if (!base || !data) {
  console.error('usage: node bench/trace.mjs --base URL --data DATA_SET_DIR [--after-harness]');
  process.exit(2);
}
// --after-harness: first run the bench harness's three implementations once
// on the same data in another tab of the same browser, left open, as
// bench/run.mjs does before it drives the app.
const afterHarness = async (browser) => {
  const harness = await browser.newPage();
  await harness.goto(`${base}/bench/harness.html`);
  await harness.waitForFunction(() => window.bench !== undefined, null, { timeout: 60_000 });
  const dir = data.split('/').filter(Boolean).pop();
  const platform = fs.readdirSync(data).filter((n) => n.startsWith('batch-')).sort();
  await harness.evaluate((a) => window.bench.load(a), { dir, platform, issued: 'issued.csv' });
  for (const impl of ['ours', 'duck', 'js']) await harness.evaluate((n) => window.bench[n](), impl);
};
const { browser, context, page } = await openApp(base, { beforeApp: process.argv.includes('--after-harness') ? afterHarness : undefined });
const cdp = await context.newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const complete = new Promise((resolve) => cdp.on('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing' + (arg('categories') ? ',' + arg('categories') : ''), transferMode: 'ReportEvents' });
// Marks in the trace's clock, to say which step a task fell in.
const steps = appSteps(page, data);
for (const step of steps) {
  await page.evaluate((n) => performance.mark(n), step.label);
  await step.run();
}
await cdp.send('Tracing.end');
await complete;
await browser.close();

// The app's renderer is the process that holds the step marks (with
// --after-harness the trace holds the harness tab's renderer too).
const labels = new Set(steps.map((s) => s.label));
const userMarks = events.filter((e) => e.cat === 'blink.user_timing' && labels.has(e.name));
const pid = userMarks[0]?.pid;
const thread = events.find((e) => e.pid === pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
const marks = userMarks.map((e) => ({ name: e.name, ts: e.ts })).sort((a, b) => a.ts - b.ts);
const stepAt = (ts) => marks.filter((m) => m.ts <= ts).pop()?.name ?? 'page load';
const slices = events.filter((e) => e.pid === pid && e.tid === thread && e.ph === 'X');
// Events that say what started a piece of a task, and garbage collection.
const DETAIL = new Set(['EventDispatch', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'v8.callFunction',
  'MajorGC', 'MinorGC', 'V8.GC_MARK_COMPACTOR', 'Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'ParseHTML', 'XHRReadyStateChange']);
const minMs = Number(arg('min-ms') || 40);
const tasks = slices.filter((e) => e.name === 'RunTask' && e.dur >= minMs * 1000)
  .sort((a, b) => (process.argv.includes('--in-order') ? a.ts - b.ts : b.dur - a.dur));
if (!tasks.length) console.log(`no main-thread task of ${minMs} ms or more`);
for (const task of tasks) {
  const inside = {};
  const within = slices.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur || 0) <= task.ts + task.dur);
  for (const e of within) inside[e.name] = (inside[e.name] || 0) + (e.dur || 0);
  const parts = Object.entries(inside).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`);
  console.log(`${(task.dur / 1000).toFixed(1).padStart(6)} ms  during "${stepAt(task.ts)}": ${parts.join(', ')}`);
  // What ran in it, in order: the events, callbacks and collections of 2 ms
  // or more (a task's total says little when one call in it stalls).
  for (const e of within.filter((e) => e.dur >= 2_000 && (process.argv.includes('--all-events') || DETAIL.has(e.name))).sort((a, b) => a.ts - b.ts)) {
    const d = e.args?.data ?? {};
    const what = [d.type, d.functionName, d.url && d.url.split('/').pop(), e.args?.src_func, e.args?.chrome_mojo_event_info?.mojo_interface_tag].filter(Boolean).join(' ');
    console.log(`          +${((e.ts - task.ts) / 1000).toFixed(1).padStart(6)} ms  ${(e.dur / 1000).toFixed(1).padStart(6)} ms  ${e.name}${what ? ` (${what})` : ''}`);
  }
}
