//! Classification (SPEC 4): one class and zero or more flags per code, its
//! amount, its batch; summaries per batch and in total; the period split;
//! batch completeness and the tie-out line.

use super::batches::BatchTable;
use super::matching::{Matched, NO_BATCH, OTHER_BATCH, PlatState, RowFacts};
use super::summary::{PeriodSummary, RedeemedDays, Summary};
use super::{
    Class, CodeOutcome, CodeResult, Flag, Flags, Inputs, RULES_VERSION, ReconcileOptions,
    Reconciliation, RowRef, TieOut,
};
use crate::issuance::IssuanceRow;
use crate::model::{BindStatus, CodeStatus, Fen};

// The results are collected where the platform states were (`classify`)
// only when both have one size and alignment.
const _: () = assert!(
    size_of::<CodeResult>() == size_of::<PlatState>()
        && align_of::<CodeResult>() == align_of::<PlatState>()
);

fn row<'a>(
    inputs: &Inputs<'a>,
    r: RowRef,
) -> Option<(&'a crate::issuance::IssuanceFile, &'a IssuanceRow)> {
    let f = *inputs.issuance.get(r.0 as usize)?;
    Some((f, f.rows.get(r.1 as usize)?))
}

pub(crate) fn classify(
    inputs: &Inputs<'_>,
    table: &mut BatchTable,
    m: Matched,
    options: &ReconcileOptions,
) -> Reconciliation {
    let n = m.codes;
    let platform_codes = m.plat.len();
    let mut c = Classifier {
        inputs,
        all_consume_only: table.all_consume_only(),
        table,
        options,
        row_start: &m.row_start,
        rows: &m.rows,
        facts: &m.facts,
        unbatched: Summary::default(),
        period: options.period.as_ref().map(|p| PeriodSummary {
            from: p.from_text.clone(),
            to: p.to_text.clone(),
            ..PeriodSummary::default()
        }),
        issued_codes: 0,
        duplicate_rows: 0,
        normalised_codes: 0,
        redeemed_days: RedeemedDays::default(),
    };
    // Platform codes have the first ids, each with its state in `m.plat`;
    // the results take that list's place, written where each state was
    // read (the standard library collects in place when the sizes match),
    // and the codes only the lists gave follow.
    let mut results: Vec<CodeResult> = m
        .plat
        .into_iter()
        .enumerate()
        .map(|(id, p)| c.code(id, Some(&p)))
        .collect();
    results.extend((platform_codes..n).map(|id| c.code(id, None)));
    let Classifier {
        unbatched,
        period,
        issued_codes,
        duplicate_rows,
        normalised_codes,
        redeemed_days,
        ..
    } = c;
    let mut totals = Summary::default();

    // Every code went to its batch's summary or the unbatched one: their
    // sum is the total (one tally per code rather than two).
    totals.merge(&unbatched);
    for b in &table.batches {
        totals.merge(&b.summary);
    }

    let mut warnings = std::mem::take(&mut table.warnings);
    completeness(table, &m.loaded, &mut warnings);
    for p in &inputs.platform {
        if p.file.unbatched_has_next_last.is_some() && !p.file.unbatched_final_page_seen {
            warnings.push(format!(
                "{}: the last page says has_next = true: more pages to fetch",
                p.file.name
            ));
        }
    }

    let sum_where = |pred: fn(Class) -> bool| {
        Class::ALL
            .into_iter()
            .filter(|c| pred(*c))
            .map(|c| totals.class(c).count)
            .sum::<u64>()
    };
    let issued_classes_sum = sum_where(Class::is_issued);
    let platform_classes_sum = sum_where(Class::is_on_platform);
    let rejected_rows = inputs
        .platform
        .iter()
        .map(|p| p.file.row_errors.count)
        .sum::<u64>()
        + inputs
            .issuance
            .iter()
            .map(|f| f.row_errors.count)
            .sum::<u64>();
    let tie_out = TieOut {
        platform_records: m.platform_records,
        platform_codes: platform_codes as u64,
        platform_duplicate_records: m.platform_duplicates,
        issuance_rows: m.issuance_rows,
        issued_codes,
        duplicate_issue_rows: duplicate_rows,
        codes: n as u64,
        issued_classes_sum,
        platform_classes_sum,
        balanced: issued_classes_sum == issued_codes
            && platform_classes_sum == platform_codes as u64
            && totals.total().count == n as u64,
        normalised_rows: m.normalised_rows,
        normalised_codes,
        rejected_rows,
    };

    Reconciliation {
        rules_version: RULES_VERSION.to_string(),
        results,
        issuance_rows: m.rows,
        batches: std::mem::take(&mut table.batches),
        unbatched,
        totals,
        period,
        tie_out,
        warnings,
        shape: Default::default(),
        redeemed_per_day: redeemed_days.into_days(),
    }
}

