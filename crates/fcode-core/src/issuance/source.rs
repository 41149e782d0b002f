//! Opening an issuance input (text or spreadsheet) and finding its header
//! row; shared by `inspect` and `parse_issuance`.

use super::IssuanceFormat;
use super::headers;
use super::mapping::IssuanceField;
use crate::error::{InputError, InputErrorKind, MAX_INPUT_BYTES};
use crate::table::decode::{TextEncoding, decode_text, utf8_start};
use crate::table::split::count_byte;
use crate::table::{Cells, RowPos, delimited, sheet};
use std::borrow::Cow;

pub(crate) enum Opened<'a> {
    Text {
        /// The decoded text; the list starts at `start` (after a byte-order
        /// mark the caller's text still has).
        full: Cow<'a, str>,
        start: usize,
        encoding: TextEncoding,
        delimiter: u8,
    },
    Sheet(sheet::Sheet),
}

impl Opened<'_> {
    pub fn for_each_row<F>(&self, f: F) -> Result<(), InputError>
    where
        F: FnMut(RowPos, Cells<'_>) -> Result<bool, InputError>,
    {
        match self {
            Self::Text { delimiter, .. } => delimited::for_each_record(self.text(), *delimiter, f),
            Self::Sheet(s) => s.for_each_row(f),
        }
    }

    /// The list as text (empty for a spreadsheet).
    pub fn text(&self) -> &str {
        match self {
            Self::Text { full, start, .. } => full.get(*start..).unwrap_or(""),
            Self::Sheet(_) => "",
        }
    }

    /// The whole decoded text, byte-order mark and all (empty for a
    /// spreadsheet): [`Self::text`] is a piece of it.
    pub fn full_text(&self) -> &str {
        match self {
            Self::Text { full, .. } => full,
            Self::Sheet(_) => "",
        }
    }

    /// [`Self::full_text`], moved out when it was handed over or decoded,
    /// copied when borrowed.
    pub fn into_full_text(self) -> String {
        match self {
            Self::Text { full, .. } => full.into_owned(),
            Self::Sheet(_) => String::new(),
        }
    }

    /// Capacity hints for the parsed list: (rows, bytes of text). A text
    /// list has at most one row per line and no more text than it decodes
    /// to, so a million-row list is stored without regrowing (each doubling
    /// copies, and WebAssembly memory never shrinks back).
    pub fn size_hints(&self) -> (usize, usize) {
        match self {
            Self::Text { .. } => {
                let b = self.text().as_bytes();
                (lines_for_sizing(b) + 1, b.len())
            }
            // Cells are short: a generous 64 bytes of text per row.
            Self::Sheet(s) => (s.height(), s.height().saturating_mul(64)),
        }
    }

    pub fn sheet_name(&self) -> Option<&str> {
        match self {
            Self::Sheet(s) => Some(&s.name),
            Self::Text { .. } => None,
        }
    }
}

/// The lines of `b`, for sizing the rows: counted in a short text; in a
/// long one, counted in windows spread over it, scaled to its length and
/// given a sixteenth more. Counting all of a million-row list is a pass over
/// its 88 MB (30 ms in a browser); lines vary little in length along a list,
/// and one that has more rows than this says only grows its row list.
fn lines_for_sizing(b: &[u8]) -> usize {
    const WINDOW: usize = 16 << 10;
    const WINDOWS: usize = 64;
    let count = |b: &[u8]| match count_byte(b, b'\n') {
        0 => count_byte(b, b'\r'),
        n => n,
    };
    if b.len() <= 4 * WINDOW * WINDOWS {
        return count(b);
    }
    let step = (b.len() - WINDOW) / (WINDOWS - 1);
    let seen: usize = (0..WINDOWS)
        .filter_map(|k| b.get(k * step..k * step + WINDOW))
        .map(|w| count_byte(w, b'\n'))
        .sum();
    if seen == 0 {
        // No LF in any window: old Mac line ends, or one long line.
        return count(b);
    }
    let scaled = (seen as u64 * b.len() as u64 / (WINDOW * WINDOWS) as u64) as usize;
    scaled + scaled / 16 + 1024
}

pub(crate) fn open<'a>(
    name: &str,
    bytes: &'a [u8],
    sheet: Option<&str>,
) -> Result<Opened<'a>, InputError> {
    if let Some(opened) = open_spreadsheet(name, bytes, sheet)? {
        return Ok(opened);
    }
    let (text, encoding) = decode_text(name, bytes)?;
    open_text(name, text, 0, encoding)
}

/// [`open`] for a list handed over as UTF-8 text (not checked again), which
/// the opened list then owns.
pub(crate) fn open_owned(
    name: &str,
    text: String,
    sheet: Option<&str>,
) -> Result<Opened<'static>, InputError> {
    if let Some(opened) = open_spreadsheet(name, text.as_bytes(), sheet)? {
        return Ok(opened);
    }
    let (start, encoding) = utf8_start(name, &text)?;
    open_text(name, Cow::Owned(text), start, encoding)
}

