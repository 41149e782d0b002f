//! Matching and classification (SPEC 3 and 4).
//!
//! [`reconcile`] takes parsed inputs by reference and returns a compact,
//! owned [`Reconciliation`]: one [`CodeResult`] per distinct code (class,
//! flags, amount, batch, where its platform record and issuance rows are)
//! plus summaries. Detail rows are built on demand from the same inputs
//! ([`Reconciliation::detail_row`]), so 1M codes cost ~40 bytes each.

mod batches;
mod classes;
mod classify;
mod code_ids;
mod detail;
mod filter;
mod matching;
mod period;
mod summary;

use crate::issuance::IssuanceFile;
use crate::model::{Fen, PullType};
use crate::platform::PlatformFile;
use crate::time::BeijingTime;
pub use classes::{Class, Flag, Flags};
pub use detail::DetailRow;
pub use filter::CodeFilter;
pub use period::Period;
use serde::{Deserialize, Serialize};
pub use summary::{PeriodSummary, RedeemedDay, Summary, Tally};

/// Version of the matching and classification rules; goes into every report
/// so a result can be reproduced.
pub const RULES_VERSION: &str = "fcode-recon-rules/1";

/// A platform file and how it was pulled.
#[derive(Clone, Copy, Debug)]
pub struct PlatformInput<'a> {
    pub file: &'a PlatformFile,
    pub pull: PullType,
}

/// Everything reconciled together, in load order (files in the order given;
/// on a tie of `gmt_modified` the record loaded last wins).
#[derive(Clone, Debug, Default)]
pub struct Inputs<'a> {
    pub platform: Vec<PlatformInput<'a>>,
    pub issuance: Vec<&'a IssuanceFile>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconcileOptions {
    pub period: Option<Period>,
}

/// A platform record: file index in `Inputs::platform`, record index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRef(pub u32, pub u32);

/// An issuance row: file index in `Inputs::issuance`, row index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowRef(pub u32, pub u32);

/// The outcome for one distinct (normalised) code, in 32 bytes: the size of
/// matching's per-code platform state, whose memory classifying writes the
/// results into (`classify`), so the results of a million codes take no
/// memory of their own (fresh WebAssembly memory costs about 0.4 ms a
/// megabyte the first time it is written). The optional parts are read
/// through [`Self::amount`], [`Self::batch`] and [`Self::platform`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeResult {
    /// In fen, when `bits` has [`Self::HAS_AMOUNT`].
    amount_fen: i64,
    /// [`Self::NO_RECORD`] for none.
    platform: RecordRef,
    /// [`Self::NO_BATCH`] for none.
    batch: u32,
    /// `Reconciliation::issuance_rows[start .. start + len]`, in load order.
    pub issuance_start: u32,
    pub issuance_len: u32,
    pub flags: Flags,
    pub class: Class,
    /// [`Self::NORMALISED`] and [`Self::HAS_AMOUNT`].
    bits: u8,
}

/// A [`CodeResult`] spelled out, for making one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeOutcome {
    pub class: Class,
    pub flags: Flags,
    /// Some input row gave this code in a non-normal form.
    pub normalised: bool,
    pub amount: Option<Fen>,
    /// Index into `Reconciliation::batches`.
    pub batch: Option<u32>,
    /// The winning platform record after de-duplication.
    pub platform: Option<RecordRef>,
    pub issuance_start: u32,
    pub issuance_len: u32,
}

impl CodeResult {
    const NORMALISED: u8 = 1;
    const HAS_AMOUNT: u8 = 2;
    /// No file has index `u32::MAX`, and no batch list is that long.
    const NO_RECORD: RecordRef = RecordRef(u32::MAX, u32::MAX);
    const NO_BATCH: u32 = u32::MAX;

    pub fn new(o: CodeOutcome) -> Self {
        Self {
            amount_fen: o.amount.map_or(0, |a| a.0),
            platform: o.platform.unwrap_or(Self::NO_RECORD),
            batch: o.batch.unwrap_or(Self::NO_BATCH),
            issuance_start: o.issuance_start,
            issuance_len: o.issuance_len,
            flags: o.flags,
            class: o.class,
            bits: (u8::from(o.normalised) * Self::NORMALISED)
                | (u8::from(o.amount.is_some()) * Self::HAS_AMOUNT),
        }
    }