/// What classifying keeps while it goes through the codes.
struct Classifier<'c, 'i> {
    inputs: &'c Inputs<'i>,
    table: &'c mut BatchTable,
    options: &'c ReconcileOptions,
    all_consume_only: bool,
    row_start: &'c [u32],
    rows: &'c [RowRef],
    facts: &'c [RowFacts],
    unbatched: Summary,
    period: Option<PeriodSummary>,
    issued_codes: u64,
    duplicate_rows: u64,
    normalised_codes: u64,
    redeemed_days: RedeemedDays,
}

impl Classifier<'_, '_> {
    /// Classifies code `id`, whose platform state is `plat` (none when only
    /// an issuance list gave it), and adds it to its batch's summary.
    fn code(&mut self, id: usize, plat: Option<&PlatState>) -> CodeResult {
        let start = self.row_start.get(id).copied().unwrap_or(0);
        let end = self.row_start.get(id + 1).copied().unwrap_or(start);
        let rows: &[RowRef] = self.rows.get(start as usize..end as usize).unwrap_or(&[]);
        let facts: &[RowFacts] = self.facts.get(start as usize..end as usize).unwrap_or(&[]);
        let issued = !rows.is_empty();
        if issued {
            self.issued_codes += 1;
        }
        if rows.len() > 1 {
            self.duplicate_rows += rows.len() as u64 - 1;
        }

        // The code's batch: the platform's, else the first local mix_id.
        let mut batch = plat.map(|p| p.batch).filter(|b| *b != NO_BATCH);
        if batch.is_none()
            && let Some(k) = facts.iter().position(|f| f.batch != NO_BATCH)
        {
            let fb = facts.get(k).map_or(NO_BATCH, |f| f.batch);
            batch = if fb == OTHER_BATCH {
                // A mix_id no platform file loaded (rare): by its text.
                rows.get(k)
                    .and_then(|r| row(self.inputs, *r))
                    .map(|(f, r)| self.table.get_or_add_local(f.text.get(r.mix_id)))
            } else {
                Some(fb)
            };
        }
        let info = batch.and_then(|b| self.table.batches.get(b as usize));
        let denomination: Option<Fen> = info.and_then(|b| b.denomination);

        let class = match (issued, plat) {
            (true, Some(p)) => match p.status {
                CodeStatus::Redeemed => Class::Redeemed,
                CodeStatus::Normal => Class::Outstanding,
                CodeStatus::Expired => Class::Expired,
                CodeStatus::Invalidated => Class::Invalidated,
            },
            (true, None) => {
                let consume_only = match info {
                    Some(b) if b.on_platform => !b.pulled_all,
                    Some(_) => false,
                    None => self.all_consume_only,
                };
                if consume_only {
                    Class::NotRedeemed
                } else {
                    Class::MissingOnPlatform
                }
            }
            (false, Some(p)) => match (p.status, p.bind) {
                (CodeStatus::Redeemed, _) => Class::UnissuedRedeemed,
                (CodeStatus::Normal, BindStatus::Bound) => Class::UnissuedBound,
                _ => Class::Unissued,
            },
            // Cannot happen: every id comes from a record or a row.
            (false, None) => Class::Unissued,
        };

        let mut flags = Flags::default();
        match class {
            Class::MissingOnPlatform => flags.set(Flag::MissingOnPlatform),
            Class::UnissuedRedeemed => flags.set(Flag::UnissuedRedeemed),
            Class::UnissuedBound => flags.set(Flag::UnissuedBound),
            _ => {}
        }
        if rows.len() > 1 {
            flags.set(Flag::DuplicateIssue);
        }
        let mut normalised = false;
        let mut first_face: Option<Fen> = None;
        // The platform's batch, when the platform has the code with one.
        let platform_batch = plat.map(|p| p.batch).filter(|b| *b != NO_BATCH);
        let redeemed = plat.is_some_and(|p| p.status == CodeStatus::Redeemed);
        for f in facts {
            normalised |= f.normalised;
            if first_face.is_none() {
                first_face = f.face();
            }
            if redeemed && f.void {
                flags.set(Flag::VoidedButRedeemed);
            }
            if let (Some(fv), Some(d)) = (f.face(), denomination)
                && fv != d
            {
                flags.set(Flag::FaceValueMismatch);
            }
            if let Some(pb) = platform_batch
                && f.batch != NO_BATCH
                && f.batch != pb
            {
                flags.set(Flag::BatchMismatch);
            }
        }
        if let Some(p) = plat {
            normalised |= p.normalised;
            if p.cross_batch || p.tie_conflict {
                flags.set(Flag::PlatformConflict);
            }
            if p.status == CodeStatus::Redeemed
                && let Some(last) = info.and_then(|b| b.last_valid_moment)
                && p.gmt > last
            {
                flags.set(Flag::RedeemedAfterExpiry);
            }
        }
        if normalised {
            self.normalised_codes += 1;
        }
        let amount = denomination.or(first_face);
        let bound = plat.is_some_and(|p| p.bind == BindStatus::Bound);
        if let Some(p) = plat.filter(|p| p.status == CodeStatus::Redeemed) {
            self.redeemed_days.add(p.gmt, amount);
        }
        match batch.and_then(|b| self.table.batches.get_mut(b as usize)) {
            Some(b) => b.summary.add(class, flags, amount, bound),
            None => self.unbatched.add(class, flags, amount, bound),
        }
        if let (Some(ps), Some(p), Some(opt)) =
            (self.period.as_mut(), plat, self.options.period.as_ref())
            && matches!(class, Class::Redeemed | Class::UnissuedRedeemed)
        {
            if p.gmt < opt.from {
                ps.redeemed_before.add(amount);
            } else if p.gmt < opt.to {
                ps.redeemed_in_period.add(amount);
            } else {
                ps.redeemed_after.add(amount);
            }
        }
        CodeResult::new(CodeOutcome {
            class,
            flags,
            normalised,
            amount,
            batch,
            platform: plat.map(|p| p.rec),
            issuance_start: start,
            issuance_len: end.saturating_sub(start),
        })
    }
}

