//! The company's own issuance list (SPEC 2.2): CSV in UTF-8, UTF-8 with BOM
//! or GBK/GB18030 (detected in that order), comma/semicolon/tab, quotes,
//! CRLF; XLSX (first sheet or a chosen one); or text pasted from a
//! spreadsheet, which is just UTF-8 tab-separated bytes through the same
//! functions. Rows with errors are collected; the rest loads.

pub mod headers;
pub mod mapping;
pub mod money;
mod preview;
mod rows;
mod source;

use crate::arena::{ArenaBuilder, Span, TextArena};
use crate::code_keys::CodeKeys;
use crate::error::{InputError, InputErrorKind, RowError, RowErrors};
use crate::table::Cells;
use crate::table::decode::TextEncoding;
pub use mapping::{ColumnMapping, IssuanceField, header_signature};
pub use money::FaceValueUnit;
pub use preview::{IssuancePreview, PREVIEW_TEXT_BYTES, inspect, preview_len};
pub use rows::{IssuanceRow, MAX_TEXT_CHARS};
use serde::{Deserialize, Serialize};
use source::{Opened, conflict_text, describe, find_header, open, open_owned};
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IssuanceFormat {
    Csv,
    Xlsx,
}

impl IssuanceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }
}

/// Options for [`parse_issuance`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuanceOptions {
    /// Columns chosen by the user; each entry overrides the detected column
    /// for that field.
    pub mapping: Option<ColumnMapping>,
    /// Unit of face values. `None`: the header's unit (`面值(分)`) if it
    /// names one, else yuan (SPEC default).
    pub face_value_unit: Option<FaceValueUnit>,
    /// Spreadsheet sheet to read (default: the first).
    pub sheet: Option<String>,
}

/// A parsed issuance list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuanceFile {
    pub name: String,
    pub format: IssuanceFormat,
    pub encoding: Option<TextEncoding>,
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    pub face_value_unit: FaceValueUnit,
    pub rows: Vec<IssuanceRow>,
    pub text: TextArena,
    /// The code as given of each row that normalisation changed, by line
    /// (in the order of the rows, so sorted): [`Self::raw_code`].
    #[serde(default)]
    pub raw_codes: Vec<(u32, Span)>,
    /// The rows' codes packed for matching (`rows[i]` is item `i`); not
    /// serialised: matching makes them again when missing.
    #[serde(skip)]
    pub keys: CodeKeys,
    pub row_errors: RowErrors,
    pub normalised_changed: u64,
    /// Non-fatal notes, e.g. unknown local status words counted as issued.
    pub warnings: Vec<String>,
    /// `text.source()` is the input exactly as handed to
    /// [`parse_issuance_owned`] (see [`IssuanceFile::input_bytes`]).
    #[serde(default)]
    pub input_kept: bool,
}

impl IssuanceFile {
    pub fn code(&self, r: &IssuanceRow) -> &str {
        self.text.get(r.code)
    }

    /// The code as the row gave it, before normalisation.
    pub fn raw_code<'a>(&'a self, r: &IssuanceRow) -> &'a str {
        let given = r
            .normalised
            .then(|| {
                self.raw_codes
                    .binary_search_by_key(&r.line, |&(line, _)| line)
            })
            .and_then(|at| self.raw_codes.get(at.ok()?));
        match given {
            Some(&(_, span)) => self.text.get(span),
            None => self.code(r),
        }
    }

    /// The input's bytes, when the list keeps them as they came (UTF-8 text
    /// handed to [`parse_issuance_owned`]): the caller may hash them later.
    pub fn input_bytes(&self) -> Option<&[u8]> {
        self.input_kept.then(|| self.text.source().as_bytes())
    }

    /// Where a row came from, for detail rows: `issued.csv line 7`.
    pub fn source_of(&self, r: &IssuanceRow) -> String {
        match self.format {
            IssuanceFormat::Csv => format!("{} line {}", self.name, r.line),
            IssuanceFormat::Xlsx => format!("{} row {}", self.name, r.line),
        }
    }
}

