// Every export, downloaded through the real UI and checked: codes intact,
// formula injection escaped, totals equal to the report, the incomplete-batch
// warning present.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { openApp } from './helpers.js';
import { reconcileFixtures } from './steps.js';
import { EXPECTED } from './fixtures.js';
import { readDetails } from './csv.js';

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path, bytes: readFileSync(path) };
}

test('every export holds the reconciliation, safely', async ({ page }) => {
  await openApp(page);
  await reconcileFixtures(page);

  // Details CSV: UTF-8 with BOM, one row per code, sums per class = report.
  const details = await download(page, 'export-details-csv');
  expect(details.name).toMatch(/\.csv$/);
  expect([...details.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const table = readDetails(details.bytes.toString('utf8').slice(1));
  expect(table.warnings.join('\n')).toContain('code_bbbb000000000002');
  const totalCodes = Object.values(EXPECTED.classes).reduce((n, t) => n + t.count, 0);
  expect(table.records).toHaveLength(totalCodes);
  for (const [cls, tally] of Object.entries(EXPECTED.classes)) {
    const rows = table.records.filter((r) => r.class === cls);
    expect(rows.length, cls).toBe(tally.count);
    const sum = rows.reduce((n, r) => n + (r.amount_cents === '' ? 0 : Number(r.amount_cents)), 0);
    expect(sum, cls).toBe(tally.amount_cents);
  }
  // Codes written as given, normalised: full-width and lower-case forms folded.
  expect(table.records.map((r) => r.code)).toEqual(expect.arrayContaining(['FCA004', 'FCA005', 'FCB003']));
  // The formula planted in a recipient is neutralised; no cell starts with = + - @.
  const planted = table.records.find((r) => r.code === 'FCA003');
  expect(planted.recipient.startsWith("'=HYPERLINK")).toBe(true);
  for (const r of table.records) {
    for (const [column, value] of Object.entries(r)) {
      if (/^[=+\-@\t\r]/.test(value)) {
        expect(/^-?\d+$/.test(value), `${column} = ${value}`).toBe(true);
      }
    }
  }

  // Exceptions CSV: exactly the codes with a flag.
  const exceptions = readDetails((await download(page, 'export-exceptions-csv')).bytes.toString('utf8').slice(1));
  expect(exceptions.records.length).toBe(EXPECTED.exceptions.count);
  expect(exceptions.records.every((r) => r.flags !== '')).toBe(true);

  // Report JSON: the report of the fixture set, field by field for the figures.
  const report = JSON.parse((await download(page, 'export-report-json')).bytes.toString('utf8'));
  expect(report.schema).toBe('fcode-recon/report/v1');
  expect(report.classes).toEqual(EXPECTED.classes);
  expect(report.flags).toEqual(EXPECTED.flags);
  expect(report.batches).toEqual(EXPECTED.batches);
  expect(report.inputs.map((i) => i.sha256)).toEqual(EXPECTED.inputs.map((i) => i.sha256));

  // XLSX: a real workbook (read back with Python's zipfile: no extra packages),
  // the codes present as text, the formula escaped.
  const xlsx = await download(page, 'export-xlsx');
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const listing = execFileSync('python3', ['-c', `
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = ''.join(z.read(n).decode('utf-8') for n in z.namelist() if n.startswith('xl/') and n.endswith('.xml'))
print('FCA004' in text, "'=HYPERLINK" in text, '<f>' in text, len([n for n in z.namelist() if n.startswith('xl/worksheets/')]))
`, xlsx.path]).toString().trim();
  const [hasCode, escaped, hasFormula, sheets] = listing.split(' ');
  expect(hasCode).toBe('True');
  expect(escaped).toBe('True');
  expect(hasFormula).toBe('False');
  expect(Number(sheets)).toBeGreaterThanOrEqual(3);
});