/// Refuses an input over the size limit and opens a spreadsheet; `None`
/// when the input is not one (read it as text).
fn open_spreadsheet(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Option<Opened<'static>>, InputError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(InputError::new(
            name,
            InputErrorKind::TooLarge,
            "is larger than 1 GiB",
        ));
    }
    if sheet::is_zip(bytes) || sheet::is_ole(bytes) {
        return Ok(Some(Opened::Sheet(sheet::open_sheet(name, bytes, sheet)?)));
    }
    Ok(None)
}

fn open_text<'a>(
    name: &str,
    full: Cow<'a, str>,
    start: usize,
    encoding: TextEncoding,
) -> Result<Opened<'a>, InputError> {
    let text = full.get(start..).unwrap_or("");
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return Err(InputError::new(name, InputErrorKind::Empty, "is empty"));
    }
    let head: String = trimmed
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err(InputError::new(
            name,
            InputErrorKind::Html,
            "is an HTML page, not an issuance list",
        ));
    }
    if head.starts_with('{') || head.starts_with('[') {
        return Err(InputError::new(
            name,
            InputErrorKind::Schema,
            "looks like JSON (platform data?), not an issuance list (CSV, XLSX or pasted cells)",
        ));
    }
    let delimiter = delimited::detect_delimiter(text);
    Ok(Opened::Text {
        full,
        start,
        encoding,
        delimiter,
    })
}

/// The header row found by scanning the first rows.
pub(crate) struct Found {
    pub index: usize,
    pub cells: Vec<String>,
    pub width: usize,
    pub detected: headers::DetectedHeader,
}

const HEADER_SCAN_ROWS: usize = 20;

pub(crate) fn find_header(o: &Opened<'_>) -> Result<(Option<Found>, usize), InputError> {
    let mut found = None;
    let mut idx = 0usize;
    let mut widest = 0usize;
    o.for_each_row(|_, cells| {
        widest = widest.max(cells.used_len());
        if headers::is_header(&cells) {
            found = Some(Found {
                index: idx,
                cells: cells.to_vec(),
                width: cells.used_len(),
                detected: headers::detect(&cells),
            });
            return Ok(false);
        }
        idx += 1;
        Ok(idx < HEADER_SCAN_ROWS)
    })?;
    Ok((found, widest))
}

pub(crate) fn describe(
    o: &Opened<'_>,
) -> (
    IssuanceFormat,
    Option<TextEncoding>,
    Option<String>,
    Vec<String>,
    Option<String>,
) {
    match o {
        Opened::Text {
            encoding,
            delimiter,
            ..
        } => (
            IssuanceFormat::Csv,
            Some(*encoding),
            Some(delimited::delimiter_name(*delimiter).to_string()),
            Vec::new(),
            None,
        ),
        Opened::Sheet(s) => (
            IssuanceFormat::Xlsx,
            None,
            None,
            s.sheet_names.clone(),
            Some(s.name.clone()),
        ),
    }
}

pub(crate) fn conflict_text(cells: &[String], field: IssuanceField, a: usize, b: usize) -> String {
    let h = |i: usize| cells.get(i).map(|s| s.trim()).unwrap_or("");
    format!(
        "columns {} ('{}') and {} ('{}') both look like {}",
        a + 1,
        h(a),
        b + 1,
        h(b),
        field
    )
}

#[cfg(test)]
mod tests {
    use super::lines_for_sizing;

    /// Short texts are counted; long ones estimated a little high, whether
    /// their lines are alike or change length along the text; CR-only line
    /// ends are counted.
    #[test]
    fn lines_for_sizing_counts_or_estimates_a_little_high() {
        assert_eq!(lines_for_sizing(b""), 0);
        assert_eq!(lines_for_sizing(b"a\nb\r\nc"), 2);
        assert_eq!(lines_for_sizing(b"a\rb\rc\r"), 3);
        let row = |i: usize, pad: usize| {
            format!("KHNL{i:07},2026-05-24 09:30:00,{},5.00\n", "员".repeat(pad))
        };
        let alike: String = (0..200_000).map(|i| row(i, 3)).collect();
        // Short lines, then lines five times as long, then short again.
        let mixed: String = (0..300_000)
            .map(|i| {
                row(
                    i,
                    if (100_000..150_000).contains(&i) {
                        60
                    } else {
                        1
                    },
                )
            })
            .collect();
        for (text, lines) in [(&alike, 200_000usize), (&mixed, 300_000)] {
            let got = lines_for_sizing(text.as_bytes());
            assert!(
                got >= lines && got <= lines * 112 / 100 + 1024,
                "{got} for {lines} lines"
            );
        }
        let cr_only = "x,y\r".repeat(2_000_000);
        assert_eq!(lines_for_sizing(cr_only.as_bytes()), 2_000_000);
    }
}
