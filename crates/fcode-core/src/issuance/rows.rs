//! One issuance row: cells → a compact [`IssuanceRow`] (text in the arena),
//! or a row error naming the column.

use super::headers::local_status;
use super::mapping::{ColumnMapping, IssuanceField};
use super::money::{FaceValueUnit, parse_money};
use crate::arena::{ArenaBuilder, Span};
use crate::code::{check_clean_code, check_code, normalise_into};
use crate::code_keys::{CodeKeys, short_key};
use crate::model::{Fen, LocalStatus};
use crate::table::{Cells, needs_no_trim, trim};
use serde::{Deserialize, Serialize};

/// Longest free-text cell kept (recipient, note, ...), in characters.
pub const MAX_TEXT_CHARS: usize = 1000;

/// One line of the issuance list. Text fields are spans into
/// `IssuanceFile::text`; an empty span is an empty/absent cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuanceRow {
    /// The normalised code.
    pub code: Span,
    pub issued_at: Span,
    pub recipient: Span,
    pub order_ref: Span,
    pub mix_id: Span,
    pub note: Span,
    /// The face value in fen, when `has_face_value` ([`Self::face_value`]):
    /// 72 bytes a row rather than the 80 an `Option<Fen>` makes, 8 MB at
    /// 1M rows of memory written once (fresh WebAssembly memory costs about
    /// 0.4 ms a megabyte the first time it is touched).
    face_fen: i64,
    has_face_value: bool,
    pub status: LocalStatus,
    /// Normalisation changed the code: the code as given is
    /// [`super::IssuanceFile::raw_code`] (kept beside the rows, since few
    /// rows have one: 64 bytes a row).
    pub normalised: bool,
    /// 1-based CSV line or spreadsheet row.
    pub line: u32,
}

impl IssuanceRow {
    /// The row's face value, when its cell had one.
    pub fn face_value(&self) -> Option<Fen> {
        self.has_face_value.then_some(Fen(self.face_fen))
    }
}

/// Keeps `text` and what it read as in `memo`, reusing its buffer.
fn remember<T>(memo: &mut Option<(String, T)>, text: &str, value: T) {
    match memo {
        Some((last, slot)) => {
            last.clear();
            last.push_str(text);
            *slot = value;
        }
        None => *memo = Some((text.to_string(), value)),
    }
}

/// Why a row was rejected: (column header, reason).
pub type RowProblem = (String, String);

pub(crate) struct RowContext<'m> {
    pub mapping: &'m ColumnMapping,
    pub columns: [Option<usize>; 8],
    pub headers: &'m [String],
    pub unit: FaceValueUnit,
    pub scratch: String,
    pub normalised_changed: u64,
    pub unknown_status: std::collections::BTreeMap<String, u64>,
    /// The kept rows' codes, packed for matching.
    pub keys: CodeKeys,
    /// The last row's mix_id and its span: a run of rows of one batch
    /// shares one span, so matching compares spans, not text.
    pub last_mix: (String, Span),
    /// The codes as given that normalisation changed, by line.
    pub raw_codes: Vec<(u32, Span)>,
    /// The last face-value cell read and its value, and the last status cell
    /// and its status. A run of rows of one batch mostly repeats both, so
    /// each is read once a run: reading them took about 10 ms each a million
    /// rows in WebAssembly (measured by leaving each out), and comparing a
    /// few bytes with the last takes less.
    pub last_face_value: Option<(String, Option<Fen>)>,
    pub last_status: Option<(String, LocalStatus)>,
    /// Where the split text begins in the arena's source (after a
    /// byte-order mark). A spreadsheet's cells are not pieces of a text
    /// ([`Cells::piece`]), so there it is not used.
    pub split_offset: Option<usize>,
}