/// Parses an issuance list (CSV/TSV/pasted text or a spreadsheet). The
/// parsed list keeps a copy of the text (its cells are spans into it); a
/// caller that owns the bytes and no longer needs them saves that copy with
/// [`parse_issuance_owned`].
pub fn parse_issuance(
    name: &str,
    bytes: &[u8],
    options: &IssuanceOptions,
) -> Result<IssuanceFile, InputError> {
    read(name, open(name, bytes, options.sheet.as_deref())?, options)
}

/// [`parse_issuance`] for bytes the caller hands over. UTF-8 text (nearly
/// every list) is kept as it came, its cells read where they are: a
/// million-row list then costs no copy of its 88 MB, and
/// [`IssuanceFile::input_bytes`] gives those bytes back for hashing. Other
/// bytes are returned beside the result, untouched, after being read as
/// [`parse_issuance`] reads them.
pub fn parse_issuance_owned(
    name: &str,
    bytes: Vec<u8>,
    options: &IssuanceOptions,
) -> (Result<IssuanceFile, InputError>, Option<Vec<u8>>) {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let parsed = open_owned(name, text, options.sheet.as_deref())
                .and_then(|o| read(name, o, options));
            (parsed, None)
        }
        Err(not_utf8) => {
            let bytes = not_utf8.into_bytes();
            (parse_issuance(name, &bytes, options), Some(bytes))
        }
    }
}

