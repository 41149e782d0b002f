//! Spreadsheets (XLSX, also XLS/ODS) through calamine, read from bytes in
//! memory. Cells become text the way a person sees them: whole numbers
//! without `.0` (long numeric codes must not turn into `1.2E+11`), dates as
//! `YYYY-MM-DD HH:MM:SS`.

use super::{Cells, RowPos};
use crate::error::{InputError, InputErrorKind};
use calamine::{Data, Reader, open_workbook_auto_from_rs};
use std::fmt::Write as _;
use std::io::Cursor;

pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// An opened workbook: the sheet names and the chosen sheet's cells.
pub struct Sheet {
    pub sheet_names: Vec<String>,
    pub name: String,
    range: calamine::Range<Data>,
}

/// Opens the workbook and reads `sheet` (or the first sheet).
pub fn open_sheet(input: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Sheet, InputError> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        InputError::new(
            input,
            InputErrorKind::Syntax,
            format!("is not a readable spreadsheet: {e}"),
        )
    })?;
    let sheet_names = wb.sheet_names();
    let name = match sheet {
        Some(s) => {
            if !sheet_names.iter().any(|n| n == s) {
                return Err(InputError::new(
                    input,
                    InputErrorKind::Option,
                    format!(
                        "has no sheet named '{s}' (sheets: {})",
                        sheet_names.join(", ")
                    ),
                ));
            }
            s.to_string()
        }
        None => match sheet_names.first() {
            Some(n) => n.clone(),
            None => {
                return Err(InputError::new(
                    input,
                    InputErrorKind::Empty,
                    "contains no sheets",
                ));
            }
        },
    };
    let range = wb.worksheet_range(&name).map_err(|e| {
        InputError::new(
            input,
            InputErrorKind::Syntax,
            format!("sheet '{name}' cannot be read: {e}"),
        )
    })?;
    Ok(Sheet {
        sheet_names,
        name,
        range,
    })
}

impl Sheet {
    /// Rows in the sheet's used range.
    pub fn height(&self) -> usize {
        self.range.height()
    }

    /// Calls `f` for every row with its 1-based Excel row number; reuses the
    /// cell strings between rows.
    pub fn for_each_row<F>(&self, mut f: F) -> Result<(), InputError>
    where
        F: FnMut(RowPos, Cells<'_>) -> Result<bool, InputError>,
    {
        let first_row = self.range.start().map(|(r, _)| r).unwrap_or(0);
        let first_col = self.range.start().map(|(_, c)| c as usize).unwrap_or(0);
        let mut cells: Vec<String> = Vec::new();
        for (i, row) in self.range.rows().enumerate() {
            let n = first_col + row.len();
            cells.resize_with(n.max(cells.len()), String::new);
            cells.truncate(n);
            for c in cells.iter_mut() {
                c.clear();
            }
            for (j, d) in row.iter().enumerate() {
                if let Some(c) = cells.get_mut(first_col + j) {
                    cell_text(d, c);
                }
            }
            let excel_row = first_row.saturating_add(i as u32).saturating_add(1);
            if !f(RowPos::SheetRow(excel_row), Cells::Sheet(&cells))? {
                break;
            }
        }
        Ok(())
    }
}

fn cell_text(d: &Data, out: &mut String) {
    match d {
        Data::Empty => {}
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s),
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Data::Float(f) => float_text(*f, out),
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let _ = write!(out, "{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}");
        }
        Data::Error(e) => {
            let _ = write!(out, "#{e:?}");
        }
    }
}

/// Whole numbers print without a fraction; others with Rust's shortest
/// round-trip form (`4.35`, not `4.3499999`), which the money parser reads exactly.
fn float_text(f: f64, out: &mut String) {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
    } else {
        let _ = write!(out, "{f}");
    }
}
