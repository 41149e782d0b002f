// How the page reads the files it is given (src/state/blob_reader.rs): by a
// helper worker, so the page's main thread never copies a file's bytes; the
// mapping preview of a long text list from its first megabyte only; and, when
// the helper cannot start, on the page as before.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.js';
import { reconcileFixtures, expectFiguresOfReport } from './steps.js';

const HEAD_BYTES = 1 << 20; // PREVIEW_TEXT_BYTES in crates/fcode-core/src/issuance/preview.rs

/** Watches the page's reads: Blob.arrayBuffer() calls on its main thread,
 *  and the size of every Blob it posts to a worker (the reading helper). */
async function watchReads(page) {
  await page.addInitScript(() => {
    const reads = { mainThread: 0, posted: [] };
    window.__reads = reads;
    const arrayBuffer = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function (...args) {
      reads.mainThread += 1;
      return arrayBuffer.apply(this, args);
    };
    const postMessage = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (message && message.blob instanceof Blob) reads.posted.push(message.blob.size);
      return postMessage.call(this, message, ...rest);
    };
  });
  return () => page.evaluate(() => window.__reads);
}

/** A UTF-8 issuance list of `rows` rows with the headers the app detects. */
function bigList(rows) {
  const lines = ['券码,发放时间,领取人,订单号,面值(元),批次号,状态,备注'];
  for (let i = 0; i < rows; i += 1) {
    lines.push(`FCX${String(i).padStart(6, '0')},2026-05-01 09:00:00,员工${i},SO-${i},4.00,code_xxxx000000000001,已发放,第${i}行`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

test('picked files are read by the reading helper, none on the page\'s main thread', async ({ page }) => {
  const watch = await watchPage(page);
  const reads = await watchReads(page);
  await openApp(page);
  await reconcileFixtures(page);
  await expectFiguresOfReport(page);
  expect(page.workers().map((w) => new URL(w.url()).pathname)).toContain('/blob_reader.js');
  const seen = await reads();
  expect(seen.mainThread).toBe(0);
  // Six platform files and the list (read for its preview, then loaded).
  expect(seen.posted.length).toBe(8);
  watch.assertClean();
});

test('a text list over a megabyte is previewed from its first megabyte and loaded whole', async ({ page }) => {
  const watch = await watchPage(page);
  const reads = await watchReads(page);
  await openApp(page, '#/issuance');
  const rows = 30_000;
  const bytes = Buffer.from(bigList(rows));
  expect(bytes.length).toBeGreaterThan(2 * HEAD_BYTES);
  await page.getByTestId('issued-file').setInputFiles({ name: 'issued-big.csv', mimeType: 'text/csv', buffer: bytes });
  await expect(page.getByTestId('issued-rows')).toHaveText('30,000');
  await expect(page.getByTestId('issued-rejected')).toHaveText('0');
  await expect(page.getByTestId('issued-encoding')).toHaveText('utf-8');
  // The preview read the head, the load the whole file: nothing else.
  expect((await reads()).posted).toEqual([HEAD_BYTES, bytes.length]);
  watch.assertClean();
});

test('a UTF-16 list over a megabyte is previewed from the whole file (a cut could split a character)', async ({ page }) => {
  const watch = await watchPage(page);
  const reads = await watchReads(page);
  await openApp(page, '#/issuance');
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bigList(10_000), 'utf16le')]);
  expect(bytes.length).toBeGreaterThan(HEAD_BYTES);
  await page.getByTestId('issued-file').setInputFiles({ name: 'issued-utf16.txt', mimeType: 'text/plain', buffer: bytes });
  await expect(page.getByTestId('issued-rows')).toHaveText('10,000');
  await expect(page.getByTestId('issued-encoding')).toHaveText('utf-16le');
  expect((await reads()).posted).toEqual([HEAD_BYTES, bytes.length, bytes.length]);
  watch.assertClean();
});

test('files are still read, on the page, when the reading helper cannot start', async ({ page }) => {
  const reads = await watchReads(page);
  await page.route('**/blob_reader.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await openApp(page);
  await reconcileFixtures(page);
  await expectFiguresOfReport(page);
  const seen = await reads();
  // The first files went to the helper, which never started (up to three
  // are read ahead); they and every file after them were read on the page.
  expect(seen.posted.length).toBeGreaterThan(0);
  expect(seen.mainThread).toBe(8);
});