impl RowContext<'_> {
    fn column_name(&self, f: IssuanceField) -> String {
        match self.mapping.get(f) {
            Some(i) => match self
                .headers
                .get(i)
                .map(|h| h.trim())
                .filter(|h| !h.is_empty())
            {
                Some(h) => h.to_string(),
                None => format!("{} (column {})", f.as_str(), i + 1),
            },
            None => f.as_str().to_string(),
        }
    }

    fn cell<'c>(&self, cells: &Cells<'c>, f: IssuanceField) -> &'c str {
        self.columns
            .get(f.index())
            .copied()
            .flatten()
            .and_then(|i| cells.get(i))
            .unwrap_or("")
    }

    /// The span of the usual cell, a piece of the list's text that needs no
    /// trimming and is not too long, taken from where the splitter found it:
    /// the cell's text is not looked up, checked at its ends and found again
    /// by its address (three text fields a row cost about 25 ms a million
    /// rows in WebAssembly that way). `None` for any other cell.
    fn plain_span(
        &self,
        cells: &Cells<'_>,
        f: IssuanceField,
        text: &ArenaBuilder<'_>,
    ) -> Option<Span> {
        let column = self.columns.get(f.index()).copied().flatten()?;
        let (at, bytes) = cells.piece(column)?;
        if bytes.is_empty() {
            return Some(Span::EMPTY);
        }
        if bytes.len() > MAX_TEXT_CHARS || !needs_no_trim(bytes) {
            return None;
        }
        text.source_span(self.split_offset?.checked_add(at)?, bytes.len())
    }

    /// Converts one data row.
    pub fn row(
        &mut self,
        cells: &Cells<'_>,
        line: u32,
        text: &mut ArenaBuilder<'_>,
    ) -> Result<IssuanceRow, RowProblem> {
        let raw = self.cell(cells, IssuanceField::Code);
        // Packed now, while the code is in the cache; added to the keys
        // once the row is known to be kept.
        let (code, raw_code, packed) = match normalise_into(raw, &mut self.scratch) {
            None => {
                check_clean_code(raw).map_err(|r| (self.column_name(IssuanceField::Code), r))?;
                (text.keep(raw), None, short_key(raw))
            }
            Some(changed) => {
                check_code(&self.scratch)
                    .map_err(|r| (self.column_name(IssuanceField::Code), r))?;
                let packed = short_key(&self.scratch);
                let code = text.push(&self.scratch);
                (code, changed.then(|| text.keep(raw)), packed)
            }
        };
        let face_text = self.cell(cells, IssuanceField::FaceValue);
        let face_value = match &self.last_face_value {
            Some((last, value)) if last == face_text => *value,
            _ => {
                let value = parse_money(face_text, self.unit)
                    .map_err(|r| (self.column_name(IssuanceField::FaceValue), r))?;
                remember(&mut self.last_face_value, face_text, value);
                value
            }
        };
        let status_text = self.cell(cells, IssuanceField::LocalStatus);
        let status = match &self.last_status {
            Some((last, status)) if last == status_text => *status,
            _ => match local_status(status_text) {
                Some(s) => {
                    remember(&mut self.last_status, status_text, s);
                    s
                }
                None => {
                    // Not a known word: counts as issued (the default), and
                    // the file carries a warning naming the value (so it is
                    // not remembered: each row is counted).
                    let key: String = status_text.trim().chars().take(40).collect();
                    *self.unknown_status.entry(key).or_insert(0) += 1;
                    LocalStatus::Issued
                }
            },
        };
        let mut field = |f: IssuanceField| -> Result<Span, RowProblem> {
            if let Some(span) = self.plain_span(cells, f, text) {
                return Ok(span);
            }
            let v = trim(self.cell(cells, f));
            // Bytes ≥ characters: only long fields need counting.
            if v.len() > MAX_TEXT_CHARS {
                let n = v.chars().count();
                if n > MAX_TEXT_CHARS {
                    return Err((
                        self.column_name(f),
                        format!("field is {n} characters long (at most {MAX_TEXT_CHARS})"),
                    ));
                }
            }
            Ok(text.keep(v))
        };
        let issued_at = field(IssuanceField::IssuedAt)?;
        let recipient = field(IssuanceField::Recipient)?;
        let order_ref = field(IssuanceField::OrderRef)?;
        // A mix_id like the last row's gets its span (checked then already).
        let mix_text = trim(self.cell(cells, IssuanceField::MixId));
        let repeated = mix_text == self.last_mix.0.as_str();
        let mix_id = match repeated {
            true => self.last_mix.1,
            false => field(IssuanceField::MixId)?,
        };
        let note = field(IssuanceField::Note)?;
        if !repeated {
            self.last_mix.0.clear();
            self.last_mix.0.push_str(mix_text);
            self.last_mix.1 = mix_id;
        }
        self.keys.push(packed);
        if let Some(raw) = raw_code {
            self.normalised_changed += 1;
            self.raw_codes.push((line, raw));
        }
        Ok(IssuanceRow {
            code,
            issued_at,
            recipient,
            order_ref,
            mix_id,
            note,
            face_fen: face_value.map_or(0, |f| f.0),
            has_face_value: face_value.is_some(),
            status,
            normalised: raw_code.is_some(),
            line,
        })
    }
}
