//! The XLSX export: a Summary sheet (warnings first), Exceptions, and
//! Details (split over `Details 2`, `Details 3`, ... past Excel's row limit).
//! Codes are text cells; integer columns are numbers; every text cell goes
//! through [`safe_cell`]. The document's creation time is the report's
//! `generated_at`, never the clock (which panics in WebAssembly).

use super::details::{DETAIL_COLUMNS, NUMERIC_COLUMNS, detail_cells};
use super::safe_cell::safe_cell;
use super::{Report, export_warnings};
use crate::reconcile::{Class, Flag, Inputs, Reconciliation, Tally};
use crate::time::BeijingTime;
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, Workbook, Worksheet};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct XlsxError(pub String);

impl fmt::Display for XlsxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "XLSX export failed: {}", self.0)
    }
}

impl std::error::Error for XlsxError {}

impl From<rust_xlsxwriter::XlsxError> for XlsxError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        XlsxError(e.to_string())
    }
}

/// Excel's rows per sheet.
const EXCEL_ROWS: usize = 1_048_576;

/// Writes the workbook.
pub fn xlsx(
    rec: &Reconciliation,
    inputs: &Inputs<'_>,
    report: &Report,
) -> Result<Vec<u8>, XlsxError> {
    xlsx_with_sheet_rows(rec, inputs, report, EXCEL_ROWS)
}

/// As [`xlsx`] with a smaller sheet size, so tests can see the split.
#[doc(hidden)]
pub fn xlsx_with_sheet_rows(
    rec: &Reconciliation,
    inputs: &Inputs<'_>,
    report: &Report,
    sheet_rows: usize,
) -> Result<Vec<u8>, XlsxError> {
    if !rec.matches_inputs(inputs) {
        return Err(XlsxError(
            "the inputs are not the ones this reconciliation was made from".to_string(),
        ));
    }
    let mut wb = Workbook::new();
    let created = BeijingTime::parse(&report.generated_at).unwrap_or(BeijingTime(0));
    let (y, mo, d, h, mi, s) = created.parts();
    let when = ExcelDateTime::from_ymd(u16::try_from(y).unwrap_or(1980), mo as u8, d as u8)?
        .and_hms(h as u16, mi as u8, s as u8)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("fcode-recon report")
            .set_creation_datetime(&when),
    );
    let bold = Format::new().set_bold();
    let warn = Format::new().set_bold().set_font_color(Color::Red);
    let warnings = export_warnings(rec);

    summary_sheet(wb.add_worksheet(), report, &warnings, &bold, &warn)?;

    let exceptions: Vec<usize> = rec
        .results
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.flags.is_empty())
        .map(|(i, _)| i)
        .collect();
    let data_rows = sheet_rows.saturating_sub(1 + warnings.len()).max(1);
    write_rows(
        wb.add_worksheet().set_name("Exceptions")?,
        rec,
        inputs,
        &exceptions,
        &warnings,
        &bold,
        &warn,
    )?;
    let all: Vec<usize> = (0..rec.len()).collect();
    let mut chunks = all.chunks(data_rows).peekable();
    if chunks.peek().is_none() {
        write_rows(
            wb.add_worksheet().set_name("Details")?,
            rec,
            inputs,
            &[],
            &warnings,
            &bold,
            &warn,
        )?;
    }
    for (n, chunk) in chunks.enumerate() {
        let name = if n == 0 {
            "Details".to_string()
        } else {
            format!("Details {}", n + 1)
        };
        write_rows(
            wb.add_worksheet().set_name(name)?,
            rec,
            inputs,
            chunk,
            &warnings,
            &bold,
            &warn,
        )?;
    }
    Ok(wb.save_to_buffer()?)
}

fn write_rows(
    ws: &mut Worksheet,
    rec: &Reconciliation,
    inputs: &Inputs<'_>,
    indices: &[usize],
    warnings: &[String],
    bold: &Format,
    warn: &Format,
) -> Result<(), XlsxError> {
    let mut row: u32 = 0;
    for w in warnings {
        ws.write_string_with_format(row, 0, safe_cell(&format!("警告 WARNING: {w}")), warn)?;
        row += 1;
    }
    for (c, h) in DETAIL_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, bold)?;
    }
    ws.set_column_width(0, 16)?;
    row += 1;
    for &i in indices {
        let Some(d) = rec.detail_row_unchecked(inputs, i) else {
            continue;
        };
        for (c, cell) in detail_cells(&d).iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let numeric = NUMERIC_COLUMNS.contains(&c);
            match cell.parse::<i64>() {
                Ok(n) if numeric => ws.write_number(row, c as u16, n as f64)?,
                _ => ws.write_string(row, c as u16, safe_cell(cell))?,
            };
        }
        row += 1;
    }
    Ok(())
}

