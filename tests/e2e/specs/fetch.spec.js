// Live fetch through the real chain: the app → fcode-proxy serve → fcode-proxy
// simulate (both started by playwright.config.js, with scheduled faults: an
// HTTP 5xx, a call-limit ban, a truncated body, a slow answer). The test
// configures the fetch in the UI, cancels it mid-batch, reloads the page,
// resumes, and reconciles what was fetched against the simulator's demo
// issuance list. Every figure must equal an independent computation from the
// simulator's --dump and that list (SPEC 3 and 4, written out below).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchPage, openApp, reloadWhenSaved } from './helpers.js';
import { FETCH_E2E } from '../playwright.config.js';
import { parseCsv } from './csv.js';

const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DUMP = path.join(E2E_DIR, FETCH_E2E.dump);
const ISSUED = path.join(E2E_DIR, FETCH_E2E.issued);

const CLASSES = [
  'redeemed', 'outstanding', 'expired', 'invalidated', 'missing_on_platform',
  'not_redeemed', 'unissued_redeemed', 'unissued_bound', 'unissued',
];
const FLAGS = [
  'missing_on_platform', 'unissued_redeemed', 'unissued_bound', 'voided_but_redeemed', 'duplicate_issue',
  'platform_conflict', 'face_value_mismatch', 'batch_mismatch', 'redeemed_after_expiry',
];

// ---- the truth, from the simulator's files ----------------------------------

/** The dump: one wrapped response per line, batch after batch. */
function readDump() {
  return readFileSync(DUMP, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const response = JSON.parse(line);
      const result = Object.values(response)[0].result;
      return { line, result, value: result.return_value };
    });
}


/** SPEC 3: NFKC, trim, drop one leading apostrophe, ASCII upper case. */
function normaliseCode(code) {
  let c = code.normalize('NFKC').trim();
  if (c.startsWith("'")) c = c.slice(1);
  return c.replace(/[a-z]/g, (ch) => ch.toUpperCase());
}

/** Yuan as finance types it (`30.00`, `¥30.00`, `30元`, `30`) → fen, exactly. */
function yuanToFen(text) {
  const t = text.normalize('NFKC').replace(/[¥元\s]/g, '');
  if (!t) return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) throw new Error(`unexpected face value ${text}`);
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
}

const VOID = new Set(['作废', '已作废', '退回', '退款', 'void', 'voided', 'cancelled', 'refunded']);

/** The last valid moment of a batch (SPEC 4, redeemed_after_expiry). */
function lastValidMoment(basic) {
  if (basic.valid_duration_type !== 'DAY') return basic.coupon_expire_time;
  const t = new Date(basic.coupon_expire_time.replace(' ', 'T') + 'Z');
  t.setUTCDate(t.getUTCDate() + Number(basic.valid_days));
  return t.toISOString().slice(0, 19).replace('T', ' ');
}

