//! `inspect`: what the mapping dialog shows before a file is loaded.

use super::IssuanceFormat;
use super::headers;
use super::mapping::{ColumnMapping, IssuanceField, header_signature};
use super::money::FaceValueUnit;
use super::source::{Found, conflict_text, describe, find_header, open};
use crate::error::InputError;
use crate::table::decode::TextEncoding;
use crate::table::sheet::{is_ole, is_zip};
use serde::{Deserialize, Serialize};

/// What the mapping dialog shows before the file is loaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuancePreview {
    pub name: String,
    pub format: IssuanceFormat,
    pub encoding: Option<TextEncoding>,
    /// `comma`, `semicolon` or `tab` for text.
    pub delimiter: Option<String>,
    pub sheet_names: Vec<String>,
    pub sheet: Option<String>,
    /// 0-based row index of the header row: the detected one, or when none
    /// was recognised the first non-blank row (see `header_detected`).
    pub header_row: Option<usize>,
    /// A row naming the code column was found.
    pub header_detected: bool,
    pub headers: Vec<String>,
    /// Up to 10 rows after the header.
    pub rows: Vec<Vec<String>>,
    /// The detected mapping (field → column).
    pub mapping: ColumnMapping,
    /// Required fields without a column (the user must map them).
    pub unmapped_required: Vec<IssuanceField>,
    /// Columns that look like the same field, e.g. two `券码` columns.
    pub conflicts: Vec<String>,
    /// Unit named by the face-value header (`面值(元)`), if any.
    pub face_value_unit_hint: Option<FaceValueUnit>,
    /// Key under which the app remembers a mapping for this header set.
    pub header_signature: String,
}

/// Text the preview reads at most: whole lines within the first megabyte.
/// The dialog shows the header (found within the first 20 rows) and 10 rows
/// after it; even rows of 1,000-character notes fit.
pub const PREVIEW_TEXT_BYTES: usize = 1 << 20;

/// How many leading bytes of a file [`inspect`] needs, given its first bytes
/// (`head`, up to [`PREVIEW_TEXT_BYTES`]) and its full length: for text, the
/// whole lines in `head`, so a million-row list is not copied and decoded
/// only to show its first rows. `None` when it needs the whole file: a
/// spreadsheet (a zip keeps its directory at the end), UTF-16 text (a cut at
/// a line feed could split a code unit), or no line break in `head`.
///
/// Cutting after a line feed never splits a character: in UTF-8 and in GBK
/// / GB18030 the byte 0x0A occurs only as the line feed itself.
pub fn preview_len(head: &[u8], total_len: usize) -> Option<usize> {
    if head.len() >= total_len {
        return Some(total_len);
    }
    if is_zip(head)
        || is_ole(head)
        || head.starts_with(b"\xFF\xFE")
        || head.starts_with(b"\xFE\xFF")
    {
        return None;
    }
    let head = head.get(..PREVIEW_TEXT_BYTES).unwrap_or(head);
    head.iter().rposition(|&b| b == b'\n').map(|i| i + 1)
}

/// Reads the start of an issuance file for the mapping dialog.
pub fn inspect(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<IssuancePreview, InputError> {
    let o = open(name, bytes, sheet)?;
    let (mut found, widest) = find_header(&o)?;
    let header_detected = found.is_some();
    if found.is_none() && widest > 1 {
        // Nothing recognisable: offer the first non-blank row as the header
        // the user maps columns of.
        let mut i = 0usize;
        o.for_each_row(|_, cells| {
            if !cells.is_blank() {
                found = Some(Found {
                    index: i,
                    cells: cells.to_vec(),
                    width: cells.used_len(),
                    detected: headers::detect(&cells),
                });
                return Ok(false);
            }
            i += 1;
            Ok(true)
        })?;
    }
    let header_row = found.as_ref().map(|f| f.index);
    let mut rows = Vec::new();
    let mut idx = 0usize;
    o.for_each_row(|_, cells| {
        let after_header = header_row.is_none_or(|h| idx > h);
        idx += 1;
        if after_header && !cells.is_blank() {
            rows.push(cells.to_vec());
        }
        Ok(rows.len() < 10)
    })?;
    let (headers, mut mapping, conflicts, unit_hint) = match found {
        Some(f) => {
            let conflicts = f
                .detected
                .conflicts
                .iter()
                .map(|(field, a, b)| conflict_text(&f.cells, *field, *a, *b))
                .collect();
            (f.cells, f.detected.mapping, conflicts, f.detected.unit_hint)
        }
        None => (Vec::new(), ColumnMapping::default(), Vec::new(), None),
    };
    if header_row.is_none() && widest == 1 {
        // A pasted single column of codes needs no header.
        mapping.columns.insert(IssuanceField::Code, 0);
    }
    mapping.header_row = header_row;
    let unmapped_required = IssuanceField::ALL
        .into_iter()
        .filter(|f| f.required() && mapping.get(*f).is_none())
        .collect();
    let (format, encoding, delimiter, sheet_names, sheet) = describe(&o);
    Ok(IssuancePreview {
        name: name.to_string(),
        format,
        encoding,
        delimiter,
        sheet_names,
        sheet,
        header_row,
        header_detected,
        header_signature: header_signature(&headers),
        headers,
        rows,
        mapping,
        unmapped_required,
        conflicts,
        face_value_unit_hint: unit_hint,
    })
}