/// Completeness per batch (SPEC 2.1): distinct codes loaded vs total_count
/// for ALL pulls, and whether the last page said has_next = false.
fn completeness(table: &mut BatchTable, loaded: &[u64], warnings: &mut Vec<String>) {
    for (i, b) in table.batches.iter_mut().enumerate() {
        b.loaded = loaded.get(i).copied().unwrap_or(0);
        if !b.on_platform {
            continue;
        }
        let paging_info = table.has_next_info.get(i).copied().unwrap_or(false);
        let final_seen = table.final_seen.get(i).copied().unwrap_or(false);
        b.has_next_pending = paging_info && !final_seen;
        let label = match &b.name {
            Some(n) => format!("batch {} ({n})", b.mix_id),
            None => format!("batch {}", b.mix_id),
        };
        b.complete = if b.pulled_all {
            match (b.total_count, b.has_next_pending) {
                (_, true) => Some(false),
                (Some(t), false) => Some(b.loaded == t),
                (None, false) => None,
            }
        } else if paging_info {
            Some(final_seen)
        } else {
            None
        };
        if b.complete == Some(false) {
            let mut why = Vec::new();
            if let Some(t) = b.total_count.filter(|_| b.pulled_all)
                && b.loaded != t
            {
                why.push(format!("{} of {} codes loaded", b.loaded, t));
            }
            if b.has_next_pending {
                why.push(
                    "the last page loaded says has_next = true: more pages to fetch".to_string(),
                );
            }
            warnings.push(format!("{label} is incomplete: {}", why.join("; ")));
        }
    }
}