/** Every class and flag tally for the dump's batches (ALL pulls) and the list. */
function expectedFigures(dumpPages, csvText) {
  const batches = new Map();
  const platform = new Map();
  for (const { value } of dumpPages) {
    const basic = value.basic;
    batches.set(basic.mix_id, { denomination: Number(basic.denomination), lastValid: lastValidMoment(basic) });
    for (const c of value.coupon_list.f_code_info) {
      const code = normaliseCode(c.code);
      // The demo data has no code twice; a conflict would need SPEC 3's rules.
      if (platform.has(code)) throw new Error(`code ${code} twice in the dump`);
      platform.set(code, { status: Number(c.code_status), bind: Number(c.bind_status), gmt: c.gmt_modified, mixId: basic.mix_id });
    }
  }

  const [header, ...rows] = parseCsv(csvText.replace(/^\uFEFF/, ''));
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`no column ${name} in the demo list`);
    return i;
  };
  const [cCode, cFace, cBatch, cStatus] = ['券码', '面值(元)', '批次号', '状态'].map(col);
  const issued = new Map();
  for (const row of rows) {
    if (row.every((f) => !f.trim())) continue;
    const code = normaliseCode(row[cCode]);
    if (!issued.has(code)) issued.set(code, []);
    issued.get(code).push({
      face: yuanToFen(row[cFace]),
      mixId: row[cBatch].trim(),
      void: VOID.has(row[cStatus].trim().toLowerCase()),
    });
  }

  const tally = () => ({ count: 0, amount_cents: 0 });
  const classes = Object.fromEntries(CLASSES.map((k) => [k, tally()]));
  const flags = Object.fromEntries(FLAGS.map((k) => [k, tally()]));
  const add = (t, amount) => {
    t.count += 1;
    if (amount !== null) t.amount_cents += amount;
  };
  for (const code of new Set([...issued.keys(), ...platform.keys()])) {
    const p = platform.get(code);
    const rowsOf = issued.get(code) || [];
    const batchId = p ? p.mixId : (rowsOf.find((r) => r.mixId) || {}).mixId;
    const batch = batchId ? batches.get(batchId) : undefined;
    const denomination = batch ? batch.denomination : null;
    const firstFace = (rowsOf.find((r) => r.face !== null) || { face: null }).face;
    const amount = denomination ?? firstFace;
    let cls;
    if (rowsOf.length && p) {
      cls = { 2: 'redeemed', 0: 'outstanding', '-1': 'expired', '-2': 'invalidated' }[p.status];
    } else if (rowsOf.length) {
      cls = 'missing_on_platform'; // every batch here is an ALL pull
    } else if (p.status === 2) {
      cls = 'unissued_redeemed';
    } else {
      cls = p.status === 0 && p.bind === 0 ? 'unissued_bound' : 'unissued';
    }
    add(classes[cls], amount);
    const flagged = new Set();
    if (['missing_on_platform', 'unissued_redeemed', 'unissued_bound'].includes(cls)) flagged.add(cls);
    if (rowsOf.length > 1) flagged.add('duplicate_issue');
    if (p && p.status === 2 && rowsOf.some((r) => r.void)) flagged.add('voided_but_redeemed');
    if (denomination !== null && rowsOf.some((r) => r.face !== null && r.face !== denomination)) flagged.add('face_value_mismatch');
    if (p && rowsOf.some((r) => r.mixId && r.mixId !== p.mixId)) flagged.add('batch_mismatch');
    if (p && p.status === 2 && batch && p.gmt > batch.lastValid) flagged.add('redeemed_after_expiry');
    for (const f of flagged) add(flags[f], amount);
  }
  return { classes, flags, issuedCodes: issued.size, platformCodes: platform.size };
}

// ---- the test ----------------------------------------------------------------

const batchRow = (page, mixId) => page.locator(`[data-testid="fetch-batch"][data-mix-id="${mixId}"]`);

async function expectFigure(row, testid, value) {
  await expect(row.getByTestId(testid), testid).toHaveAttribute('data-value', String(value));
}

