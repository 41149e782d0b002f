// A small RFC 4180 reader for checking exported CSV files in tests.

/** Parses CSV text into rows of fields (quotes, doubled quotes, CRLF). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The detail table of an export: warning lines (`# ...`) apart, then header and records. */
export function readDetails(text) {
  const rows = parseCsv(text);
  const warnings = [];
  while (rows.length && rows[0][0].startsWith('# ')) warnings.push(rows.shift()[0]);
  const [header, ...records] = rows;
  return { warnings, header, records: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}
