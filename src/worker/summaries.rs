//! What the worker tells the page about its data: small, display-ready
//! summaries. The big data (records, rows, per-code results) stays in the
//! worker; the page asks for windows of it.

use fcode_core::issuance::{ColumnMapping, FaceValueUnit, IssuanceFile};
use fcode_core::model::PullType;
use fcode_core::platform::PlatformFile;
use fcode_core::reconcile::{Class, DetailRow, Flag, TieOut};
use serde::{Deserialize, Serialize};

use super::protocol::InputId;

/// How many row errors a summary lists (all are counted; the exports and
/// the report carry the counts).
pub const LISTED_ROW_ERRORS: usize = 200;

/// One batch as found in one platform file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchBrief {
    pub mix_id: String,
    pub name: Option<String>,
    pub total_count: Option<u64>,
    pub denomination_cents: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformSummary {
    pub input: InputId,
    pub name: String,
    pub format: String,
    pub size: u64,
    pub sha256: String,
    pub pages: u32,
    pub batches: Vec<BatchBrief>,
    pub records: u64,
    pub rejected: u64,
    pub row_errors: Vec<String>,
    pub normalised: u64,
    pub suggested_pull: PullType,
}

impl PlatformSummary {
    pub fn of(input: InputId, file: &PlatformFile, size: u64, sha256: String) -> Self {
        Self {
            input,
            name: file.name.clone(),
            format: file.format.as_str().to_string(),
            size,
            sha256,
            pages: file.pages,
            batches: file
                .batches
                .iter()
                .map(|b| BatchBrief {
                    mix_id: b.mix_id.clone(),
                    name: b.name.clone(),
                    total_count: b.total_count,
                    denomination_cents: b.denomination.map(|d| d.0),
                })
                .collect(),
            records: file.records.len() as u64,
            rejected: file.row_errors.count,
            row_errors: file.row_errors.listed.iter().take(LISTED_ROW_ERRORS).map(ToString::to_string).collect(),
            normalised: file.normalised_changed,
            suggested_pull: file.suggested_pull(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuanceSummary {
    pub input: InputId,
    pub name: String,
    pub format: String,
    pub encoding: Option<String>,
    pub size: u64,
    pub sha256: String,
    pub rows: u64,
    pub rejected: u64,
    pub row_errors: Vec<String>,
    pub warnings: Vec<String>,
    pub normalised: u64,
    pub mapping: ColumnMapping,
    pub headers: Vec<String>,
    pub face_value_unit: FaceValueUnit,
}

impl IssuanceSummary {
    pub fn of(input: InputId, file: &IssuanceFile, size: u64, sha256: String) -> Self {
        Self {
            input,
            name: file.name.clone(),
            format: file.format.as_str().to_string(),
            encoding: file.encoding.map(|e| e.as_str().to_string()),
            size,
            sha256,
            rows: file.rows.len() as u64,
            rejected: file.row_errors.count,
            row_errors: file.row_errors.listed.iter().take(LISTED_ROW_ERRORS).map(ToString::to_string).collect(),
            warnings: file.warnings.clone(),
            normalised: file.normalised_changed,
            mapping: file.mapping.clone(),
            headers: file.headers.clone(),
            face_value_unit: file.face_value_unit,
        }
    }
}

/// Redemptions of one day (Beijing time), for the chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayTally {
    pub date: String,
    pub count: u64,
    pub amount_cents: i64,
}

/// What the results page shows beyond the report itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSummary {
    pub codes: u64,
    pub tie_out: TieOut,
    pub redemptions_per_day: Vec<DayTally>,
}

/// One line of the code table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    pub index: u32,
    pub code: String,
    pub class: Class,
    pub flags: Vec<Flag>,
    pub amount_cents: Option<i64>,
    pub platform_status: Option<i64>,
    pub gmt_modified: Option<String>,
    pub mix_id: Option<String>,
    pub recipient: String,
    pub order_ref: String,
}

impl TableRow {
    pub fn of(index: u32, row: &DetailRow) -> Self {
        Self {
            index,
            code: row.code.clone(),
            class: row.class,
            flags: row.flags.iter().collect(),
            amount_cents: row.amount.map(|a| a.0),
            platform_status: row.platform_status.map(|s| s.code()),
            gmt_modified: row.gmt_modified.map(|t| t.to_string()),
            mix_id: row.mix_id.clone(),
            recipient: row.recipient.clone(),
            order_ref: row.order_ref.clone(),
        }
    }
}

/// A window of the filtered, sorted code table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowPage {
    /// Codes that pass the filter.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<TableRow>,
}

/// Everything about one code, for the detail panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeDetail {
    pub index: u32,
    pub row: DetailRow,
}
