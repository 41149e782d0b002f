// The engine worker of the release build, spoken to directly as the page
// speaks to it (src/worker/protocol.rs): a loaded file's SHA-256 is taken by
// its hashing helper (src/worker/sha256_worker.js) on another thread, and is
// the file's. Nothing else shows whether the helper ran: a fallback would
// give the same hashes, only on the engine's thread.
import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openApp, watchPage } from './helpers.js';
import { PLATFORM_FILES, ISSUED_FILE } from './fixtures.js';

test('files loaded into the engine are hashed by its helper worker, and the hashes are right', async ({ page }) => {
  const watch = await watchPage(page);
  await openApp(page);
  const files = [PLATFORM_FILES[0], PLATFORM_FILES[3]].map((f) => ({ name: path.basename(f), bytes: [...readFileSync(f)] }));
  const issued = { name: path.basename(ISSUED_FILE), bytes: [...readFileSync(ISSUED_FILE)] };
  const replies = await page.evaluate(async ({ files, issued }) => {
    const worker = new Worker(new URL('worker_loader.js', document.baseURI), { type: 'module' });
    const pending = new Map();
    const ready = new Promise((resolve) => {
      worker.onmessage = (event) => {
        const envelope = JSON.parse(event.data.json);
        if (envelope.kind === 'ready') resolve();
        if (envelope.kind === 'reply') pending.get(envelope.id)(envelope.reply);
      };
    });
    await ready;
    let id = 0;
    const call = (request, bytes) => new Promise((resolve) => {
      id += 1;
      pending.set(id, resolve);
      const buffer = bytes && new Uint8Array(bytes).buffer;
      worker.postMessage({ json: JSON.stringify({ kind: 'request', id, request }), bytes: buffer }, buffer ? [buffer] : []);
    });
    const out = [];
    for (const [k, f] of files.entries()) out.push(await call({ type: 'load_platform', input: k + 1, name: f.name }, f.bytes));
    const options = { mapping: null, face_value_unit: null, sheet: null };
    out.push(await call({ type: 'load_issuance', input: 9, name: issued.name, options }, issued.bytes));
    out.push(await call({ type: 'stats' }, null));
    worker.terminate();
    return out;
  }, { files, issued });

  const sha256 = (bytes) => createHash('sha256').update(Buffer.from(bytes)).digest('hex');
  const [first, second, list, stats] = replies;
  expect(first.type).toBe('platform_loaded');
  expect(first.sha256).toBe(sha256(files[0].bytes));
  expect(second.type).toBe('platform_loaded');
  expect(second.sha256).toBe(sha256(files[1].bytes));
  expect(list.type).toBe('issuance_loaded');
  expect(list.sha256).toBe(sha256(issued.bytes));
  expect(stats.type).toBe('stats');
  expect(stats.files_hashed_off_thread).toBe(3);
  watch.assertClean();
});
