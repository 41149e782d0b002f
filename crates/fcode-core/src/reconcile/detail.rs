//! Detail rows (SPEC 5), built on demand for one code from the compact
//! result and the inputs it was made from.

use super::{Class, Flags, Inputs, Reconciliation};
use crate::model::{BindStatus, CodeStatus, Fen, LocalStatus};
use crate::time::BeijingTime;
use serde::{Deserialize, Serialize};

/// Everything shown about one code. Several issuance rows (duplicate
/// issue) are joined with `; ` in the text columns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailRow {
    pub code: String,
    pub class: Class,
    pub flags: Flags,
    pub platform_status: Option<CodeStatus>,
    pub bind_status: Option<BindStatus>,
    pub gmt_modified: Option<BeijingTime>,
    pub mix_id: Option<String>,
    pub batch_name: Option<String>,
    pub amount: Option<Fen>,
    pub issued_at: String,
    pub recipient: String,
    pub order_ref: String,
    pub local_face_value: Option<Fen>,
    pub local_status: Option<LocalStatus>,
    pub local_mix_id: String,
    pub note: String,
    /// `file page N record M` / `file line N`.
    pub platform_source: String,
    pub issuance_source: String,
    /// The code as first given where normalisation changed it, else empty.
    pub code_as_given: String,
}

fn join_distinct(values: impl Iterator<Item = String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for v in values {
        if !v.is_empty() && !seen.contains(&v) {
            seen.push(v);
        }
    }
    seen.join("; ")
}

impl Reconciliation {
    /// The detail row of code `i`, or `None` when `i` is out of range or
    /// `inputs` are not the ones this reconciliation was made from.
    pub fn detail_row(&self, inputs: &Inputs<'_>, i: usize) -> Option<DetailRow> {
        if !self.matches_inputs(inputs) {
            return None;
        }
        self.detail_row_unchecked(inputs, i)
    }

    /// Detail rows for a range of codes (a page of the virtual table).
    pub fn detail_rows(&self, inputs: &Inputs<'_>, start: usize, count: usize) -> Vec<DetailRow> {
        if !self.matches_inputs(inputs) {
            return Vec::new();
        }
        (start..start.saturating_add(count).min(self.len()))
            .filter_map(|i| self.detail_row_unchecked(inputs, i))
            .collect()
    }

    /// Detail rows for given code indices (e.g. a filter's result).
    pub fn detail_rows_for(&self, inputs: &Inputs<'_>, indices: &[u32]) -> Vec<DetailRow> {
        if !self.matches_inputs(inputs) {
            return Vec::new();
        }
        indices
            .iter()
            .filter_map(|&i| self.detail_row_unchecked(inputs, i as usize))
            .collect()
    }

    pub(crate) fn detail_row_unchecked(&self, inputs: &Inputs<'_>, i: usize) -> Option<DetailRow> {
        let r = self.results.get(i)?;
        let batch = r.batch().and_then(|b| self.batches.get(b as usize));
        let plat = r.platform().and_then(|p| {
            let f = inputs.platform.get(p.0 as usize)?.file;
            Some((f, p.1 as usize, f.records.get(p.1 as usize)?))
        });
        let rows: Vec<_> = self
            .rows_of(r)
            .iter()
            .filter_map(|rr| {
                let f = *inputs.issuance.get(rr.0 as usize)?;
                Some((f, f.rows.get(rr.1 as usize)?))
            })
            .collect();
        let text = |pick: fn(&crate::issuance::IssuanceRow) -> crate::arena::Span| {
            join_distinct(
                rows.iter()
                    .map(|(f, row)| f.text.get(pick(row)).to_string()),
            )
        };
        let mut code_as_given = String::new();
        if let Some((f, at, rec)) = plat
            && rec.normalised
        {
            code_as_given = f.raw_code(at).to_string();
        }
        if code_as_given.is_empty()
            && let Some((f, row)) = rows.iter().find(|(_, row)| row.normalised)
        {
            code_as_given = f.raw_code(row).to_string();
        }
        Some(DetailRow {
            code: self.code(inputs, i).to_string(),
            class: r.class,
            flags: r.flags,
            platform_status: plat.map(|(_, _, p)| p.status),
            bind_status: plat.map(|(_, _, p)| p.bind),
            gmt_modified: plat.map(|(_, _, p)| p.gmt_modified),
            mix_id: batch.map(|b| b.mix_id.clone()),
            batch_name: batch.and_then(|b| b.name.clone()),
            amount: r.amount(),
            issued_at: text(|r| r.issued_at),
            recipient: text(|r| r.recipient),
            order_ref: text(|r| r.order_ref),
            local_face_value: rows.iter().find_map(|(_, row)| row.face_value()),
            local_status: if rows.is_empty() {
                None
            } else if rows.iter().any(|(_, row)| row.status == LocalStatus::Void) {
                Some(LocalStatus::Void)
            } else {
                Some(LocalStatus::Issued)
            },
            local_mix_id: text(|r| r.mix_id),
            note: text(|r| r.note),
            platform_source: plat.map(|(f, _, p)| f.source_of(p)).unwrap_or_default(),
            issuance_source: rows
                .iter()
                .map(|(f, row)| f.source_of(row))
                .collect::<Vec<_>>()
                .join("; "),
            code_as_given,
        })
    }
}
