//! The code table as the page sees it: the filtered, sorted code indices
//! (kept in the worker while the user scrolls) and the per-day redemption
//! series for the chart.

use fcode_core::reconcile::{CodeFilter, CodeResult, Inputs, Reconciliation};
use fcode_core::time::BeijingTime;

use super::protocol::SortKey;
use super::summaries::DayTally;

#[derive(Clone, Debug)]
pub struct TableView {
    filter: CodeFilter,
    sort: SortKey,
    descending: bool,
    indices: Vec<u32>,
}

impl TableView {
    pub fn new(filter: CodeFilter, sort: SortKey, descending: bool, indices: Vec<u32>) -> Self {
        Self { filter, sort, descending, indices }
    }

    pub fn is_for(&self, filter: &CodeFilter, sort: SortKey, descending: bool) -> bool {
        self.filter == *filter && self.sort == sort && self.descending == descending
    }

    pub fn len(&self) -> u32 {
        u32::try_from(self.indices.len()).unwrap_or(u32::MAX)
    }

    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    /// Code indices `offset .. offset + limit`, clipped to the table.
    pub fn window(&self, offset: u32, limit: u32) -> &[u32] {
        let start = (offset as usize).min(self.indices.len());
        let end = start.saturating_add(limit as usize).min(self.indices.len());
        self.indices.get(start..end).unwrap_or(&[])
    }
}

/// The platform record behind a result, if the platform has the code.
fn platform_record<'a>(inputs: &'a Inputs<'_>, r: &CodeResult) -> Option<&'a fcode_core::platform::PlatformRecord> {
    let at = r.platform()?;
    inputs.platform.get(at.0 as usize)?.file.records.get(at.1 as usize)
}

/// Sorts code indices by a column; ties keep the reconciliation's order
/// (by code), so the order is stable and reproducible.
pub fn sort_indices(rec: &Reconciliation, inputs: &Inputs<'_>, indices: &mut [u32], key: SortKey, descending: bool) {
    let result = |i: u32| rec.results.get(i as usize);
    match key {
        SortKey::Code => {}
        SortKey::Class => indices.sort_by_key(|&i| result(i).map(|r| r.class.index())),
        SortKey::Amount => indices.sort_by_key(|&i| result(i).and_then(|r| r.amount())),
        SortKey::Batch => indices.sort_by_key(|&i| result(i).and_then(|r| r.batch())),
        SortKey::Modified => {
            indices.sort_by_key(|&i| result(i).and_then(|r| platform_record(inputs, r)).map(|p| p.gmt_modified))
        }
    }
    if descending {
        indices.reverse();
    }
}

/// The chart's series: the engine's per-day tally, as dates.
pub fn redemptions_per_day(rec: &Reconciliation) -> Vec<DayTally> {
    rec.redeemed_per_day
        .iter()
        .map(|d| DayTally { date: BeijingTime(d.day * 86_400).date_text(), count: d.count, amount_cents: d.amount.0 })
        .collect()
}
