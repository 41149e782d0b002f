//! Detail and exception rows as CSV: UTF-8 with BOM (so Excel reads Chinese
//! text), every cell through [`safe_cell`]. When the result carries
//! warnings (an incomplete batch!), they come first as lines starting with
//! `#`, before the header, so nobody mistakes a partial result for a whole.

use super::details::{DETAIL_COLUMNS, detail_cells};
use super::safe_cell::safe_cell;
use crate::reconcile::{Inputs, Reconciliation};

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn write(rec: &Reconciliation, inputs: &Inputs<'_>, only_exceptions: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + rec.len() * 120);
    out.extend_from_slice(BOM);
    for w in super::export_warnings(rec) {
        // One field per line, quoted where needed, so a CSV reader sees a
        // single cell; `#` marks it as a note line.
        let line = safe_cell(&format!("# 警告 WARNING: {w}")).into_owned();
        let mut wtr = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        let _ = wtr.write_record([line.as_str()]);
        if let Ok(b) = wtr.into_inner() {
            out.extend_from_slice(&b);
        }
    }
    let mut wtr = csv::WriterBuilder::new().flexible(true).from_writer(out);
    let _ = wtr.write_record(DETAIL_COLUMNS);
    if rec.matches_inputs(inputs) {
        for (i, r) in rec.results.iter().enumerate() {
            if only_exceptions && r.flags.is_empty() {
                continue;
            }
            let Some(row) = rec.detail_row_unchecked(inputs, i) else {
                continue;
            };
            let cells = detail_cells(&row);
            let _ = wtr.write_record(cells.iter().map(|c| safe_cell(c).into_owned()));
        }
    }
    wtr.into_inner().unwrap_or_default()
}

/// Every code, one row each.
pub fn details_csv(rec: &Reconciliation, inputs: &Inputs<'_>) -> Vec<u8> {
    write(rec, inputs, false)
}

/// Codes with at least one exception flag.
pub fn exceptions_csv(rec: &Reconciliation, inputs: &Inputs<'_>) -> Vec<u8> {
    write(rec, inputs, true)
}