fn read(name: &str, o: Opened<'_>, options: &IssuanceOptions) -> Result<IssuanceFile, InputError> {
    let (found, widest) = find_header(&o)?;
    let over = options.mapping.as_ref();
    // The header row: the user's choice, else the detected one.
    let (header_index, header_cells, header_width, mut mapping, conflicts, unit_hint) =
        match (over.and_then(|m| m.header_row), found) {
            (Some(h), found) => {
                let mut cells = Vec::new();
                let mut i = 0usize;
                o.for_each_row(|_, c| {
                    if i == h {
                        cells = c.to_vec();
                        return Ok(false);
                    }
                    i += 1;
                    Ok(true)
                })?;
                let width = cells
                    .iter()
                    .rposition(|c| !c.trim().is_empty())
                    .map_or(0, |p| p + 1);
                let same = found.as_ref().is_some_and(|f| f.index == h);
                let det = match found {
                    Some(f) if same => f.detected,
                    _ => headers::detect(&Cells::Sheet(&cells)),
                };
                (
                    Some(h),
                    cells,
                    width,
                    det.mapping,
                    det.conflicts,
                    det.unit_hint,
                )
            }
            (None, Some(f)) => (
                Some(f.index),
                f.cells,
                f.width,
                f.detected.mapping,
                f.detected.conflicts,
                f.detected.unit_hint,
            ),
            (None, None) => {
                let mut m = ColumnMapping::default();
                if widest == 1 && over.is_none() {
                    m.columns.insert(IssuanceField::Code, 0);
                }
                (None, Vec::new(), widest, m, Vec::new(), None)
            }
        };
    if let Some(over) = over {
        for (f, i) in &over.columns {
            mapping.columns.insert(*f, *i);
        }
    }
    for (field, a, b) in &conflicts {
        if over.is_none_or(|m| m.get(*field).is_none()) {
            return Err(InputError::new(
                name,
                InputErrorKind::Header,
                format!(
                    "{}; map one explicitly",
                    conflict_text(&header_cells, *field, *a, *b)
                ),
            ));
        }
    }
    if mapping.get(IssuanceField::Code).is_none() {
        let mut first = header_cells.clone();
        if first.is_empty() {
            o.for_each_row(|_, c| {
                first = c.to_vec();
                Ok(c.is_blank())
            })?;
        }
        let shown: Vec<&str> = first
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .take(12)
            .collect();
        let reason = if shown.is_empty() {
            "has no header row with a code column (券码 / 券号 / 兑换码 / code); map the code column".to_string()
        } else {
            format!(
                "has no column recognised as the code (first row: {}); map the code column",
                shown.join(", ")
            )
        };
        return Err(InputError::new(name, InputErrorKind::Mapping, reason));
    }
    let width_limit = header_width.max(widest);
    for (f, i) in &mapping.columns {
        if *i >= width_limit.max(1) {
            return Err(InputError::new(
                name,
                InputErrorKind::Mapping,
                format!(
                    "column {} mapped to {} does not exist (the table has {} columns)",
                    i + 1,
                    f,
                    width_limit
                ),
            ));
        }
    }
    mapping.header_row = header_index;
    let unit = options.face_value_unit.or(unit_hint).unwrap_or_default();
    let sheet_name = o.sheet_name().map(str::to_string);
    let (row_hint, text_hint) = o.size_hints();
    let mut rows_out: Vec<IssuanceRow> = Vec::with_capacity(row_hint);
    // Cells are kept where they lie in the text; only text made here (a
    // normalised code, an unescaped quoted cell, a spreadsheet's cells) is
    // appended. A text list appends little: a sixteenth of it to start with.
    let source = o.full_text();
    let appended_hint = if source.is_empty() {
        text_hint
    } else {
        text_hint / 16
    };
    let mut text = ArenaBuilder::over(source, appended_hint);
    let mut row_errors = RowErrors::default();
    let mut ctx = rows::RowContext {
        mapping: &mapping,
        columns: mapping.as_array(),
        headers: &header_cells,
        unit,
        scratch: String::new(),
        normalised_changed: 0,
        unknown_status: Default::default(),
        keys: CodeKeys::for_file(row_hint),
        last_mix: (String::new(), Span::EMPTY),
        raw_codes: Vec::new(),
        last_face_value: None,
        last_status: None,
        split_offset: text.offset_of(o.text()),
    };
    let mut idx = 0usize;
    o.for_each_row(|pos, cells| {
        let this = idx;
        idx += 1;
        if header_index.is_some_and(|h| this <= h) || cells.is_blank() {
            return Ok(true);
        }
        // Too few cells, or cells beyond the header's that are not empty
        // (only then are trailing cells looked at).
        let width = cells.len();
        let used = if width > header_width {
            cells.used_len()
        } else {
            width
        };
        let ragged = header_index.is_some() && (used > header_width || width < header_width);
        let result = if ragged {
            Err((
                String::new(),
                format!(
                    "has {} fields but the header has {header_width}",
                    if used > header_width { used } else { width }
                ),
            ))
        } else {
            ctx.row(
                &cells,
                u32::try_from(pos.number()).unwrap_or(u32::MAX),
                &mut text,
            )
        };
        match result {
            Ok(r) => rows_out.push(r),
            Err((column, reason)) => row_errors.push(RowError {
                input: name.to_string(),
                location: pos.location(sheet_name.as_deref()),
                column: if column.is_empty() {
                    None
                } else {
                    Some(column)
                },
                reason,
            }),
        }
        Ok(true)
    })?;
    let mut warnings = Vec::new();
    for (value, n) in &ctx.unknown_status {
        warnings.push(format!(
            "{n} rows have local status '{value}', not a known word; counted as issued"
        ));
    }
    let normalised_changed = ctx.normalised_changed;
    let raw_codes = ctx.raw_codes;
    let mut keys = ctx.keys;
    keys.shrink_roomy();
    let (format, encoding, delimiter, _, sheet) = describe(&o);
    // Room left by a generous size hint is given back; a little (the
    // sampled line count's margin) is kept, since giving it back would copy
    // the whole list.
    if rows_out.capacity() - rows_out.len() > rows_out.capacity() / 8 {
        rows_out.shrink_to_fit();
    }
    let appended = text.finish();
    let input_kept = matches!(
        &o,
        Opened::Text {
            full: Cow::Owned(_),
            ..
        }
    ) && matches!(encoding, Some(TextEncoding::Utf8 | TextEncoding::Utf8Bom));
    let mut text = appended.behind(o.into_full_text());
    text.shrink_to_fit();
    Ok(IssuanceFile {
        name: name.to_string(),
        format,
        encoding,
        delimiter,
        sheet,
        headers: header_cells,
        mapping,
        face_value_unit: unit,
        rows: rows_out,
        text,
        raw_codes,
        keys,
        row_errors,
        normalised_changed,
        warnings,
        input_kept,
    })
}
