//! One issuance row: cells → a compact [`IssuanceRow`] (text in the arena),
//! or a row error naming the column.

use super::headers::local_status;
use super::mapping::{ColumnMapping, IssuanceField};
use super::money::{FaceValueUnit, parse_money};
use crate::arena::{ArenaBuilder, Span};
use crate::code::{check_clean_code, check_code, normalise_into};
use crate::code_keys::{CodeKeys, short_key};
use crate::model::{Fen, LocalStatus};
use crate::table::{Cells, trim};
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
        let face_value = parse_money(self.cell(cells, IssuanceField::FaceValue), self.unit)
            .map_err(|r| (self.column_name(IssuanceField::FaceValue), r))?;
        let status_text = self.cell(cells, IssuanceField::LocalStatus);
        let status = match local_status(status_text) {
            Some(s) => s,
            None => {
                // Not a known word: counts as issued (the default), and the
                // file carries a warning naming the value.
                let key: String = status_text.trim().chars().take(40).collect();
                *self.unknown_status.entry(key).or_insert(0) += 1;
                LocalStatus::Issued
            }
        };
        let mut field = |f: IssuanceField| -> Result<Span, RowProblem> {
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
