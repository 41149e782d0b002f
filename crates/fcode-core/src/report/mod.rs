//! The report JSON of SPEC 5 (schema `fcode-recon/report/v1`) and the
//! exports. Every class and flag key is always present (named struct
//! fields, not a map); `complete` is `true`, `false` or `null`.
//!
//! Extra fields beyond the mandatory ones: `rules_version`, `outstanding`
//! (bound/unbound split), `exceptions`, `tie_out`, `warnings`, per-batch
//! `classes`/`flags`/`pulls`, and `other_batches` (mix_ids named only by the
//! issuance list, and codes with no batch at all).

mod csv;
mod details;
pub mod safe_cell;
mod xlsx;

use crate::issuance::IssuanceFile;
use crate::model::PullType;
use crate::platform::PlatformFile;
use crate::reconcile::{BatchResult, Class, Flag, Reconciliation, Summary, Tally, TieOut};
pub use csv::{details_csv, exceptions_csv};
pub use details::{DETAIL_COLUMNS, NUMERIC_COLUMNS, detail_cells};
pub use safe_cell::{safe_cell, unescape_cell};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
pub use xlsx::{XlsxError, xlsx, xlsx_with_sheet_rows};

pub const REPORT_SCHEMA: &str = "fcode-recon/report/v1";

/// SHA-256 of an input, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in d.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputRole {
    Platform,
    Issuance,
}

/// One input file as the report lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputMeta {
    pub name: String,
    pub role: InputRole,
    pub format: String,
    pub sha256: String,
    /// Rows loaded (records for platform data).
    pub rows: u64,
    pub rejected_rows: u64,
    /// Platform inputs: the pull type used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pull: Option<PullType>,
}

impl InputMeta {
    pub fn platform(file: &PlatformFile, bytes: &[u8], pull: PullType) -> Self {
        Self::platform_with_hash(file, sha256_hex(bytes), pull)
    }

    /// When the app hashed the bytes at load time already.
    pub fn platform_with_hash(file: &PlatformFile, sha256: String, pull: PullType) -> Self {
        Self {
            name: file.name.clone(),
            role: InputRole::Platform,
            format: file.format.as_str().to_string(),
            sha256,
            rows: file.records.len() as u64,
            rejected_rows: file.row_errors.count,
            pull: Some(pull),
        }
    }

    pub fn issuance(file: &IssuanceFile, bytes: &[u8]) -> Self {
        Self::issuance_with_hash(file, sha256_hex(bytes))
    }

    pub fn issuance_with_hash(file: &IssuanceFile, sha256: String) -> Self {
        Self {
            name: file.name.clone(),
            role: InputRole::Issuance,
            format: file.format.as_str().to_string(),
            sha256,
            rows: file.rows.len() as u64,
            rejected_rows: file.row_errors.count,
            pull: None,
        }
    }
}

/// What the caller knows and the engine cannot: the time (no clock in the
/// engine) and the inputs' names and hashes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMeta {
    /// Beijing time, `YYYY-MM-DD HH:MM:SS`.
    pub generated_at: String,
    pub inputs: Vec<InputMeta>,
}

macro_rules! named_tallies {
    ($name:ident, $kind:ty, $($field:ident => $variant:ident),+ $(,)?) => {
        /// One tally per key; every key always present.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub struct $name {
            $(pub $field: Tally,)+
        }
        impl $name {
            pub fn get(&self, k: $kind) -> Tally {
                match k { $(<$kind>::$variant => self.$field,)+ }
            }
        }
    };
}

named_tallies!(ClassTallies, Class,
    redeemed => Redeemed, outstanding => Outstanding, expired => Expired, invalidated => Invalidated,
    missing_on_platform => MissingOnPlatform, not_redeemed => NotRedeemed,
    unissued_redeemed => UnissuedRedeemed, unissued_bound => UnissuedBound, unissued => Unissued);

named_tallies!(FlagTallies, Flag,
    missing_on_platform => MissingOnPlatform, unissued_redeemed => UnissuedRedeemed, unissued_bound => UnissuedBound,
    voided_but_redeemed => VoidedButRedeemed, duplicate_issue => DuplicateIssue, platform_conflict => PlatformConflict,
    face_value_mismatch => FaceValueMismatch, batch_mismatch => BatchMismatch, redeemed_after_expiry => RedeemedAfterExpiry);

impl ClassTallies {
    pub fn from_summary(s: &Summary) -> Self {
        let c = |k| s.class(k);
        Self {
            redeemed: c(Class::Redeemed),
            outstanding: c(Class::Outstanding),
            expired: c(Class::Expired),
            invalidated: c(Class::Invalidated),
            missing_on_platform: c(Class::MissingOnPlatform),
            not_redeemed: c(Class::NotRedeemed),
            unissued_redeemed: c(Class::UnissuedRedeemed),
            unissued_bound: c(Class::UnissuedBound),
            unissued: c(Class::Unissued),
        }
    }
}