test('fetches two batches through the proxy with faults, survives cancel and reload, and reconciles to the dump', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = await watchPage(page);
  const dumpPages = readDump();
  const mixIds = [...new Set(dumpPages.map((p) => p.value.basic.mix_id))];
  expect(mixIds).toHaveLength(2);
  const pagesPerBatch = (mixId) => dumpPages.filter((p) => p.value.basic.mix_id === mixId).length;
  const expected = expectedFigures(dumpPages, readFileSync(ISSUED, 'utf8'));

  // What the browser receives from the proxy, to prove the secret never comes.
  const proxyBodies = [];
  page.on('response', async (response) => {
    if (response.url().startsWith(FETCH_E2E.proxyUrl)) {
      proxyBodies.push(await response.text().catch(() => ''));
    }
  });
  const proxyRequests = [];
  page.on('request', (request) => {
    if (request.url().startsWith(FETCH_E2E.proxyUrl)) proxyRequests.push(request.postData() || '');
  });

  // Configure.
  await openApp(page, '#/fetch');
  await expect(page.getByTestId('step-fetch')).toBeVisible();
  await page.getByTestId('setting-proxy-url').fill(FETCH_E2E.proxyUrl);
  await page.getByTestId('setting-token').fill(FETCH_E2E.token);
  await page.getByTestId('setting-partner-code').fill(FETCH_E2E.partnerCode);
  await page.getByTestId('setting-batches').fill(mixIds.join('\n'));
  await page.getByTestId('setting-pull').selectOption('ALL');
  await page.getByTestId('setting-cursor-key').fill('last_sequence');
  await expect(page.getByTestId('setting-problem')).toHaveCount(0);

  // Fetch; the first batch meets the 5xx, the ban and the truncated body.
  await page.getByTestId('fetch-start').click();
  const first = batchRow(page, mixIds[0]);
  const second = batchRow(page, mixIds[1]);
  await expect(first).toHaveAttribute('data-state', /fetching|retrying/);
  await expect(second).toHaveAttribute('data-state', 'waiting');
  await expectFigure(first, 'fetch-pages', 3);
  await expectFigure(first, 'fetch-retries', 3);

  // Cancel mid-batch (the 7th request is slow): what was fetched is kept.
  await page.getByTestId('fetch-cancel').click();
  await expect(first).toHaveAttribute('data-state', 'cancelled');
  await expect(second).toHaveAttribute('data-state', 'waiting');
  await expectFigure(first, 'fetch-pages', 3);
  await expect(page.getByTestId('fetch-resume')).toBeEnabled();

  // Reload: the settings, the progress and the pages come back from storage.
  await reloadWhenSaved(page);
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await expect(first).toHaveAttribute('data-state', 'cancelled');
  await expectFigure(first, 'fetch-pages', 3);
  await expectFigure(first, 'fetch-codes', 150);
  await expect(page.getByTestId('setting-proxy-url')).toHaveValue(FETCH_E2E.proxyUrl);
  await expect(page.getByTestId('setting-batches')).toHaveValue(mixIds.join('\n'));

  // Resume from the last good cursor, through both batches.
  await page.getByTestId('fetch-resume').click();
  await expect(first).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(second).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  for (const [row, mixId, retries] of [[first, mixIds[0], 3], [second, mixIds[1], 0]]) {
    await expectFigure(row, 'fetch-pages', pagesPerBatch(mixId));
    await expectFigure(row, 'fetch-codes', 300);
    await expectFigure(row, 'fetch-retries', retries);
    await expect(row.getByTestId('fetch-in-platform')).toBeVisible();
  }
  await expect(page.getByTestId('fetch-error')).toHaveCount(0);
  await page.screenshot({ path: 'output/fetch-done-zh.png', fullPage: true });

  // The raw pages, downloaded for audit, are exactly the simulator's pages.
  for (const mixId of mixIds) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      batchRow(page, mixId).getByTestId('fetch-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`fetch-${mixId}.jsonl`);
    const lines = readFileSync(await download.path(), 'utf8').split('\n').filter((l) => l.trim());
    const truth = dumpPages.filter((p) => p.value.basic.mix_id === mixId);
    expect(lines).toHaveLength(truth.length);
    lines.forEach((line, i) => {
      const fetched = Object.values(JSON.parse(line))[0].result;
      expect(fetched, `${mixId} page ${i + 1}`).toEqual(truth[i].result);
    });
  }

  // Both batches are platform data, as ALL pulls.
  await page.getByTestId('fetch-back').click();
  const rows = page.getByTestId('platform-file-row');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-testid="platform-file-row"][data-state="ready"]')).toHaveCount(2);
  for (const mixId of mixIds) {
    const row = rows.filter({ hasText: `fetch-${mixId}.jsonl` });
    await expect(row.getByTestId('pull-type')).toHaveValue('ALL');
  }

  // Reconcile against the simulator's demo issuance list.
  await page.getByTestId('to-issuance').click();
  await page.getByTestId('issued-file').setInputFiles(ISSUED);
  await expect(page.getByTestId('issued-encoding')).toBeVisible();
  await page.getByTestId('to-results').click();
  await page.getByTestId('run-reconcile').click();
  await expect(page.getByTestId('tie-out')).toBeVisible();
  for (const cls of CLASSES) {
    const t = expected.classes[cls];
    await expect(page.getByTestId(`summary-count-${cls}`), cls).toHaveAttribute('data-value', String(t.count));
    await expect(page.getByTestId(`summary-amount-${cls}`), cls).toHaveAttribute('data-value', String(t.amount_cents));
  }
  for (const flag of FLAGS) {
    const t = expected.flags[flag];
    await expect(page.getByTestId(`flag-count-${flag}`), flag).toHaveAttribute('data-value', String(t.count));
    await expect(page.getByTestId(`flag-amount-${flag}`), flag).toHaveAttribute('data-value', String(t.amount_cents));
  }
  for (const mixId of mixIds) {
    await expect(page.locator(`[data-testid="batch-row"][data-mix-id="${mixId}"]`)).toHaveAttribute('data-complete', 'true');
  }
  await expect(page.getByTestId('tie-out')).toHaveAttribute('data-balanced', 'true');
  // The computation is not vacuous: the injected exceptions are there.
  expect(expected.classes.redeemed.count).toBeGreaterThan(0);
  expect(expected.flags.duplicate_issue.count).toBe(1);
  expect(expected.classes.unissued_redeemed.count).toBe(2);

  // The secret never reaches the browser; the token only travels in its header.
  const html = await page.content();
  expect(html).not.toContain(FETCH_E2E.appSecret);
  expect(html).not.toContain(FETCH_E2E.token);
  expect(proxyRequests.length).toBeGreaterThan(12);
  for (const body of [...proxyBodies, ...proxyRequests]) {
    expect(body).not.toContain(FETCH_E2E.appSecret);
    expect(body).not.toContain(FETCH_E2E.token);
  }
  await page.screenshot({ path: 'output/fetch-results.png', fullPage: true });

  // The scheduled 5xx shows in the console as a failed resource load: expected.
  const unexpected = watch.problems.filter((p) => !/Failed to load resource: the server responded with a status of 50[23]/.test(p));
  expect(unexpected, unexpected.join('\n')).toEqual([]);
});