fn tally_row(ws: &mut Worksheet, row: u32, label: &str, t: &Tally) -> Result<(), XlsxError> {
    ws.write_string(row, 0, safe_cell(label))?;
    ws.write_number(row, 1, t.count as f64)?;
    ws.write_number(row, 2, t.amount_cents as f64)?;
    ws.write_number(row, 3, t.amount_cents as f64 / 100.0)?;
    ws.write_number(row, 4, t.amount_unknown as f64)?;
    Ok(())
}

fn summary_sheet(
    ws: &mut Worksheet,
    r: &Report,
    warnings: &[String],
    bold: &Format,
    warn: &Format,
) -> Result<(), XlsxError> {
    ws.set_name("Summary")?;
    ws.set_column_width(0, 28)?;
    let mut row: u32 = 0;
    ws.write_string_with_format(row, 0, "券码对账 fcode-recon", bold)?;
    row += 1;
    for w in warnings {
        ws.write_string_with_format(row, 0, safe_cell(&format!("警告 WARNING: {w}")), warn)?;
        row += 1;
    }
    for (k, v) in [
        ("schema", &r.schema),
        ("generated_at", &r.generated_at),
        ("rules_version", &r.rules_version),
    ] {
        ws.write_string(row, 0, k)?;
        ws.write_string(row, 1, safe_cell(v))?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, "inputs", bold)?;
    for (c, h) in ["name", "role", "format", "sha256", "rows", "rejected_rows"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, c as u16 + 1, *h, bold)?;
    }
    row += 1;
    for i in &r.inputs {
        ws.write_string(row, 1, safe_cell(&i.name))?;
        ws.write_string(
            row,
            2,
            if i.role == super::InputRole::Platform {
                "platform"
            } else {
                "issuance"
            },
        )?;
        ws.write_string(row, 3, safe_cell(&i.format))?;
        ws.write_string(row, 4, safe_cell(&i.sha256))?;
        ws.write_number(row, 5, i.rows as f64)?;
        ws.write_number(row, 6, i.rejected_rows as f64)?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, "batches", bold)?;
    for (c, h) in [
        "mix_id",
        "name",
        "denomination_cents",
        "total_count",
        "loaded",
        "complete",
        "pull",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(row, c as u16 + 1, *h, bold)?;
    }
    row += 1;
    for b in &r.batches {
        ws.write_string(row, 1, safe_cell(&b.mix_id))?;
        ws.write_string(row, 2, safe_cell(b.name.as_deref().unwrap_or("")))?;
        if let Some(d) = b.denomination_cents {
            ws.write_number(row, 3, d as f64)?;
        }
        if let Some(t) = b.total_count {
            ws.write_number(row, 4, t as f64)?;
        }
        ws.write_number(row, 5, b.loaded as f64)?;
        ws.write_string(
            row,
            6,
            match b.complete {
                Some(true) => "true",
                Some(false) => "false",
                None => "unknown",
            },
        )?;
        ws.write_string(row, 7, b.pull.map(|p| p.as_str()).unwrap_or(""))?;
        row += 1;
    }
    row += 1;
    for (title, rows) in [
        (
            "classes",
            Class::ALL
                .iter()
                .map(|c| (c.as_str(), r.classes.get(*c)))
                .collect::<Vec<_>>(),
        ),
        (
            "flags",
            Flag::ALL
                .iter()
                .map(|f| (f.as_str(), r.flags.get(*f)))
                .collect::<Vec<_>>(),
        ),
    ] {
        ws.write_string_with_format(row, 0, title, bold)?;
        for (c, h) in ["count", "amount_cents", "amount_yuan", "amount_unknown"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(row, c as u16 + 1, *h, bold)?;
        }
        row += 1;
        for (label, t) in rows {
            tally_row(ws, row, label, &t)?;
            row += 1;
        }
        row += 1;
    }
    if let Some(p) = &r.period {
        ws.write_string_with_format(
            row,
            0,
            safe_cell(&format!("period {} .. {}", p.from, p.to)),
            bold,
        )?;
        row += 1;
        for (label, t) in [
            ("redeemed_in_period", &p.redeemed_in_period),
            ("redeemed_before", &p.redeemed_before),
            ("redeemed_after", &p.redeemed_after),
        ] {
            tally_row(ws, row, label, t)?;
            row += 1;
        }
        row += 1;
    }
    ws.write_string_with_format(row, 0, "tie_out", bold)?;
    row += 1;
    let t = &r.tie_out;
    for (k, v) in [
        ("platform_records", t.platform_records),
        ("platform_codes", t.platform_codes),
        ("platform_duplicate_records", t.platform_duplicate_records),
        ("issuance_rows", t.issuance_rows),
        ("issued_codes", t.issued_codes),
        ("duplicate_issue_rows", t.duplicate_issue_rows),
        ("codes", t.codes),
        ("normalised_rows", t.normalised_rows),
        ("rejected_rows", t.rejected_rows),
    ] {
        ws.write_string(row, 0, k)?;
        ws.write_number(row, 1, v as f64)?;
        row += 1;
    }
    ws.write_string(row, 0, "balanced")?;
    ws.write_boolean(row, 1, t.balanced)?;
    Ok(())
}