impl FlagTallies {
    pub fn from_summary(s: &Summary) -> Self {
        let f = |k| s.flag(k);
        Self {
            missing_on_platform: f(Flag::MissingOnPlatform),
            unissued_redeemed: f(Flag::UnissuedRedeemed),
            unissued_bound: f(Flag::UnissuedBound),
            voided_but_redeemed: f(Flag::VoidedButRedeemed),
            duplicate_issue: f(Flag::DuplicateIssue),
            platform_conflict: f(Flag::PlatformConflict),
            face_value_mismatch: f(Flag::FaceValueMismatch),
            batch_mismatch: f(Flag::BatchMismatch),
            redeemed_after_expiry: f(Flag::RedeemedAfterExpiry),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportBatch {
    pub mix_id: String,
    pub name: Option<String>,
    pub denomination_cents: Option<i64>,
    pub total_count: Option<u64>,
    pub loaded: u64,
    pub complete: Option<bool>,
    pub pull: Option<PullType>,
    /// Every pull type that loaded the batch.
    pub pulls: Vec<PullType>,
    pub classes: ClassTallies,
    pub flags: FlagTallies,
}

/// Codes whose batch the platform data did not load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherBatch {
    /// The issuance list's mix_id; `null` for codes with no batch at all.
    pub mix_id: Option<String>,
    pub classes: ClassTallies,
    pub flags: FlagTallies,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPeriod {
    pub from: String,
    pub to: String,
    pub redeemed_in_period: Tally,
    pub redeemed_before: Tally,
    pub redeemed_after: Tally,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutstandingSplit {
    pub bound: Tally,
    pub unbound: Tally,
}

/// The report (SPEC 5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub generated_at: String,
    pub rules_version: String,
    pub inputs: Vec<InputMeta>,
    pub batches: Vec<ReportBatch>,
    pub classes: ClassTallies,
    pub flags: FlagTallies,
    pub period: Option<ReportPeriod>,
    pub outstanding: OutstandingSplit,
    /// Codes with at least one flag.
    pub exceptions: Tally,
    pub tie_out: TieOut,
    pub warnings: Vec<String>,
    pub other_batches: Vec<OtherBatch>,
}

fn report_batch(b: &BatchResult) -> ReportBatch {
    let mut pulls = Vec::new();
    if b.pulled_all {
        pulls.push(PullType::All);
    }
    if b.pulled_consume {
        pulls.push(PullType::Consume);
    }
    ReportBatch {
        mix_id: b.mix_id.clone(),
        name: b.name.clone(),
        denomination_cents: b.denomination.map(|d| d.0),
        total_count: b.total_count,
        loaded: b.loaded,
        complete: b.complete,
        pull: b.pull(),
        pulls,
        classes: ClassTallies::from_summary(&b.summary),
        flags: FlagTallies::from_summary(&b.summary),
    }
}

/// Warnings every export carries: incomplete batches first, then the rest.
pub fn export_warnings(rec: &Reconciliation) -> Vec<String> {
    rec.warnings.clone()
}

/// Builds the report of a reconciliation.
pub fn build_report(rec: &Reconciliation, meta: &ReportMeta) -> Report {
    let mut other: Vec<OtherBatch> = rec
        .batches
        .iter()
        .filter(|b| !b.on_platform)
        .map(|b| OtherBatch {
            mix_id: Some(b.mix_id.clone()),
            classes: ClassTallies::from_summary(&b.summary),
            flags: FlagTallies::from_summary(&b.summary),
        })
        .collect();
    if rec.unbatched.total().count > 0 {
        other.push(OtherBatch {
            mix_id: None,
            classes: ClassTallies::from_summary(&rec.unbatched),
            flags: FlagTallies::from_summary(&rec.unbatched),
        });
    }
    Report {
        schema: REPORT_SCHEMA.to_string(),
        generated_at: meta.generated_at.clone(),
        rules_version: rec.rules_version.clone(),
        inputs: meta.inputs.clone(),
        batches: rec
            .batches
            .iter()
            .filter(|b| b.on_platform)
            .map(report_batch)
            .collect(),
        classes: ClassTallies::from_summary(&rec.totals),
        flags: FlagTallies::from_summary(&rec.totals),
        period: rec.period.as_ref().map(|p| ReportPeriod {
            from: p.from.clone(),
            to: p.to.clone(),
            redeemed_in_period: p.redeemed_in_period,
            redeemed_before: p.redeemed_before,
            redeemed_after: p.redeemed_after,
        }),
        outstanding: OutstandingSplit {
            bound: rec.totals.outstanding_bound,
            unbound: rec.totals.outstanding_unbound,
        },
        exceptions: rec.totals.exceptions,
        tie_out: rec.tie_out.clone(),
        warnings: export_warnings(rec),
        other_batches: other,
    }
}

impl Report {
    /// Pretty JSON text of the report.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