    /// The code's amount: its batch's denomination, else its first face value.
    pub fn amount(&self) -> Option<Fen> {
        (self.bits & Self::HAS_AMOUNT != 0).then_some(Fen(self.amount_fen))
    }

    /// Index into `Reconciliation::batches`.
    pub fn batch(&self) -> Option<u32> {
        (self.batch != Self::NO_BATCH).then_some(self.batch)
    }

    /// The winning platform record after de-duplication.
    pub fn platform(&self) -> Option<RecordRef> {
        (self.platform != Self::NO_RECORD).then_some(self.platform)
    }

    /// Some input row gave this code in a non-normal form.
    pub fn normalised(&self) -> bool {
        self.bits & Self::NORMALISED != 0
    }
}

/// A batch: from the platform (with completeness) or only named by the
/// issuance list's mix_id column (`on_platform = false`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchResult {
    pub mix_id: String,
    pub name: Option<String>,
    pub denomination: Option<Fen>,
    pub total_count: Option<u64>,
    pub valid_duration_type: Option<String>,
    pub valid_days: Option<i64>,
    pub coupon_expire_time: Option<BeijingTime>,
    /// `coupon_expire_time` (+ `valid_days` for DAY): later redemptions are flagged.
    pub last_valid_moment: Option<BeijingTime>,
    pub on_platform: bool,
    pub pulled_all: bool,
    pub pulled_consume: bool,
    /// Distinct codes loaded from platform data for this batch.
    pub loaded: u64,
    /// true / false / unknown (no total_count, as in a CSV export).
    pub complete: Option<bool>,
    /// Some page said `has_next = true` and no page said false.
    pub has_next_pending: bool,
    pub summary: Summary,
}

impl BatchResult {
    /// The pull type shown for the batch: ALL when any ALL pull loaded it.
    pub fn pull(&self) -> Option<PullType> {
        if !self.on_platform {
            None
        } else if self.pulled_all {
            Some(PullType::All)
        } else {
            Some(PullType::Consume)
        }
    }
}

/// The tie-out line: how inputs turned into distinct codes and classes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieOut {
    pub platform_records: u64,
    /// Distinct codes the platform reported.
    pub platform_codes: u64,
    /// Records beyond the first for a code (pages overlapping, several pulls).
    pub platform_duplicate_records: u64,
    pub issuance_rows: u64,
    /// Distinct codes on the issuance list.
    pub issued_codes: u64,
    pub duplicate_issue_rows: u64,
    /// All distinct codes (= sum of all classes).
    pub codes: u64,
    /// Sum of the issued classes; equals `issued_codes`.
    pub issued_classes_sum: u64,
    /// Sum of the on-platform classes; equals `platform_codes`.
    pub platform_classes_sum: u64,
    pub balanced: bool,
    /// Input rows whose code normalisation changed, and distinct codes affected.
    pub normalised_rows: u64,
    pub normalised_codes: u64,
    pub rejected_rows: u64,
}

/// Shape of the inputs a reconciliation was made from; detail rows check it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputShape {
    pub platform: Vec<(String, u32)>,
    pub issuance: Vec<(String, u32)>,
}

impl InputShape {
    pub fn of(inputs: &Inputs<'_>) -> Self {
        Self {
            platform: inputs
                .platform
                .iter()
                .map(|p| (p.file.name.clone(), p.file.records.len() as u32))
                .collect(),
            issuance: inputs
                .issuance
                .iter()
                .map(|f| (f.name.clone(), f.rows.len() as u32))
                .collect(),
        }
    }
}

/// The result of a reconciliation. Owned and serialisable (the browser
/// worker keeps it; the page asks for summaries and row ranges).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconciliation {
    pub rules_version: String,
    /// One per distinct code, in order of first appearance (platform codes
    /// first). The code's text is not copied here: it is read where it lies
    /// in the inputs ([`Self::code`]).
    pub results: Vec<CodeResult>,
    pub issuance_rows: Vec<RowRef>,
    pub batches: Vec<BatchResult>,
    /// Codes with no batch at all (neither platform nor issuance says).
    pub unbatched: Summary,
    pub totals: Summary,
    pub period: Option<PeriodSummary>,
    pub tie_out: TieOut,
    /// Prominent warnings: incomplete batches, conflicting batch data.
    pub warnings: Vec<String>,
    pub shape: InputShape,
    /// Codes the platform says are redeemed, per day of `gmt_modified`.
    #[serde(default)]
    pub redeemed_per_day: Vec<RedeemedDay>,
}

