//! Which column holds which issuance field. Detected from the header row,
//! overridden by the user's choice (the app remembers it per header set,
//! keyed by [`header_signature`]).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuanceField {
    Code,
    IssuedAt,
    Recipient,
    OrderRef,
    FaceValue,
    MixId,
    LocalStatus,
    Note,
}

impl IssuanceField {
    pub const ALL: [IssuanceField; 8] = [
        Self::Code,
        Self::IssuedAt,
        Self::Recipient,
        Self::OrderRef,
        Self::FaceValue,
        Self::MixId,
        Self::LocalStatus,
        Self::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::IssuedAt => "issued_at",
            Self::Recipient => "recipient",
            Self::OrderRef => "order_ref",
            Self::FaceValue => "face_value",
            Self::MixId => "mix_id",
            Self::LocalStatus => "local_status",
            Self::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s.trim())
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn required(self) -> bool {
        self == Self::Code
    }
}

impl fmt::Display for IssuanceField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Field → 0-based column index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    pub columns: BTreeMap<IssuanceField, usize>,
    /// 0-based index of the header row among the table's rows; `None` in an
    /// override means "use the detected one" (or: no header when none is
    /// detected).
    #[serde(default)]
    pub header_row: Option<usize>,
}

impl ColumnMapping {
    pub fn get(&self, f: IssuanceField) -> Option<usize> {
        self.columns.get(&f).copied()
    }

    /// Column per field as an array indexed by `IssuanceField::index`
    /// (looked up once per file, not once per cell).
    pub fn as_array(&self) -> [Option<usize>; 8] {
        let mut a = [None; 8];
        for (f, i) in &self.columns {
            if let Some(slot) = a.get_mut(f.index()) {
                *slot = Some(*i);
            }
        }
        a
    }

    /// Resolves `field=column` pairs (column: header text, or a 1-based
    /// column number) against a header row; for the CLI's `--map`.
    pub fn from_names(pairs: &[(String, String)], headers: &[String]) -> Result<Self, String> {
        let mut m = ColumnMapping::default();
        for (field, column) in pairs {
            let f = IssuanceField::parse(field).ok_or_else(|| {
                format!(
                    "unknown field '{field}' in --map (fields: {})",
                    IssuanceField::ALL
                        .iter()
                        .map(|f| f.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            let idx = headers
                .iter()
                .position(|h| h.trim() == column.trim())
                .or_else(|| {
                    column
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .map(|n| n - 1)
                })
                .ok_or_else(|| {
                    format!(
                        "no column '{column}' for {field} (headers: {})",
                        headers.join(", ")
                    )
                })?;
            m.columns.insert(f, idx);
        }
        Ok(m)
    }
}

/// A stable key for a header set, so a mapping chosen once is found again.
pub fn header_signature(headers: &[String]) -> String {
    let mut h = Sha256::new();
    for s in headers {
        h.update(s.trim().as_bytes());
        h.update([0x1f]);
    }
    let d = h.finalize();
    d.iter().take(8).map(|b| format!("{b:02x}")).collect()
}