test('settings come from config.json, user edits win and are remembered; a refused token is explained', async ({ page }) => {
  const watch = await watchPage(page);
  // A deployment's config.json, served in place of the shipped one. No
  // token: the proxy refuses before anything reaches the simulator.
  await page.route('**/config.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        proxy_url: FETCH_E2E.proxyUrl,
        proxy_token: '',
        partner_code: 'preset_partner',
        batches: ['code_0000000000000001', 'code_0000000000000002'],
        pull: 'CONSUME',
        cursor_key: 'lastSequence',
      }),
    }),
  );
  await openApp(page, '#/fetch');
  await expect(page.getByTestId('setting-proxy-url')).toHaveValue(FETCH_E2E.proxyUrl);
  await expect(page.getByTestId('setting-partner-code')).toHaveValue('preset_partner');
  await expect(page.getByTestId('setting-batches')).toHaveValue('code_0000000000000001\ncode_0000000000000002');
  await expect(page.getByTestId('setting-pull')).toHaveValue('CONSUME');
  await expect(page.getByTestId('setting-cursor-key')).toHaveValue('lastSequence');

  // The user's edit wins over config.json, also after a reload...
  await page.getByTestId('setting-partner-code').fill('my_partner');
  await page.reload();
  await expect(page.getByTestId('setting-partner-code')).toHaveValue('my_partner');
  await expect(page.getByTestId('setting-cursor-key')).toHaveValue('lastSequence');
  // ...until reset.
  await page.getByTestId('setting-reset').click();
  await expect(page.getByTestId('setting-partner-code')).toHaveValue('preset_partner');
  await page.reload();
  await expect(page.getByTestId('setting-partner-code')).toHaveValue('preset_partner');

  // Invalid settings are named and block the start.
  await page.getByTestId('setting-max-pages').fill('0');
  await expect(page.getByTestId('setting-problem')).toHaveCount(1);
  await expect(page.getByTestId('fetch-start')).toBeDisabled();
  await page.getByTestId('setting-max-pages').fill('5');
  await expect(page.getByTestId('fetch-start')).toBeEnabled();

  // Without the token the proxy answers proxy.unauthorized: not retried,
  // explained in the batch's row and in the error banner, and the next
  // batch is not tried (it would fail the same way).
  await page.getByTestId('fetch-start').click();
  const row = batchRow(page, 'code_0000000000000001');
  await expect(row).toHaveAttribute('data-state', 'failed');
  await expectFigure(row, 'fetch-retries', 0);
  await expect(row.getByTestId('fetch-error')).toContainText('proxy.unauthorized');
  await expect(row.getByTestId('fetch-error')).toContainText('PROXY_TOKEN');
  await expect(page.getByTestId('error-banner')).toContainText('code_0000000000000001');
  await expect(page.getByTestId('error-banner')).toContainText('proxy.unauthorized');
  await expect(batchRow(page, 'code_0000000000000002')).toHaveAttribute('data-state', 'waiting');
  await expect(page.getByTestId('fetch-resume')).toBeEnabled();
  // The row speaks the interface language.
  await page.getByTestId('lang-en').click();
  await expect(row.getByTestId('fetch-error')).toContainText('Batch code_0000000000000001');
  await expect(row).toContainText('Failed');
  await page.screenshot({ path: 'output/fetch-error-en.png', fullPage: true });

  const unexpected = watch.problems.filter((p) => !/Failed to load resource: the server responded with a status of 401/.test(p));
  expect(unexpected, unexpected.join('\n')).toEqual([]);
});