impl Reconciliation {
    pub fn len(&self) -> usize {
        self.results.len()
    }

    pub fn is_empty(&self) -> bool {
        self.results.is_empty()
    }

    /// The normalised code of result `i`, read from `inputs` (the inputs
    /// this was made from, [`Self::matches_inputs`]): every record and row
    /// of a code carries the same normalised text, so the winning platform
    /// record's or else the first issuance row's is the code. Empty when
    /// `inputs` do not have them.
    pub fn code<'a>(&self, inputs: &Inputs<'a>, i: usize) -> &'a str {
        let Some(r) = self.results.get(i) else {
            return "";
        };
        if let Some(RecordRef(fi, ri)) = r.platform() {
            let f: Option<&'a PlatformFile> = inputs.platform.get(fi as usize).map(|p| p.file);
            return f
                .and_then(|f| Some(f.code(f.records.get(ri as usize)?)))
                .unwrap_or("");
        }
        let Some(&RowRef(fi, ri)) = self.rows_of(r).first() else {
            return "";
        };
        let f: Option<&'a IssuanceFile> = inputs.issuance.get(fi as usize).copied();
        f.and_then(|f| Some(f.code(f.rows.get(ri as usize)?)))
            .unwrap_or("")
    }

    /// The issuance rows of code `i`.
    pub fn rows_of(&self, r: &CodeResult) -> &[RowRef] {
        let start = r.issuance_start as usize;
        self.issuance_rows
            .get(start..start.saturating_add(r.issuance_len as usize))
            .unwrap_or(&[])
    }

    /// Whether `inputs` are the inputs this reconciliation was made from.
    pub fn matches_inputs(&self, inputs: &Inputs<'_>) -> bool {
        self.shape == InputShape::of(inputs)
    }

    /// Batches whose completeness is false: the warning every export carries.
    pub fn incomplete_batches(&self) -> impl Iterator<Item = &BatchResult> {
        self.batches.iter().filter(|b| b.complete == Some(false))
    }
}

/// Reconciles platform data against the issuance list (SPEC 3 and 4).
pub fn reconcile(inputs: &Inputs<'_>, options: &ReconcileOptions) -> Reconciliation {
    let mut table = batches::build(inputs);
    let matched = matching::match_codes(inputs, &table);
    let mut rec = classify::classify(inputs, &mut table, matched, options);
    rec.shape = InputShape::of(inputs);
    rec
}

#[cfg(test)]
mod tests {
    use super::{Class, CodeOutcome, CodeResult, Flag, Flags, RecordRef};
    use crate::model::Fen;

    /// Whatever goes in comes out, the edges of each part included, in 32
    /// bytes.
    #[test]
    fn a_code_result_gives_back_what_it_was_made_of() {
        assert_eq!(size_of::<CodeResult>(), 32);
        let mut flags = Flags::default();
        flags.set(Flag::BatchMismatch);
        for amount in [
            None,
            Some(Fen(0)),
            Some(Fen(-1)),
            Some(Fen(i64::MAX)),
            Some(Fen(i64::MIN)),
        ] {
            for batch in [None, Some(0), Some(u32::MAX - 1)] {
                for platform in [None, Some(RecordRef(0, 0)), Some(RecordRef(7, u32::MAX))] {
                    for normalised in [false, true] {
                        let o = CodeOutcome {
                            class: Class::UnissuedBound,
                            flags,
                            normalised,
                            amount,
                            batch,
                            platform,
                            issuance_start: 3,
                            issuance_len: u32::MAX,
                        };
                        let r = CodeResult::new(o);
                        let back = (r.amount(), r.batch(), r.platform(), r.normalised());
                        assert_eq!(back, (amount, batch, platform, normalised), "{o:?}");
                        assert_eq!((r.class, r.flags), (o.class, o.flags));
                        assert_eq!((r.issuance_start, r.issuance_len), (3, u32::MAX));
                    }
                }
            }
        }
    }
}
